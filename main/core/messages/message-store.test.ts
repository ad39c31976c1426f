import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { notificationBody } from './channels';
import { MESSAGES_FILE } from './message-journal';
import { MessageStore } from './message-store';

// The message history on a real disk: what survives a restart or a kill in
// the middle of a line, and how unread messages are counted.

const T0 = 1_700_000_000_000;

function openStore(dir: string) {
  const notices = new NoticeBoard();
  return MessageStore.open(dir, { logger: createMemoryLogger(), notices }).then((store) => ({
    store,
    notices,
  }));
}

const received = (id: string, peer: string, at: number, text = `hello ${id}`) =>
  ({ kind: 'received', id, peer, name: `Name ${peer}`, text, at }) as const;
const sent = (id: string, peer: string, at: number) =>
  ({ kind: 'sent', id, peer, name: peer, text: `to ${peer}`, at }) as const;

describe('message history', () => {
  it('keeps conversations by peer, newest first, with unread counts', async () => {
    const { store } = await openStore(await tempDir());
    await store.record(received('a', '1002', T0));
    await store.record(received('b', '1002', T0 + 1));
    await store.record(sent('c', '1003', T0 + 2));
    const list = store.list();
    expect(list.conversations.map((c) => [c.peer, c.unread, c.name])).toEqual([
      ['1003', 0, '1003'],
      ['1002', 2, 'Name 1002'],
    ]);
    expect(list.unread).toBe(2);
    expect((await store.markRead('1002')).unread).toBe(0);
    expect(store.list('1002').messages.map((m) => [m.id, m.read])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it('records a delivery once, and a report twice as one message', async () => {
    const { store } = await openStore(await tempDir());
    await store.record(sent('s', '1002', T0));
    await store.record(sent('s', '1002', T0));
    await store.record({ kind: 'status', id: 's', status: 'failed', reason: 'offline', code: 480 });
    // A late 200 after the failure was shown does not change it.
    await store.record({ kind: 'status', id: 's', status: 'delivered', code: 200 });
    const messages = store.list('1002').messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ status: 'failed', reason: 'offline', code: 480 });
  });

  it('applies a later "not passed on" report only to a message sent to that peer, and keeps it after a restart', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    await store.record(sent('m', '1004', T0));
    await store.record({ kind: 'status', id: 'm', status: 'delivered', code: 202 });
    await store.record(received('in', '1004', T0 + 1));
    // From someone else, about a message it did not get, or about an incoming one: nothing changes.
    expect(await store.record({ kind: 'report', id: 'm', peer: '1002', delivered: false })).toMatchObject({
      applied: false,
    });
    expect(await store.record({ kind: 'report', id: 'in', peer: '1004', delivered: false })).toMatchObject({
      applied: false,
    });
    expect(await store.record({ kind: 'report', id: 'nope', peer: '1004', delivered: false })).toMatchObject({
      applied: false,
    });
    expect(store.list('1004').messages[0]).toMatchObject({ id: 'm', status: 'delivered', code: 202 });

    expect(await store.record({ kind: 'report', id: 'm', peer: '1004', delivered: false })).toMatchObject({
      applied: true,
    });
    // Once failed, a repeat report changes nothing and a late 2xx does not undo it.
    expect(await store.record({ kind: 'report', id: 'm', peer: '1004', delivered: false })).toMatchObject({
      applied: false,
    });
    await store.record({ kind: 'status', id: 'm', status: 'delivered', code: 202 });
    const again = await openStore(dir);
    expect(again.store.list('1004').messages[0]).toMatchObject({
      id: 'm',
      status: 'failed',
      reason: 'not-passed-on',
    });
  });

  it('replays the journal after a restart', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    await first.store.record(received('a', '1002', T0));
    await first.store.record(sent('b', '1002', T0 + 1));
    await first.store.record({ kind: 'status', id: 'b', status: 'delivered', code: 200 });
    await first.store.record(received('c', '1004', T0 + 2));
    await first.store.markRead('1004');
    const again = await openStore(dir);
    expect(again.store.list('1002').messages.map((m) => [m.id, m.status])).toEqual([
      ['a', 'received'],
      ['b', 'delivered'],
    ]);
    expect(again.store.unreadCount()).toBe(1);
    // Each change was a line of its own.
    expect((await readFile(join(dir, MESSAGES_FILE), 'utf8')).trim().split('\n')).toHaveLength(5);
  });

  it('survives a kill in the middle of a line: the cut line is dropped, the rest kept', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    await first.store.record(received('a', '1002', T0));
    await appendFile(join(dir, MESSAGES_FILE), '{"type":"message","id":"b","peer":"10');
    const { store } = await openStore(dir);
    expect(store.list('1002').messages.map((m) => m.id)).toEqual(['a']);
    // The file was written again clean, and takes new lines.
    await store.record(received('c', '1002', T0 + 5));
    expect((await openStore(dir)).store.list('1002').messages.map((m) => m.id)).toEqual(['a', 'c']);
  });

  it('skips a damaged line, keeps a copy of the file and says so', async () => {
    const dir = await tempDir();
    const line = (id: string) =>
      JSON.stringify({
        type: 'message',
        ...received(id, '1002', T0),
        kind: undefined,
        direction: 'incoming',
        status: 'received',
      });
    await writeFile(join(dir, MESSAGES_FILE), `${line('a')}\nnot json\n${line('b')}\n`);
    const { store, notices } = await openStore(dir);
    expect(store.list('1002').messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(notices.list().map((n) => n.id)).toContain('messages-damaged');
    expect((await readdir(dir)).some((f) => f.startsWith(`${MESSAGES_FILE}.corrupt-`))).toBe(true);
  });

  it('tells listeners of a received message (for the notification)', async () => {
    const { store } = await openStore(await tempDir());
    const changes: Array<{ unread: number; received?: string }> = [];
    store.onChange((c) => changes.push({ unread: c.unread, received: c.received?.text }));
    await store.record(received('a', '1002', T0, 'Lunch?'));
    await store.markRead('1002');
    expect(changes).toEqual([
      { unread: 1, received: 'Lunch?' },
      { unread: 0, received: undefined },
    ]);
  });
});

describe('a message notification', () => {
  it('shows the first line, cleaned and shortened', () => {
    expect(notificationBody('\n<b>Hi</b> there\nsecond line')).toBe('Hi there');
    expect(notificationBody('x'.repeat(300), 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

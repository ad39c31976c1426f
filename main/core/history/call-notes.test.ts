import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, report } from '../desk/test-reports';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { HistoryStore } from './history-store';
import { HISTORY_FILE } from './journal-file';

// Call notes: typed during the call (by the phone's call id) or afterwards
// from Recent (by history id), kept through restarts and crashes, searchable,
// one line of plain text; journals written before notes existed still load.

const T0 = 1_700_000_000_000;

async function open(dir: string) {
  const notices = new NoticeBoard();
  const store = await HistoryStore.open(dir, {
    logger: createMemoryLogger(),
    notices,
    now: () => new Date(T0 + 60_000),
  });
  return { store, notices };
}

describe('call notes', () => {
  it('a note typed during the call is in the entry after it ends and after a restart', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    const ringing = call({ id: 'call-1', startedAt: T0, remoteName: 'Bob Baker', remoteNumber: '1002' });
    await store.report(report([{ ...ringing, status: 'active', answeredAt: T0 + 1000 }]));
    const saved = await store.setNote({ callId: 'call-1', note: '  Wants a\nrefund  ' });
    expect(saved.note).toBe('Wants a refund');
    await store.report(report([{ ...ringing, status: 'ended', answeredAt: T0 + 1000, endedAt: T0 + 9000 }]));
    expect(store.list().entries[0]).toMatchObject({
      id: saved.entryId,
      note: 'Wants a refund',
      outcome: 'answered',
    });
    await store.flush();

    const again = (await open(dir)).store;
    expect(again.list().entries[0]?.note).toBe('Wants a refund');
    expect(again.list({ query: 'REFUND' }).total).toBe(1);
    expect(again.list({ query: 'invoice' }).total).toBe(0);
  });

  it('a note set just after the call ended (the call still lingers) reaches its entry', async () => {
    const { store } = await open(await tempDir());
    const c = call({ id: 'call-2', startedAt: T0 });
    await store.report(report([c]));
    await store.report(report([{ ...c, status: 'ended', endedAt: T0 + 5000 }]));
    await store.setNote({ callId: 'call-2', note: 'Call back Monday' });
    expect(store.list().entries[0]?.note).toBe('Call back Monday');
  });

  it('from Recent: set, change and remove a note by history id; the last one counts after a restart', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    const c = call({ id: 'call-3', startedAt: T0 });
    await store.report(report([c]));
    await store.report(report([{ ...c, status: 'ended', endedAt: T0 + 5000 }]));
    const id = store.list().entries[0]!.id;
    await store.setNote({ entryId: id, note: 'first' });
    await store.setNote({ entryId: id, note: '<b>second</b> \u202Eword' });
    expect(store.list().entries[0]?.note).toBe('second word');
    await store.flush();
    expect((await open(dir)).store.list().entries[0]?.note).toBe('second word');
    await store.setNote({ entryId: id, note: '' });
    await store.flush();
    const reopened = (await open(dir)).store.list().entries[0]!;
    expect(reopened.note).toBeUndefined();
    expect(reopened.outcome).toBe('missed');
  });

  it('a note on a call cut off by a crash is kept with the interrupted entry', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    await store.report(report([call({ id: 'call-4', startedAt: T0, status: 'active', answeredAt: T0 })]));
    await store.setNote({ callId: 'call-4', note: 'half way' });
    await store.flush();
    const entry = (await open(dir)).store.list().entries[0]!;
    expect(entry).toMatchObject({ outcome: 'interrupted', note: 'half way' });
  });

  it('an unknown call is refused with a plain reason', async () => {
    const { store } = await open(await tempDir());
    await expect(store.setNote({ callId: 'call-99', note: 'x' })).rejects.toThrow(
      /no longer in your call history/,
    );
    await expect(store.setNote({ entryId: 'h-nope', note: 'x' })).rejects.toThrow(/no longer/);
  });

  it('a journal from before notes existed loads as it was, without notices', async () => {
    const dir = await tempDir();
    const old = [
      {
        type: 'ended',
        id: 'h-old',
        direction: 'incoming',
        number: '1002',
        name: 'Bob',
        remoteUri: 'sip:1002@pbx',
        start: T0,
        end: T0 + 9000,
        duration: 5,
        outcome: 'answered',
      },
      { type: 'seen', at: T0 },
    ];
    await writeFile(join(dir, HISTORY_FILE), old.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { store, notices } = await open(dir);
    expect(store.list().entries).toEqual([{ ...old[0], type: undefined }].map(({ type: _t, ...e }) => e));
    expect(notices.list()).toEqual([]);
    await store.setNote({ entryId: 'h-old', note: 'migrated' });
    await store.flush();
    expect(await readFile(join(dir, HISTORY_FILE), 'utf8')).toContain('"note":"migrated"');
  });
});

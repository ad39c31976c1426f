import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../contract/channels';
import { createDeskFakes } from '../../../e2e/fixtures/desk-fakes';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { call, report } from '../desk/test-reports';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { HistoryStore } from './history-store';
import { matcher } from './search';

// Search, paging, the missed-call count and its way to the tray, the badge
// and the renderer (through the real app core and IPC router).

const T0 = 1_700_000_000_000;
const clock = T0 + 3_600_000;
const now = () => new Date(clock);

async function openStore(dir?: string) {
  return HistoryStore.open(dir ?? (await tempDir()), {
    logger: createMemoryLogger(),
    notices: new NoticeBoard(),
    now,
  });
}

async function missedCall(
  store: HistoryStore,
  n: number,
  name = 'Alice Archer',
  number = 'alice',
  base = T0,
) {
  const ringing = call({ id: `call-${n}`, startedAt: base + n, remoteName: name, remoteNumber: number });
  await store.report(report([ringing]));
  await store.report(report([{ ...ringing, status: 'ended', endedAt: base + n + 10 }]));
}

describe('history search', () => {
  const item = (name: string, number: string) => ({ name, number });

  it('matches name or number, ignoring case', () => {
    expect(matcher('ALI')(item('Alice Archer', 'alice'))).toBe(true);
    expect(matcher('archer')(item('Alice Archer', '1001'))).toBe(true);
    expect(matcher('100')(item('Bob', '1001'))).toBe(true);
    expect(matcher('carol')(item('Alice Archer', 'alice'))).toBe(false);
    expect(matcher('  ')(item('x', 'y'))).toBe(true);
  });

  it('matches numbers written with separators, digits only', () => {
    const stored = item('Switchboard', '+442079460018');
    expect(matcher('+44 20 7946-0018')(stored)).toBe(true);
    expect(matcher('(020) 7946')(stored)).toBe(false);
    expect(matcher('7946 0018')(stored)).toBe(true);
    expect(matcher('020-7946')(item('Office', '020 7946 0018'))).toBe(true);
  });

  it('filters the list by query and direction, newest first, in pages', async () => {
    const store = await openStore();
    await missedCall(store, 1, 'Alice Archer', 'alice');
    await missedCall(store, 2, 'Bob Baker', '+1 555 0100');
    await missedCall(store, 3, 'Alice Archer', 'alice');
    const outgoing = call({ id: 'call-4', direction: 'outgoing', status: 'dialing', startedAt: T0 + 4 });
    await store.report(report([outgoing]));
    await store.report(report([{ ...outgoing, status: 'ended', endedAt: T0 + 9, endCode: 480 }]));

    expect(store.list({ query: 'alice' }).total).toBe(3);
    expect(store.list({ query: '5550100' }).entries.map((e) => e.name)).toEqual(['Bob Baker']);
    expect(store.list({ direction: 'outgoing' }).entries.map((e) => e.outcome)).toEqual(['failed']);
    const page = store.list({ limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.entries.map((e) => e.start)).toEqual([T0 + 3, T0 + 2]);
  });
});

describe('missed calls', () => {
  it('counts unseen missed calls, and mark-seen clears them for good', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const counts: number[] = [];
    store.onChange((missed) => counts.push(missed));
    await missedCall(store, 1);
    await missedCall(store, 2);
    expect(store.missedCount()).toBe(2);
    expect(await store.markSeen()).toBe(0);
    expect(counts).toEqual([1, 2, 0]);
    expect((await openStore(dir)).missedCount()).toBe(0);

    // A later call, after the user looked.
    await missedCall(store, 3, 'Carol', 'carol', clock + 1000);
    expect(store.missedCount()).toBe(1);
    expect((await openStore(dir)).missedCount()).toBe(1);
  });

  it('clear removes finished calls and the count', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await missedCall(store, 1);
    expect(await store.clear()).toBe(1);
    expect(store.list()).toEqual({ entries: [], total: 0, missed: 0 });
    expect((await openStore(dir)).list().total).toBe(0);
  });

  it('reach the tray, the badge and the renderer through the app core', async () => {
    const dir = await tempDir();
    const badge: number[] = [];
    const sent: Array<{ channel: EventChannel; payload: unknown }> = [];
    const fakes = createDeskFakes();
    const core = await createAppCore({
      userDataDir: dir,
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
      sendEvent: (channel, payload) => void sent.push({ channel, payload }),
      desktop: { ...fakes.ports, badge: { setCount: (n) => void badge.push(n) } },
    });
    const sender = { frameUrl: 'app://phone/index.html', isOwnMainFrame: true };
    const ringing = call({ id: 'call-1', startedAt: T0 });
    await core.router.dispatch('phone:report', sender, report([ringing]));
    await core.router.dispatch(
      'phone:report',
      sender,
      report([{ ...ringing, status: 'ended', endedAt: T0 + 5 }]),
    );
    await core.history.flush();

    expect(core.desk.tray().missedCalls).toBe(1);
    expect(fakes.tray.model?.tooltip).toBe('DeskPhone — Registered — 1 missed call');
    expect(badge.at(-1)).toBe(1);
    expect(sent).toContainEqual({ channel: 'history:changed', payload: { missed: 1 } });
    const list = (await core.router.dispatch('history:list', sender, { query: 'ALICE' })) as {
      entries: Array<{ outcome: string }>;
      missed: number;
    };
    expect(list.entries.map((e) => e.outcome)).toEqual(['missed']);
    expect(list.missed).toBe(1);

    expect(await core.router.dispatch('history:mark-seen', sender, {})).toEqual({ missed: 0 });
    expect(core.desk.tray().missedCalls).toBe(0);
    expect(badge.at(-1)).toBe(0);
    expect(sent.at(-1)).toEqual({ channel: 'history:changed', payload: { missed: 0 } });
    await expect(core.router.dispatch('history:list', sender, { limit: 0 })).rejects.toThrow(/limit/);
  });
});

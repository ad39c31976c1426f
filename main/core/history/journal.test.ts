import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../contract/history';
import { call, report } from '../desk/test-reports';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { HistoryStore, type HistoryStoreOptions } from './history-store';
import { HISTORY_FILE } from './journal-file';

// The journal on a real disk: what survives a kill, what a damaged file
// costs, and that compaction keeps the right calls in the right order.

const T0 = 1_700_000_000_000;
const fixedNow = () => new Date(T0 + 3_600_000);

async function openStore(dir: string, extra: Partial<HistoryStoreOptions> = {}) {
  const notices = new NoticeBoard();
  const logger = createMemoryLogger();
  const store = await HistoryStore.open(dir, { logger, notices, now: fixedNow, ...extra });
  return { store, notices, logger };
}

/** Plays one finished call through the store: rings (or dials), then ends. */
async function finishCall(store: HistoryStore, n: number, overrides: Parameters<typeof call>[0] = {}) {
  const base = call({ id: `call-${n}`, startedAt: T0 + n * 1000, remoteNumber: `10${n}`, ...overrides });
  await store.report(report([base]));
  await store.report(report([{ ...base, status: 'ended', endedAt: T0 + n * 1000 + 500 }]));
  await store.report(report([]));
}

function names(entries: HistoryEntry[]): string[] {
  return entries.map((e) => e.number);
}

describe('history journal', () => {
  it('appends complete lines and replays them after a restart', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    await finishCall(store, 1);
    await finishCall(store, 2, { direction: 'outgoing', status: 'dialing', endReason: 'Call cancelled.' });
    const text = await readFile(join(dir, HISTORY_FILE), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['started', 'ended', 'started', 'ended']);

    const again = await openStore(dir);
    const list = again.store.list();
    expect(names(list.entries)).toEqual(['102', '101']);
    expect(list.entries.map((e) => e.outcome)).toEqual(['cancelled', 'missed']);
    expect(again.notices.list()).toEqual([]);
  });

  it('a kill in the middle of a line costs only that line', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    await finishCall(store, 1);
    await finishCall(store, 2);
    const file = join(dir, HISTORY_FILE);
    const text = await readFile(file, 'utf8');
    // Cut the last line ("ended" of call 2) in half, as a kill -9 during the write would.
    const lastLine = text.trimEnd().split('\n').at(-1)!;
    await truncate(file, Buffer.byteLength(text) - Math.ceil(lastLine.length / 2) - 1);

    const again = await openStore(dir);
    const list = again.store.list();
    // Call 2's start survived, its end did not: it is kept as interrupted.
    expect(list.entries.map((e) => [e.number, e.outcome])).toEqual([
      ['102', 'interrupted'],
      ['101', 'missed'],
    ]);
    expect(again.notices.list().map((n) => n.id)).toEqual(['history-torn']);
    // Repaired on disk: every line whole again, nothing moved aside.
    const repaired = await readFile(file, 'utf8');
    for (const line of repaired.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect((await readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([]);

    // Appending after the repair still replays cleanly.
    await finishCall(again.store, 3);
    const third = await openStore(dir);
    expect(names(third.store.list().entries)).toEqual(['103', '102', '101']);
    expect(third.notices.list()).toEqual([]);
  });

  it('marks calls that started but never ended as interrupted, once', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    await store.report(report([call({ id: 'call-1', startedAt: T0, status: 'incoming' })]));
    await store.report(
      report([call({ id: 'call-1', startedAt: T0, status: 'active', answeredAt: T0 + 2000 })]),
    );
    // No close, no flush beyond what report() awaited: the process "dies" here.
    const after = await openStore(dir);
    const [entry] = after.store.list().entries;
    expect(entry).toMatchObject({ outcome: 'interrupted', start: T0, number: 'alice' });
    const third = await openStore(dir);
    expect(third.store.list().entries).toEqual(after.store.list().entries);
  });

  it('skips garbage lines, keeps the rest, and moves the damaged file aside', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    await finishCall(store, 1);
    await finishCall(store, 2);
    const file = join(dir, HISTORY_FILE);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    lines.splice(2, 0, '{"type":"ended","id":42}', 'not json at all');
    await writeFile(file, `${lines.join('\n')}\n`);

    const again = await openStore(dir);
    expect(names(again.store.list().entries)).toEqual(['102', '101']);
    const [notice] = again.notices.list();
    expect(notice).toMatchObject({ id: 'history-damaged', level: 'warning' });
    expect(notice!.message).toContain('had 2 damaged lines');
    const aside = (await readdir(dir)).filter((n) => n.startsWith(`${HISTORY_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toContain('not json at all');
  });

  it('moves an unreadable file aside and starts empty', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, HISTORY_FILE), '\u0000\u0001binary junk\n\u0002more\n');
    const { store, notices } = await openStore(dir);
    expect(store.list().total).toBe(0);
    expect(notices.list()[0]!.message).toContain('starts empty');
    await finishCall(store, 1);
    expect((await openStore(dir)).store.list().total).toBe(1);
  });

  it('compaction keeps the newest calls, oldest first on disk, and caps the count', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir, { maxCalls: 3, compactAfter: 8 });
    for (let n = 1; n <= 6; n++) await finishCall(store, n);
    expect(names(store.list().entries)).toEqual(['106', '105', '104']);
    const lines = (await readFile(join(dir, HISTORY_FILE), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(8);

    const again = await openStore(dir, { maxCalls: 3, compactAfter: 8 });
    expect(names(again.store.list().entries)).toEqual(['106', '105', '104']);
    // A fresh compaction on open writes one line per call, oldest first.
    const compacted = await openStore(dir, { maxCalls: 2, compactAfter: 1 });
    expect(names(compacted.store.list().entries)).toEqual(['106', '105']);
    const onDisk = (await readFile(join(dir, HISTORY_FILE), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; number: string });
    expect(onDisk.map((e) => [e.type, e.number])).toEqual([
      ['ended', '105'],
      ['ended', '106'],
    ]);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DirectoryStatus } from '../../../contract/directory';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { DIRECTORY_FILE } from './directory-store';
import { DIRECTORY_NOTICE_ID, DIRECTORY_RETRY_MS, DirectoryService, type Timers } from './directory-service';
import { DirectoryFetchError, type DirectoryDownload, type DirectoryFetchOptions } from './https-fetch';

const URL = 'https://dir.example.com/staff.csv';
const HOUR = 60 * 60 * 1000;
const csv = (rows: string[]) => Buffer.from(`name,phone\n${rows.join('\n')}\n`);

/** A clock whose timers run only when the test advances it. */
class FakeClock implements Timers {
  now = new Date('2026-12-06T08:00:00Z');
  private timers: Array<{ at: number; run: () => void; id: number }> = [];
  private ids = 0;
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.now.getTime() + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** When the next timer fires, in ms from now; null when none is set. */
  nextIn(): number | null {
    const next = Math.min(...this.timers.map((t) => t.at));
    return Number.isFinite(next) ? next - this.now.getTime() : null;
  }
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
    const due = this.timers.filter((t) => t.at <= this.now.getTime());
    this.timers = this.timers.filter((t) => t.at > this.now.getTime());
    for (const timer of due) timer.run();
  }
}

type Answer = DirectoryDownload | Error;

async function setUp(dir?: string) {
  const folder = dir ?? (await tempDir());
  const clock = new FakeClock();
  const notices = new NoticeBoard();
  const answers: Answer[] = [];
  const asked: DirectoryFetchOptions[] = [];
  const changes: DirectoryStatus[] = [];
  const service = await DirectoryService.open({
    url: () => URL,
    refreshHours: () => 24,
    adminCaPems: () => ['-----BEGIN CERTIFICATE-----company-----END CERTIFICATE-----'],
    fetch: (_url, options) => {
      asked.push(options);
      const answer = answers.shift() ?? new Error('no answer queued');
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    dir: folder,
    notices,
    logger: createMemoryLogger(),
    onChange: (status) => changes.push(status),
    now: () => clock.now,
    timers: clock,
  });
  const ok = (body: Buffer, contentType = 'text/csv'): Answer => ({ status: 200, contentType, body });
  return { folder, clock, notices, answers, asked, changes, service, ok };
}

describe('DirectoryService', () => {
  it('downloads soon after start with the company CA, the size cap and the time limit, then daily', async () => {
    const { clock, answers, asked, service, ok, changes } = await setUp();
    answers.push(ok(csv(['Alice Archer,1001', 'Bob Baker,1002'])));
    expect(clock.nextIn()).toBe(5000);
    clock.advance(5000);
    await expect.poll(() => changes.length).toBe(1);
    expect(service.status().count).toBe(2);
    expect(asked[0]).toEqual({
      ca: ['-----BEGIN CERTIFICATE-----company-----END CERTIFICATE-----'],
      maxBytes: 20 * 1024 * 1024,
      timeoutMs: 30_000,
    });
    expect(service.status()).toMatchObject({
      configured: true,
      source: 'dir.example.com',
      updatedAt: '2026-12-06T08:00:05.000Z',
      lastError: null,
    });
    expect(changes.at(-1)).toMatchObject({ count: 2, refreshing: false });
    expect(clock.nextIn()).toBe(24 * HOUR);

    answers.push(ok(csv(['Carol Cole,1003'])));
    clock.advance(24 * HOUR);
    await expect.poll(() => changes.length).toBe(2);
    expect(service.view().entries.map((e) => e.name)).toEqual(['Carol Cole']);
    expect(clock.nextIn()).toBe(24 * HOUR);
  });

  it('keeps the last good copy when a download is damaged, with a notice saying why', async () => {
    const { answers, notices, service, ok, clock } = await setUp();
    answers.push(ok(csv(['Alice Archer,1001'])));
    await service.refresh();

    const damaged: Array<[Answer, RegExp]> = [
      [{ status: 500, contentType: 'text/plain', body: Buffer.alloc(0) }, /answered HTTP 500/],
      [ok(Buffer.from('<html>Sign in</html>'), 'text/html'), /web page/],
      [ok(Buffer.from(''), 'text/csv'), /empty/],
      [ok(Buffer.from('name,phone\nBroken,\n')), /none of its 1 entries/],
      [
        new DirectoryFetchError('the server dir.example.com has a certificate this computer does not trust'),
        /does not trust/,
      ],
      [new DirectoryFetchError('the file is larger than 20 MB.'), /larger than 20 MB/],
    ];
    for (const [answer, why] of damaged) {
      answers.push(answer);
      const status = await service.refresh();
      expect(status.count).toBe(1);
      expect(status.lastError).toMatch(why);
      expect(service.view().entries[0]?.name).toBe('Alice Archer');
      const notice = notices.list().find((n) => n.id === DIRECTORY_NOTICE_ID);
      expect(notice?.level).toBe('warning');
      expect(notice?.message).toMatch(why);
      expect(notice?.message).toContain('keeps using the last good copy (1 entries)');
      // A failure is retried within the hour, not a day later.
      expect(clock.nextIn()).toBe(DIRECTORY_RETRY_MS);
    }

    answers.push(ok(csv(['Alice Archer,1001', 'Bob Baker,1002'])));
    const fixed = await service.refresh();
    expect(fixed).toMatchObject({ count: 2, lastError: null });
    expect(notices.list().find((n) => n.id === DIRECTORY_NOTICE_ID)).toBeUndefined();
  });

  it('serves the stored copy at the next start, before any download, and only for the same URL', async () => {
    const first = await setUp();
    first.answers.push(first.ok(csv(['Alice Archer,1001'])));
    await first.service.refresh();
    first.service.dispose();
    const stored = JSON.parse(await readFile(join(first.folder, DIRECTORY_FILE), 'utf8'));
    expect(stored.entries).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('dir.example.com');

    const again = await setUp(first.folder);
    expect(again.service.status()).toMatchObject({ count: 1, updatedAt: '2026-12-06T08:00:00.000Z' });
    // The first download fails: the offline copy stays.
    again.answers.push(new DirectoryFetchError('the server dir.example.com refused the connection.'));
    again.clock.advance(5000);
    await expect.poll(() => again.service.status().lastError).toMatch(/refused/);
    expect(again.service.view().entries[0]?.name).toBe('Alice Archer');
  });

  it('moves a damaged stored copy aside and starts empty; one refresh at a time', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, DIRECTORY_FILE), '{"version":1,"entr');
    const { service, answers, ok, asked } = await setUp(folder);
    expect(service.status().count).toBe(0);
    answers.push(ok(csv(['Alice Archer,1001'])));
    const [a, b] = await Promise.all([service.refresh(), service.refresh()]);
    expect(asked).toHaveLength(1);
    expect(a.count).toBe(1);
    expect(b.count).toBe(1);
  });

  it('is not configured and never downloads without a URL', async () => {
    const clock = new FakeClock();
    const service = await DirectoryService.open({
      url: () => null,
      refreshHours: () => 24,
      adminCaPems: () => [],
      fetch: () => Promise.reject(new Error('must not download')),
      dir: await tempDir(),
      notices: new NoticeBoard(),
      logger: createMemoryLogger(),
      timers: clock,
    });
    expect(clock.nextIn()).toBeNull();
    expect(service.view()).toEqual({
      status: expect.objectContaining({ configured: false, source: null, count: 0 }),
      entries: [],
    });
  });
});

import { mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingRef, RecordingSettings } from '../../../contract/recording';
import { nodeRecordingDisk, recordingFileName, type RecordingDisk } from './recording-disk';
import { RecordingService, type RecordingHistoryPort } from './recording-service';

const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const b64 = (text: string) => Buffer.from(text).toString('base64');

function fakeHistory(): RecordingHistoryPort & { refs: Map<string, RecordingRef[]> } {
  const refs = new Map<string, RecordingRef[]>();
  return {
    refs,
    historyIdOf: (callId) => (callId === 'unknown' ? undefined : `h-${callId}`),
    async recorded(historyId, ref) {
      const list = (refs.get(historyId) ?? []).filter((r) => r.file !== ref.file);
      refs.set(historyId, [...list, ref]);
    },
    recordingOf: (historyId, index) => refs.get(historyId)?.[index],
  };
}

describe('RecordingService', () => {
  let dir: string;
  let settings: RecordingSettings;
  let history: ReturnType<typeof fakeHistory>;
  const start = {
    callId: '1',
    direction: 'incoming' as const,
    number: '+49 30/123',
    mimeType: 'audio/webm' as const,
  };
  const service = (disk: RecordingDisk = nodeRecordingDisk, extra = {}) =>
    new RecordingService({
      settings: () => settings,
      defaultFolder: join(dir, 'default'),
      history,
      logger: quiet,
      disk,
      now: () => new Date(2026, 11, 6, 18, 40, 12).getTime(),
      ...extra,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rec-'));
    settings = { mode: 'demand', folder: '', notice: 'none' };
    history = fakeHistory();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes chunks in order to a readable, dated file and lists it with the call from the start', async () => {
    const recorder = service();
    const started = await recorder.start(start);
    if (!('id' in started)) throw new Error('did not start');
    expect(started.file).toBe('2026-12-06 18.40.12 incoming +4930123.webm');
    expect(history.refs.get('h-1')?.[0]?.bytes).toBe(0);
    await recorder.append({ id: started.id, seq: 0, data: b64('abc') });
    await recorder.append({ id: started.id, seq: 1, data: b64('def') });
    // A repeated chunk (a retry after a slow answer) is not written twice.
    expect(await recorder.append({ id: started.id, seq: 1, data: b64('def') })).toEqual({ bytes: 6 });
    const ref = await recorder.stop(started.id);
    expect(ref.bytes).toBe(6);
    expect(await readFile(join(dir, 'default', started.file), 'utf8')).toBe('abcdef');
    expect(history.refs.get('h-1')).toEqual([ref]);
    const read = await recorder.read('h-1', 0);
    expect(Buffer.from(read.data, 'base64').toString()).toBe('abcdef');
  });

  it('a folder deleted or renamed mid-recording stops it with "folder-missing" on the next chunk', async () => {
    for (const vanish of [
      (folder: string) => rm(folder, { recursive: true }),
      (folder: string) => rename(folder, `${folder} (moved)`),
    ]) {
      const recorder = service();
      const started = await recorder.start(start);
      if (!('id' in started)) throw new Error('did not start');
      expect(await recorder.append({ id: started.id, seq: 0, data: b64('abc') })).toEqual({ bytes: 3 });
      await vanish(join(dir, 'default'));
      // On Linux the open file still takes the bytes: only the path check notices.
      expect(await recorder.append({ id: started.id, seq: 1, data: b64('def') })).toEqual({
        bytes: 3,
        problem: 'folder-missing',
      });
      expect(history.refs.get('h-1')?.at(-1)).toMatchObject({ problem: 'folder-missing' });
      await rm(`${join(dir, 'default')} (moved)`, { recursive: true, force: true });
    }
  });

  it('refuses a gap: a file never has a hole in the middle', async () => {
    const recorder = service();
    const started = await recorder.start(start);
    if (!('id' in started)) throw new Error('did not start');
    await expect(recorder.append({ id: started.id, seq: 2, data: b64('x') })).rejects.toThrow(/went missing/);
  });

  it('a second recording in the same second gets its own file', async () => {
    const recorder = service();
    const first = await recorder.start(start);
    const second = await recorder.start(start);
    expect('file' in first && 'file' in second && second.file).toBe(
      '2026-12-06 18.40.12 incoming +4930123 (2).webm',
    );
    expect((await readdir(join(dir, 'default'))).length).toBe(2);
  });

  it('says why it cannot start: recording off, a chosen folder that is gone', async () => {
    settings = { ...settings, mode: 'off' };
    expect(await service().start(start)).toMatchObject({ problem: 'off' });
    settings = { mode: 'always', folder: join(dir, 'gone'), notice: 'none' };
    expect(await service().start(start)).toEqual({ problem: 'folder-missing', folder: join(dir, 'gone') });
  });

  it('a full disk stops the recording with "disk-full", keeps what was written and takes no more', async () => {
    let written = 0;
    const disk: RecordingDisk = {
      ...nodeRecordingDisk,
      makeFolder: async () => undefined,
      create: async () => ({
        append: async (data) => {
          if (written >= 3) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          written += data.length;
        },
        close: async () => undefined,
      }),
    };
    const recorder = service(disk);
    const started = await recorder.start(start);
    if (!('id' in started)) throw new Error('did not start');
    await recorder.append({ id: started.id, seq: 0, data: b64('abc') });
    expect(await recorder.append({ id: started.id, seq: 1, data: b64('def') })).toEqual({
      bytes: 3,
      problem: 'disk-full',
    });
    expect(history.refs.get('h-1')?.[0]).toMatchObject({ bytes: 3, problem: 'disk-full' });
    await expect(recorder.append({ id: started.id, seq: 2, data: b64('g') })).rejects.toThrow(
      /already stopped/,
    );
  });

  it('closes a recording whose renderer went quiet and keeps it in the history', async () => {
    vi.useFakeTimers();
    try {
      const recorder = service(nodeRecordingDisk, { idleCloseMs: 1000 });
      const started = await recorder.start(start);
      if (!('id' in started)) throw new Error('did not start');
      await recorder.append({ id: started.id, seq: 0, data: b64('abc') });
      await vi.advanceTimersByTimeAsync(1500);
      vi.useRealTimers();
      await vi.waitFor(() => expect(history.refs.get('h-1')?.[0]?.bytes).toBe(3));
      await expect(recorder.stop(started.id)).rejects.toThrow(/already stopped/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads and reveals only recordings the history lists', async () => {
    const reveal = vi.fn();
    const recorder = service(nodeRecordingDisk, { reveal });
    await expect(recorder.read('h-9', 0)).rejects.toThrow(/not in the call history/);
    const started = await recorder.start(start);
    if (!('id' in started)) throw new Error('did not start');
    await recorder.stop(started.id);
    expect(await recorder.reveal('h-1', 0)).toBe(true);
    expect(reveal).toHaveBeenCalledWith(join(dir, 'default', started.file));
  });

  it('file names keep only characters every file system accepts', () => {
    const when = new Date(2026, 0, 2, 3, 4, 5);
    expect(recordingFileName(when, 'outgoing', '../../etc/passwd', 'ogg')).toBe(
      '2026-01-02 03.04.05 outgoing ....etcpasswd.ogg',
    );
    expect(recordingFileName(when, 'outgoing', '<>:"|?', 'webm')).toBe(
      '2026-01-02 03.04.05 outgoing unknown.webm',
    );
  });
});

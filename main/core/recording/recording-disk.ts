import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingProblem } from '../../../contract/recording';

// Files on disk for call recordings: names a person can sort and read, and
// the file system behind a narrow port so "disk full" can be tested.

export interface RecordingFile {
  /** Appends and makes it durable: a crash after this returns keeps these bytes. */
  append(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface RecordingDisk {
  /** Creates a new file; never overwrites one (EEXIST when the name is taken). */
  create(path: string): Promise<RecordingFile>;
  folderExists(folder: string): Promise<boolean>;
  /** Creates the default folder when it is missing (a chosen folder must exist). */
  makeFolder(folder: string): Promise<void>;
  read(path: string, maxBytes: number): Promise<Uint8Array>;
}

export const nodeRecordingDisk: RecordingDisk = {
  async create(path) {
    const handle: FileHandle = await open(path, 'wx');
    return {
      async append(data) {
        await handle.write(data);
        await handle.datasync();
        await stillThere(path, handle);
      },
      close: () => handle.close(),
    };
  },
  async folderExists(folder) {
    return stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
  },
  async makeFolder(folder) {
    await mkdir(folder, { recursive: true });
  },
  async read(path, maxBytes) {
    const info = await stat(path);
    if (info.size > maxBytes) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return readFile(path);
  },
};

/**
 * An open file stays writable after its folder is deleted or renamed: the
 * bytes would go to a file nobody can find. After each chunk, the path must
 * still name the file we write to; if not, the recording stops as if the
 * folder were gone (ENOENT), and the user is told.
 */
async function stillThere(path: string, handle: FileHandle): Promise<void> {
  const [open, named] = await Promise.all([handle.stat(), stat(path).catch(() => null)]);
  if (!named || named.ino !== open.ino || named.dev !== open.dev) {
    throw Object.assign(new Error(`${path} is no longer where the recording was started`), {
      code: 'ENOENT',
    });
  }
}

/** What a failed file operation means for the person recording. */
export function problemOf(error: unknown): Exclude<RecordingProblem, 'off'> {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'disk-full';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'folder-missing';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'no-permission';
    default:
      return 'write-failed';
  }
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "2026-12-06 18.40.12 incoming +4930123.webm": sorts by time in any file
 * manager, and holds only characters every desktop file system accepts.
 */
export function recordingFileName(
  startedAt: Date,
  direction: 'incoming' | 'outgoing',
  number: string,
  extension: 'webm' | 'ogg',
  attempt = 0,
): string {
  const d = startedAt;
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}.${two(d.getMinutes())}.${two(d.getSeconds())}`;
  const who = number.replace(/[^0-9A-Za-z+*#._-]/g, '').slice(0, 40) || 'unknown';
  const suffix = attempt > 0 ? ` (${attempt + 1})` : '';
  return `${stamp} ${direction} ${who}${suffix}.${extension}`;
}

/** Creates the file under a free name (a second recording in the same second gets " (2)"). */
export async function createUnique(
  disk: RecordingDisk,
  folder: string,
  name: (attempt: number) => string,
): Promise<{ file: string; handle: RecordingFile }> {
  for (let attempt = 0; ; attempt++) {
    const file = name(attempt);
    try {
      return { file, handle: await disk.create(join(folder, file)) };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST' || attempt >= 20) throw error;
    }
  }
}

import { randomBytes } from 'node:crypto';
import { chmod, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorCode } from './errors';

// The small JSON files main keeps (settings, credentials) must survive a
// power cut mid-save and must never be silently thrown away. Everything that
// touches them on disk goes through these few functions.

const TEMP_MARKER = '.tmp-';

export interface AtomicWriteOptions {
  /** File mode for the new file, e.g. 0o600 for secrets. */
  mode?: number;
}

/**
 * Replaces `filePath` with `data` so that a reader (or the next start after a
 * crash) sees either the whole old file or the whole new one:
 * write a temp file in the same folder, fsync it, rename it over the target
 * (atomic within one file system), then fsync the folder so the rename itself
 * is on disk.
 */
export async function writeFileAtomic(
  filePath: string,
  data: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(filePath);
  const temp = join(
    dir,
    `${basename(filePath)}${TEMP_MARKER}${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  const mode = options.mode ?? 0o644;
  // 'wx' refuses to follow a planted file or symlink with the same name.
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    // The umask may have narrowed the mode, never widened it; chmod makes the
    // intended mode explicit before the file becomes visible under its name.
    if (options.mode !== undefined) await chmod(temp, options.mode);
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** fsync a folder so a rename in it is durable. Windows cannot open folders
 * this way; there NTFS journaling covers the rename, so failure is ignored. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export type ReadOutcome =
  { kind: 'missing' } | { kind: 'ok'; text: string } | { kind: 'unreadable'; error: unknown };

/** Reads a text file, telling "not there yet" apart from "there but unreadable". */
export async function readTextFile(filePath: string): Promise<ReadOutcome> {
  try {
    return { kind: 'ok', text: await readFile(filePath, 'utf8') };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', error };
  }
}

/**
 * Moves a file we cannot use out of the way, keeping it for the user or
 * support: `<name>.corrupt-<ISO time with : replaced>`. Colons are not allowed
 * in Windows file names. Returns the new path, or null if even the move failed.
 */
export async function moveAside(filePath: string, now: Date = new Date()): Promise<string | null> {
  const stamp = now.toISOString().replace(/:/g, '-');
  for (let attempt = 0; attempt < 100; attempt++) {
    const target = `${filePath}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    // Never overwrite an earlier copy: two failures in one millisecond get a suffix.
    if (await exists(target)) continue;
    try {
      await rename(filePath, target);
      return target;
    } catch {
      return null;
    }
  }
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes temp files left by a write that crashed before its rename. They are
 * by construction incomplete (the real file was never replaced), so removing
 * them loses nothing.
 */
export async function removeStrayTempFiles(filePath: string): Promise<string[]> {
  const dir = dirname(filePath);
  const prefix = `${basename(filePath)}${TEMP_MARKER}`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch {
      // Someone else's file or a permission problem: leave it alone.
    }
  }
  return removed;
}

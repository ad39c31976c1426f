import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readTextFile, type ReadOutcome } from './durable-file';
import { errorCode, UserFacingError } from './errors';
import type { NoticeBoard } from './notices';

// Passing faults must not cost the user their data. A profile file that is
// there but cannot be read right now (a backup or antivirus holding it on
// Windows, a disk hiccup) is read again a few times; if it still cannot be
// read, it is left exactly as it is and nothing overwrites it for the rest
// of the run. Only a file that reads wrong (not JSON, fails validation) is
// ever moved aside.

/** Errors that can pass: the file is there, something holds it or the disk faltered. */
const PASSING_READ_ERRORS = new Set([
  'EIO',
  'EBUSY',
  'EACCES',
  'EPERM',
  'EAGAIN',
  'EMFILE',
  'ENFILE',
  'ETIMEDOUT',
]);
/** Waits between reads: about a second in all. */
const READ_RETRY_MS = [50, 150, 300, 500];

/** True for read errors that may pass (and so must not cost the file); false for e.g. a folder in its place. */
export function isPassingReadError(error: unknown): boolean {
  return PASSING_READ_ERRORS.has(errorCode(error) ?? '');
}

export async function readPatiently(
  filePath: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<ReadOutcome> {
  let outcome = await readTextFile(filePath);
  for (const wait of READ_RETRY_MS) {
    if (outcome.kind !== 'unreadable' || !isPassingReadError(outcome.error)) break;
    await sleep(wait);
    outcome = await readTextFile(filePath);
  }
  return outcome;
}

/**
 * Keeps a file that could not be read safe from this run's saves, and says
 * so: every save is refused with the same plain message until restart.
 */
export class ReadGuard {
  private blocked: string | null = null;

  constructor(
    /** "Your settings file", "The file with your saved passwords"… */
    private readonly label: string,
    readonly filePath: string,
  ) {}

  /** The file exists but could not be read even after retrying. */
  protect(error: unknown, notices: Pick<NoticeBoard, 'add'>, noticeId: string): void {
    const code = errorCode(error) ?? 'an unknown error';
    this.blocked =
      `${this.label} (${this.filePath}) could not be read (${code}), so DeskPhone is not changing it until it can. ` +
      'Close any program that may be holding it (a backup or a virus scan), then restart DeskPhone.';
    notices.add({ id: noticeId, level: 'error', message: this.blocked });
  }

  /** Throws the reason when this file must not be written in this run. */
  check(): void {
    if (this.blocked) throw new UserFacingError(`Not saved: ${this.blocked}`);
  }

  get isBlocked(): boolean {
    return this.blocked !== null;
  }
}

/** The real cause of a failed save, in words the user can act on. */
export function saveFailure(error: unknown, what: string): UserFacingError {
  const code = errorCode(error);
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full. Free some space and try again'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission was denied (another program may be holding the file)'
          : code === 'EBUSY'
            ? 'another program is holding the file. Try again in a moment'
            : `the file could not be written (${code ?? 'unknown error'})`;
  return new UserFacingError(`DeskPhone could not save ${what}: ${why}. Nothing was changed.`);
}

/**
 * Opens a file for appending without ever following a symlink planted in its
 * place (another user's trick to make DeskPhone write elsewhere), creating it
 * private (0600). Windows has no O_NOFOLLOW; creating symlinks there needs
 * rights a planted file would not have.
 */
export function openForAppend(filePath: string) {
  const noFollow = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;
  return open(filePath, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | noFollow, 0o600);
}

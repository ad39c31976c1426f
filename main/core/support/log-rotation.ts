import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

// Size-based rotation for the main log: main.log, main.log.1 … main.log.4,
// at most 1 MB each. A phone runs for months; an unbounded log would fill
// the disk of a desk PC, and a support bundle should stay small enough to
// mail.

export interface RotationOptions {
  /** Bytes per file before it is rotated; default 1 MB. */
  maxBytes?: number;
  /** Files kept in all, the live one included; default 5. */
  maxFiles?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_MAX_FILES = 5;

/** An appender that rotates `filePath` when the next line would pass maxBytes. */
export function rotatingAppender(filePath: string, options: RotationOptions = {}): (text: string) => void {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_LOG_MAX_FILES);
  mkdirSync(dirname(filePath), { recursive: true });
  let size = existsSync(filePath) ? statSync(filePath).size : 0;
  return (text) => {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (size > 0 && size + bytes > maxBytes) {
      rotate(filePath, maxFiles);
      size = 0;
    }
    appendFileSync(filePath, text, { encoding: 'utf8' });
    size += bytes;
  };
}

function rotate(filePath: string, maxFiles: number): void {
  // Oldest goes first, then each file moves one number up.
  rmSync(`${filePath}.${maxFiles - 1}`, { force: true });
  for (let n = maxFiles - 2; n >= 1; n--) {
    if (existsSync(`${filePath}.${n}`)) renameSync(`${filePath}.${n}`, `${filePath}.${n + 1}`);
  }
  if (maxFiles > 1) renameSync(filePath, `${filePath}.1`);
  else rmSync(filePath, { force: true });
}

import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isSecretKey, REDACTED, redactText } from './redact';

export { REDACTED } from './redact';

// Logs help support, but they are plain files that get mailed around, so the
// logger itself replaces every secret it has been told about. The vault
// registers each password it stores or unlocks; callers still must not log
// payloads on purpose.

export type LogFieldValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogFieldValue>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Optional: remember a secret so it is masked wherever it would be logged. */
  addSecret?(secret: string): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** Where finished log lines go (a file, the console, a test array). */
export type LogSink = (line: string, level: LogLevel) => void;

export class RedactingLogger implements Logger {
  private readonly secrets = new Set<string>();

  constructor(
    private readonly sinks: LogSink[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  addSecret(secret: string): void {
    // An empty string would match everywhere; anything else is masked, even
    // a short PIN, because over-masking a log is cheap and a leak is not.
    if (secret.length > 0) this.secrets.add(secret);
  }

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  /** Masks every registered secret and every credential pattern (redact.ts) in a string. */
  redact(text: string): string {
    return redactText(text, (raw) => this.maskKnown(raw));
  }

  private maskKnown(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    return out;
  }

  private write(level: LogLevel, message: string, fields?: LogFields): void {
    // Redact values before JSON encoding: once escaped, a secret containing
    // quotes or backslashes would no longer match.
    let suffix = '';
    if (fields && Object.keys(fields).length > 0) {
      const clean: LogFields = {};
      for (const [key, value] of Object.entries(fields)) {
        if (isSecretKey(key) && value !== undefined && value !== null) clean[key] = REDACTED;
        else clean[key] = typeof value === 'string' ? this.redact(value) : value;
      }
      suffix = ` ${JSON.stringify(clean)}`;
    }
    const line = `${this.now().toISOString()} ${level.toUpperCase()} ${this.redact(message)}${suffix}`;
    for (const sink of this.sinks) {
      try {
        sink(line, level);
      } catch {
        // A full disk or closed console must never take the app down.
      }
    }
  }
}

/** Appends lines to a file, creating its folder, and rotates it by size
 * (5 files of 1 MB by default). Synchronous on purpose: the main process logs
 * rarely, and a line written before a crash is worth more than the
 * microseconds saved. */
export function fileSink(filePath: string, rotation: RotationOptions = {}): LogSink {
  const append = rotatingAppender(filePath, rotation);
  return (line) => append(`${line}\n`);
}

export const consoleSink: LogSink = (line, level) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/** The app's logger: a file in the logs folder, echoed to the console when asked. */
export function createFileLogger(filePath: string, options: { echo?: boolean } = {}): RedactingLogger {
  const sinks = [fileSink(filePath)];
  if (options.echo) sinks.push(consoleSink);
  return new RedactingLogger(sinks);
}

/** A logger that keeps lines in memory, for tests and the e2e harness. */
export function createMemoryLogger(): RedactingLogger & { lines: string[] } {
  const lines: string[] = [];
  const logger = new RedactingLogger([(line) => lines.push(line)]) as RedactingLogger & { lines: string[] };
  logger.lines = lines;
  return logger;
}

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
    appendPrivately(filePath, text);
    size += bytes;
  };
}

/**
 * Appends without following a symlink planted in the log's place, creating
 * the file private (0600) like the vault: logs name servers, numbers and
 * callers even with secrets redacted.
 */
function appendPrivately(filePath: string, text: string): void {
  const noFollow = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;
  const fd = openSync(
    filePath,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | noFollow,
    0o600,
  );
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
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

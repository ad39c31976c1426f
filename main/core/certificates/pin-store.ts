import { join } from 'node:path';
import { z } from 'zod';
import { moveAside, readTextFile, removeStrayTempFiles, writeFileAtomic } from '../durable-file';
import { describeError } from '../errors';
import type { Logger } from '../logger';
import { normalizeFingerprint, normalizeHost } from './trust-decision';

// certificate-pins.json in the userData folder: host → SHA-256 fingerprint of
// the one certificate the user accepted for it. Written atomically like the
// other small files; a file we cannot read is moved aside (never silently
// deleted) and the app starts with no pins, which is the safe direction:
// an unreadable pin file can only make DeskPhone trust less.

export const PINS_FILE = 'certificate-pins.json';
const MAX_PINS = 64;

const PinsFileSchema = z.object({
  version: z.literal(1),
  pins: z.record(z.string(), z.string()),
});

export class PinStore {
  private constructor(
    private readonly path: string,
    private pins: Map<string, string>,
    private readonly logger: Logger,
  ) {}

  static async open(dir: string, logger: Logger): Promise<PinStore> {
    const path = join(dir, PINS_FILE);
    await removeStrayTempFiles(path);
    const read = await readTextFile(path);
    const pins = new Map<string, string>();
    if (read.kind === 'ok') {
      try {
        const file = PinsFileSchema.parse(JSON.parse(read.text));
        for (const [host, fp] of Object.entries(file.pins)) {
          const normal = normalizeFingerprint(fp);
          if (normal) pins.set(normalizeHost(host), normal);
        }
      } catch (error) {
        const moved = await moveAside(path);
        logger.warn(
          'The accepted-certificates file could not be read; starting without accepted certificates',
          {
            error: describeError(error),
            movedTo: moved ?? '(could not move)',
          },
        );
      }
    } else if (read.kind === 'unreadable') {
      logger.warn('The accepted-certificates file could not be opened', { error: describeError(read.error) });
    }
    return new PinStore(path, pins, logger);
  }

  /** host → fingerprint, as the trust decision takes it. */
  all(): Record<string, string> {
    return Object.fromEntries(this.pins);
  }

  list(): Array<{ host: string; fingerprint256: string }> {
    return [...this.pins].map(([host, fingerprint256]) => ({ host, fingerprint256 }));
  }

  /** Accepts one certificate for one host, replacing an earlier one for that host. */
  async pin(host: string, fingerprint: string): Promise<void> {
    const normal = normalizeFingerprint(fingerprint);
    if (!normal) throw new Error('Not a SHA-256 fingerprint.');
    const key = normalizeHost(host);
    if (!this.pins.has(key) && this.pins.size >= MAX_PINS) throw new Error('Too many accepted certificates.');
    const next = new Map(this.pins).set(key, normal);
    await this.write(next);
    this.logger.info('Certificate accepted by the user', { host: key, fingerprint256: normal });
  }

  /** Returns whether a pin existed. */
  async unpin(host: string): Promise<boolean> {
    const key = normalizeHost(host);
    if (!this.pins.has(key)) return false;
    const next = new Map(this.pins);
    next.delete(key);
    await this.write(next);
    this.logger.info('Accepted certificate removed', { host: key });
    return true;
  }

  private async write(next: Map<string, string>): Promise<void> {
    await writeFileAtomic(
      this.path,
      `${JSON.stringify({ version: 1, pins: Object.fromEntries(next) }, null, 2)}\n`,
    );
    // Memory follows the disk only after the write succeeded.
    this.pins = next;
  }
}

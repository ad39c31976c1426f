import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DIRECTORY_MAX_ENTRIES,
  DirectoryEntrySchema,
  type DirectoryEntry,
} from '../../../contract/directory';
import { moveAside, readTextFile, removeStrayTempFiles, writeFileAtomic } from '../durable-file';
import { describeError } from '../errors';
import type { Logger } from '../logger';

// directory.json in the userData folder: the last good copy of the company
// directory, so the dial field finds colleagues offline and a broken
// download never empties it. Written atomically (whole old file or whole new
// one after a crash). It remembers a hash of the URL it came from, so a
// copy of another directory (policy changed) is never shown as this one.

export const DIRECTORY_FILE = 'directory.json';

const StoredSchema = z.object({
  version: z.literal(1),
  urlHash: z.string(),
  fetchedAt: z.string(),
  skipped: z.number().int().min(0),
  entries: z.array(DirectoryEntrySchema).max(DIRECTORY_MAX_ENTRIES),
});
export type StoredDirectory = z.infer<typeof StoredSchema>;

export function urlHash(url: string): string {
  return createHash('sha256').update(url).digest('hex');
}

export class DirectoryFile {
  readonly path: string;

  constructor(
    dir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(dir, DIRECTORY_FILE);
  }

  /** The stored copy, or null when there is none; an unreadable one is moved aside. */
  async load(): Promise<StoredDirectory | null> {
    await removeStrayTempFiles(this.path);
    const read = await readTextFile(this.path);
    if (read.kind === 'missing') return null;
    if (read.kind === 'unreadable') {
      this.logger.warn('Company directory copy unreadable', { error: describeError(read.error) });
      return null;
    }
    try {
      return StoredSchema.parse(JSON.parse(read.text));
    } catch {
      // Only a copy of a download: the next refresh replaces it, so no notice is needed.
      const movedTo = await moveAside(this.path);
      this.logger.warn('Company directory copy damaged; moved aside', { movedTo });
      return null;
    }
  }

  async save(url: string, fetchedAt: Date, entries: DirectoryEntry[], skipped: number): Promise<void> {
    const stored: StoredDirectory = {
      version: 1,
      urlHash: urlHash(url),
      fetchedAt: fetchedAt.toISOString(),
      skipped,
      entries,
    };
    await writeFileAtomic(this.path, JSON.stringify(stored), { mode: 0o600 });
  }
}

import type { DirectoryEntry, DirectoryStatus, DirectoryView } from '../../../contract/directory';
import { describeError } from '../errors';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import { DirectoryFile, urlHash } from './directory-store';
import { DirectoryFetchError, hostOf, type DirectoryFetch } from './https-fetch';
import { DirectoryFileError, parseDirectory } from './parse';

// The company directory in main: downloads the file policy names, at start
// (after a short pause, so start-up is not slowed), every refreshHours and
// on demand; keeps the last good copy in memory and on disk. A download
// that fails in any way (HTTP error, TLS, timeout, too large, not a
// directory, no readable entry) changes nothing but the status and a
// notice saying why in plain words.

export const DIRECTORY_MAX_BYTES = 20 * 1024 * 1024;
export const DIRECTORY_TIMEOUT_MS = 30_000;
/** After a failed download: try again within the hour, not a day later. */
export const DIRECTORY_RETRY_MS = 60 * 60 * 1000;
export const DIRECTORY_START_DELAY_MS = 5000;
export const DIRECTORY_NOTICE_ID = 'directory-failed';

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DirectoryServiceOptions {
  /** The directory URL policy sets, or null. */
  url: () => string | null;
  refreshHours: () => number;
  /** The administrator's CAs (policy trust.caCertificates), trusted for this download. */
  adminCaPems: () => readonly string[];
  fetch: DirectoryFetch;
  dir: string;
  notices: NoticeBoard;
  logger: Logger;
  /** After every download attempt, with the new status. */
  onChange?: (status: DirectoryStatus) => void;
  now?: () => Date;
  timers?: Timers;
  maxBytes?: number;
  timeoutMs?: number;
  startDelayMs?: number;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class DirectoryService {
  private entries: DirectoryEntry[] = [];
  private fetchedAt: string | null = null;
  private skipped = 0;
  private lastError: string | null = null;
  private running: Promise<DirectoryStatus> | null = null;
  private timer: unknown = null;
  private readonly file: DirectoryFile;
  private readonly timers: Timers;

  private constructor(private readonly options: DirectoryServiceOptions) {
    this.file = new DirectoryFile(options.dir, options.logger);
    this.timers = options.timers ?? realTimers;
  }

  /** Reads the last good copy and schedules the first download. */
  static async open(options: DirectoryServiceOptions): Promise<DirectoryService> {
    const service = new DirectoryService(options);
    const url = options.url();
    if (!url) return service;
    const stored = await service.file.load();
    if (stored && stored.urlHash === urlHash(url)) {
      service.entries = stored.entries;
      service.fetchedAt = stored.fetchedAt;
      service.skipped = stored.skipped;
    }
    service.schedule(options.startDelayMs ?? DIRECTORY_START_DELAY_MS);
    return service;
  }

  status(): DirectoryStatus {
    const url = this.options.url();
    return {
      configured: Boolean(url),
      source: url ? hostOf(url) : null,
      updatedAt: this.fetchedAt,
      count: this.entries.length,
      lastError: this.lastError,
      skipped: this.skipped,
      refreshing: this.running !== null,
    };
  }

  view(withEntries = true): DirectoryView {
    return { status: this.status(), entries: withEntries ? this.entries : [] };
  }

  /** Downloads now; a refresh already under way is joined, not repeated. */
  refresh(): Promise<DirectoryStatus> {
    this.running ??= this.download().finally(() => {
      this.running = null;
    });
    return this.running.then(() => this.status());
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.dispose();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private async download(): Promise<DirectoryStatus> {
    const { logger } = this.options;
    const url = this.options.url();
    if (!url) return this.status();
    const host = hostOf(url);
    let ok = false;
    try {
      const download = await this.options.fetch(url, {
        ca: this.options.adminCaPems(),
        maxBytes: this.options.maxBytes ?? DIRECTORY_MAX_BYTES,
        timeoutMs: this.options.timeoutMs ?? DIRECTORY_TIMEOUT_MS,
      });
      if (download.status !== 200) {
        throw new DirectoryFetchError(
          `the server ${host} answered HTTP ${download.status} instead of the file.`,
        );
      }
      const parsed = await parseDirectory(download.body, download.contentType, url);
      const fetchedAt = (this.options.now ?? (() => new Date()))();
      await this.keep(url, fetchedAt, parsed.entries, parsed.skipped);
      logger.info('Company directory updated', {
        host,
        format: parsed.format,
        entries: parsed.entries.length,
        skipped: parsed.skipped,
      });
      ok = true;
    } catch (error) {
      this.failed(host, error);
    }
    const hours = this.options.refreshHours();
    this.schedule(ok ? hours * 60 * 60 * 1000 : Math.min(DIRECTORY_RETRY_MS, hours * 60 * 60 * 1000));
    const status = { ...this.status(), refreshing: false };
    this.options.onChange?.(status);
    return status;
  }

  /** Memory first: a copy that cannot be written still serves this session. */
  private async keep(url: string, at: Date, entries: DirectoryEntry[], skipped: number): Promise<void> {
    this.entries = entries;
    this.fetchedAt = at.toISOString();
    this.skipped = skipped;
    this.lastError = null;
    this.options.notices.dismiss(DIRECTORY_NOTICE_ID);
    try {
      await this.file.save(url, at, entries, skipped);
    } catch (error) {
      this.options.logger.warn('Company directory copy not saved', { error: describeError(error) });
    }
  }

  private failed(host: string, error: unknown): void {
    const known = error instanceof DirectoryFetchError || error instanceof DirectoryFileError;
    const reason = known ? error.message : 'something unexpected went wrong (details are in the log).';
    this.options.logger.warn('Company directory not updated', { host, error: describeError(error) });
    this.lastError = `The company directory could not be updated: ${reason}`;
    const kept =
      this.entries.length > 0
        ? ` DeskPhone keeps using the last good copy (${this.entries.length.toLocaleString('en')} entries).`
        : ' Until a download works, the dial field finds only your contacts and recent calls.';
    this.options.notices.add({
      id: DIRECTORY_NOTICE_ID,
      level: 'warning',
      message: `${this.lastError}${kept}`,
    });
  }
}

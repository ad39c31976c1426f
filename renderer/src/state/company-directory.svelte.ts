import type { DirectoryStatus } from '../../../contract/directory';
import { DirectoryIndex } from '../ui/dial/directory-index';
import { contractSchemas } from './lazy-contract';
import { reached } from './startup-marks';
import { warmUpWhenIdle } from './startup';

// The company directory as the renderer holds it: main downloads and keeps
// the file (policy directory.url); the page reads it once the first screen
// is drawn and the page is idle, builds the search index once, and reloads
// when main says a download was tried (directory:changed). One instance for
// the page, so the index outlives the dial field's view changes.

/** Without an account (or a server that does not answer) the directory still loads, this much later. */
const REGISTER_WAIT_MS = 5000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CompanyDirectory {
  status = $state.raw<DirectoryStatus | null>(null);
  /** Null until the directory has loaded (and when there is none). */
  index = $state.raw<DirectoryIndex | null>(null);
  refreshing = $state(false);
  /** Why the latest load or refresh request itself failed (IPC), in main's words. */
  requestError = $state<string | null>(null);
  private started = false;
  private generation = 0;
  // Bookkeeping of listeners, never read by the UI: no reactivity wanted.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly listeners = new Set<(status: DirectoryStatus) => void>();

  /** Starts once per page: after the first screen, when the page is idle; then follows main. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // Building the index takes the page's one thread for a moment: never while the REGISTER is out.
    const settled = Promise.race([reached('registered'), delay(REGISTER_WAIT_MS)]);
    void reached('first-render')
      .then(() => settled)
      .then(() => warmUpWhenIdle(() => void this.firstLoad()));
    window.deskphone.on('directory:changed', (payload) => {
      void contractSchemas().then(({ DirectoryChangedSchema }) => {
        const parsed = DirectoryChangedSchema.safeParse(payload);
        if (parsed.success) void this.changed(parsed.data);
      });
    });
  }

  /** Called after each download attempt main reports (the notices may have changed). */
  onChange(listener: (status: DirectoryStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const view = await window.deskphone.invoke('directory:get', {});
      if (generation !== this.generation) return;
      this.index =
        view.status.configured && view.entries.length > 0 ? new DirectoryIndex(view.entries) : null;
      this.status = view.status;
      this.requestError = null;
    } catch (error) {
      // The dial field still finds contacts and Recent; Settings says why.
      this.requestError = error instanceof Error ? error.message : String(error);
    }
  }

  /** A download may have failed before this page listened: its notice is fetched now. */
  private async firstLoad(): Promise<void> {
    await this.load();
    if (this.status?.lastError) this.notify(this.status);
  }

  private notify(status: DirectoryStatus): void {
    for (const listener of this.listeners) listener(status);
  }

  /** Downloads now (in main); resolves with the status it left, or null when the request failed. */
  async refresh(): Promise<DirectoryStatus | null> {
    if (this.refreshing) return null;
    this.refreshing = true;
    try {
      const status = await window.deskphone.invoke('directory:refresh', {});
      this.requestError = null;
      // New entries, if any, come with main's directory:changed.
      if (status.updatedAt === this.status?.updatedAt) this.status = status;
      return status;
    } catch (error) {
      this.requestError = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.refreshing = false;
    }
  }

  private async changed(status: DirectoryStatus): Promise<void> {
    // Entries are fetched again only when a new copy came in; a failure changes the status alone.
    if (status.updatedAt !== this.status?.updatedAt || status.count !== this.status?.count) await this.load();
    else this.status = status;
    this.notify(this.status ?? status);
  }
}

export const companyDirectory = new CompanyDirectory();

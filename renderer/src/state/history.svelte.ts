import { t } from '../i18n/i18n.svelte';
import type { HistoryEntry } from '../../../contract/history';
import { HISTORY_PAGE_MAX } from '../../../contract/history-page';
import { contractSchemas } from './lazy-contract';

// The Recent view's state. Main owns the history (it records calls from the
// phone's reports); this class only reads it, page by page, and follows
// main's 'history:changed' so the list and the missed count stay current.

/** How many calls the Recent view shows at first, and adds per "Show more". */
export const PAGE_SIZE = 200;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What to dial to reach the other party again. The number alone is dialled
 * on the account's own domain, which is right for extensions and for
 * numbers through the PBX; a caller from another domain is called at the
 * address they called from.
 */
export function callbackTarget(entry: Pick<HistoryEntry, 'number' | 'remoteUri'>, accountDomain: string) {
  const uri = /^sips?:([^@;?>]+)@([^;?>]+)/i.exec(entry.remoteUri);
  if (!uri) return entry.number;
  const host = uri[2]!.toLowerCase();
  const domain = accountDomain.toLowerCase();
  if (!domain || host === domain || host.split(':')[0] === domain.split(':')[0]) return entry.number;
  return `${uri[1]}@${uri[2]}`;
}

export class HistoryState {
  entries = $state<HistoryEntry[]>([]);
  /** Calls matching the search in all (more than `entries` when paged). */
  total = $state(0);
  /** Missed calls not looked at yet. */
  missed = $state(0);
  query = $state('');
  loading = $state(false);
  error = $state<string | null>(null);
  /** The newest outgoing call, for Redial on the keypad. */
  lastOutgoing = $state<HistoryEntry | null>(null);
  /** Whether the Recent view is on screen (only then is the list kept fresh). */
  visible = false;
  private wanted = PAGE_SIZE;
  /** Answers to older searches arrive late sometimes; only the newest counts. */
  private generation = 0;

  /** Reloads the list for the current search, as many calls as are shown now. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const entries: HistoryEntry[] = [];
      let total = 0;
      do {
        const page = await window.deskphone.invoke('history:list', {
          query: this.query || undefined,
          limit: Math.min(HISTORY_PAGE_MAX, this.wanted - entries.length),
          offset: entries.length,
        });
        if (generation !== this.generation) return;
        entries.push(...page.entries);
        total = page.total;
        this.missed = page.missed;
        if (page.entries.length === 0) break;
      } while (entries.length < Math.min(this.wanted, total));
      this.entries = entries;
      this.total = total;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = t('history.loadFailed', { reason: messageOf(error) });
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  search(query: string): Promise<void> {
    this.query = query;
    this.wanted = PAGE_SIZE;
    return this.load();
  }

  showMore(): Promise<void> {
    this.wanted = this.entries.length + PAGE_SIZE;
    return this.load();
  }

  /** The user opened the Recent view: missed calls count as seen (tray, badge, tab). */
  async markSeen(): Promise<void> {
    try {
      this.missed = (await window.deskphone.invoke('history:mark-seen', {})).missed;
    } catch (error) {
      this.error = t('history.markSeenFailed', { reason: messageOf(error) });
    }
  }

  /** The missed count and the last outgoing call, without loading the list. */
  async refreshSummary(): Promise<void> {
    try {
      const last = await window.deskphone.invoke('history:list', { direction: 'outgoing', limit: 1 });
      this.lastOutgoing = last.entries[0] ?? null;
      this.missed = last.missed;
    } catch (error) {
      console.warn('Recent calls summary failed', error);
    }
  }

  /** Follows main's changes; returns the function that stops following. */
  follow(): () => void {
    return window.deskphone.on('history:changed', (payload) => {
      void contractSchemas().then(({ HistoryChangedSchema }) => {
        const parsed = HistoryChangedSchema.safeParse(payload);
        if (!parsed.success) return;
        this.missed = parsed.data.missed;
        void this.refreshSummary();
        if (this.visible) void this.load();
      });
    });
  }
}

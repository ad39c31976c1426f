import type { AccountSettings } from '../../../contract/account';
import type { Contact } from '../../../contract/history';
import { t } from '../i18n/i18n.svelte';
import type { CallSnapshot, LampState } from '../sip/types';
import { BOARD_GROUP, boardEntries, NO_STATES, startedRinging, type BoardEntry } from './board-entries';
import { announcer } from './announcer.svelte';
import { untrack } from 'svelte';
import type { ContactsState } from './contacts.svelte';
import type { PhoneState } from './phone.svelte';
import type { SettingsState } from './settings.svelte';

// The colleagues' board: who is on it (the administrator's team, the user's
// own list, contacts marked as colleagues), their lamps from the engine, and
// what a row can do (call, pick up, transfer the current call to them).

export {
  BOARD_GROUP,
  extensionOf,
  sameColleagueKey,
  type BoardEntry,
  type BoardSource,
} from './board-entries';

export class ColleaguesState {
  /** Every contact (not only those matching the Contacts view's search), for names and colleague marks. */
  allContacts = $state<Contact[]>([]);
  /** Which colleague the user is consulting before a transfer, by target. */
  consulting = $state<{ target: string; heldCallId: string } | null>(null);
  /** Bookkeeping for announcements, not UI state. */
  private lastStates: ReadonlyMap<string, LampState> = NO_STATES;
  private saving: Promise<void> = Promise.resolve();
  /** The targets alone: lamps changing must not look like a new list to the engine. */
  private readonly targetList = $derived.by(() => this.entries.map((entry) => entry.target).join('\n'));

  constructor(
    private readonly phone: PhoneState,
    private readonly settings: SettingsState,
    private readonly contacts: ContactsState,
  ) {}

  private get account(): AccountSettings | undefined {
    return this.settings.view?.account ?? undefined;
  }

  get domain(): string {
    return this.account?.sipAddress.split('@')[1] ?? '';
  }

  get pickupPrefix(): string {
    return this.account?.pickupPrefix ?? '';
  }

  get announce(): boolean {
    return this.account?.announceColleagueRinging ?? false;
  }

  /** The board, in order: team first (fixed), then the user's list, then colleague contacts. */
  get entries(): BoardEntry[] {
    const account = this.account;
    return account ? boardEntries(account, this.allContacts, this.phone.lamps, this.domain) : [];
  }

  /** Keeps the engine's lamp list, the contact names and the announcements in step; returns the cleanup. */
  follow(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const list = this.targetList;
        untrack(() => this.phone.engine.setLampTargets?.(BOARD_GROUP, list ? list.split('\n') : []));
      });
      // The Contacts view reloads after each change it makes: names and colleague marks follow.
      $effect(() => {
        void this.contacts.contacts;
        untrack(() => void this.loadContacts());
      });
      $effect(() => this.announceRinging(this.entries));
    });
  }

  async loadContacts(): Promise<void> {
    try {
      const { contacts } = await window.deskphone.invoke('contacts:list', {});
      this.allContacts = contacts;
    } catch {
      // Names fall back to numbers; the Contacts view reports its own load errors.
    }
  }

  /** The call a Transfer on a row would move: the one being talked on. */
  get currentCall(): CallSnapshot | undefined {
    const call = this.phone.current;
    return call && (call.status === 'active' || call.status === 'connecting') ? call : undefined;
  }

  call(entry: BoardEntry): Promise<boolean> {
    return this.phone.dial(entry.target);
  }

  /** Directed pickup: the PBX's code followed by the ringing colleague's extension. */
  pickUp(entry: BoardEntry): Promise<boolean> {
    return this.phone.dial(`${this.pickupPrefix}${entry.number}`);
  }

  async transfer(entry: BoardEntry): Promise<void> {
    const call = this.currentCall;
    if (call) await this.phone.transfer(call.id, entry.target);
  }

  /** Attended transfer, step one: hold the call and ring the colleague; completeTransfer joins them. */
  async consult(entry: BoardEntry): Promise<void> {
    const call = this.currentCall;
    if (!call) return;
    this.consulting = { target: entry.target, heldCallId: call.id };
    await this.phone.consult(call.id, entry.target);
  }

  /** The consultation call with this colleague, once it exists and the first call still waits. */
  consultCall(entry: BoardEntry): { heldCallId: string; consultCallId: string } | null {
    const consulting = this.consulting;
    if (!consulting || consulting.target !== entry.target) return null;
    const held = this.phone.lines.find((call) => call.id === consulting.heldCallId);
    const consult = this.phone.lines.find(
      (call) => call.id !== consulting.heldCallId && call.direction === 'outgoing',
    );
    return held && consult ? { heldCallId: held.id, consultCallId: consult.id } : null;
  }

  async completeTransfer(entry: BoardEntry): Promise<void> {
    const pair = this.consultCall(entry);
    if (!pair) return;
    this.consulting = null;
    await this.phone.completeTransfer(pair.heldCallId, pair.consultCallId);
  }

  /**
   * Saves the board part of the account (list, prefix, announcement); throws
   * main's reason. One save at a time, each built on the account the last one
   * left: two quick edits (add a colleague, then the prefix) must not undo
   * each other.
   */
  saveBoard(
    change: Partial<Pick<AccountSettings, 'colleagues' | 'pickupPrefix' | 'announceColleagueRinging'>>,
  ): Promise<void> {
    const run = this.saving
      .catch(() => undefined)
      .then(async () => {
        const account = this.account;
        if (account) await this.settings.save({ account: { ...account, ...change } });
      });
    this.saving = run;
    return run;
  }

  private announceRinging(entries: BoardEntry[]): void {
    const { rang, states } = startedRinging(entries, this.lastStates);
    this.lastStates = states;
    if (!this.announce) return;
    for (const entry of rang) {
      const caller = entry.lamp?.peer?.name;
      announcer.say(
        caller
          ? t('board.ringingAnnounce', { name: entry.name, caller })
          : t('board.ringingAnnounceNoCaller', { name: entry.name }),
        'polite',
      );
    }
  }
}

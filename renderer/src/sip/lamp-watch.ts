import type { UserAgent } from 'sip.js';
import { normaliseDialString } from './dial';
import { LampChannel } from './lamp-channel';

// Colleagues' lamps (BLF) and any other lamp (park slots) over SIP SUBSCRIBE.
//
// API (the board and the park slots both build on it):
//   const watch = new LampWatch(onChange);
//   watch.setTargets('board', ['1002', 'sip:1003@pbx']);   // each owner sets its own list
//   watch.setTargets('park', ['701', '702']);              // the watch subscribes to the union
//   watch.registered(ua, domain) / watch.lost() / watch.stop() follow the registration;
//   watch.lamps: one Lamp per distinct target, in the order owners listed them.
//
// Per target the watch holds a `dialog` subscription (RFC 4235, who rings and
// who calls) and a `presence` one (PIDF). Both, because Asterisk's
// dialog-info says "terminated" alike for a free phone and for one that is
// not registered (NOT_INUSE and UNAVAILABLE, res_pjsip/presence_xml.c): only
// PIDF's basic open/closed tells them apart. When the PBX refuses dialog, the
// lamp runs on presence alone (via = 'presence'); when it refuses presence,
// on dialog alone (free and offline then both show as available).
// At most MAX_LAMP_TARGETS targets are watched; a refused subscription is
// tried again with exponential backoff, never in a storm; SIP.js refreshes
// live ones before they expire.

export type LampState = 'idle' | 'ringing' | 'busy' | 'held' | 'unavailable' | 'unknown';

export interface Lamp {
  /** As configured: '1002' or 'sip:1002@pbx'. */
  target: string;
  state: LampState;
  /** Who is calling / talking with them, when the PBX says (sanitised, display-ready). */
  peer?: { name: string; number: string };
  /** Which event package the PBX accepted; null while not (yet) subscribed. */
  via: 'dialog' | 'presence' | null;
}

/** More lamps than this are not watched (the PBX carries two subscriptions for each). */
export const MAX_LAMP_TARGETS = 50;

/** Asked of the PBX; SIP.js refreshes each subscription before it runs out. */
export const LAMP_EXPIRES_S = 600;

interface Entry {
  target: string;
  dialog: LampChannel;
  presence: LampChannel;
}

export class LampWatch {
  private readonly groups = new Map<string, readonly string[]>();
  private readonly entries = new Map<string, Entry>();
  private ua: UserAgent | null = null;
  private domain = '';
  private live = false;
  private overCap = 0;

  constructor(
    private readonly onChange: () => void,
    private expiresS = LAMP_EXPIRES_S,
  ) {}

  /** How long the PBX is asked to keep each subscription (a new value applies to new subscriptions). */
  setExpires(seconds: number): void {
    this.expiresS = Math.max(60, Math.min(3600, Math.round(seconds)));
  }

  /** Several owners (the board, the park slots) each set their list; the watch subscribes to the union, one per target. */
  setTargets(group: string, targets: readonly string[]): void {
    const cleaned = targets.map((target) => target.trim()).filter((target) => target.length > 0);
    if ((this.groups.get(group) ?? []).join('\n') === cleaned.join('\n')) return;
    if (cleaned.length === 0) this.groups.delete(group);
    else this.groups.set(group, cleaned);
    this.reconcile();
    this.onChange();
  }

  /** How many listed targets are not watched because of MAX_LAMP_TARGETS. */
  get targetsOverCap(): number {
    return this.overCap;
  }

  /** (Re)subscribe everything after each (re-)registration. */
  registered(ua: UserAgent, domain: string): void {
    this.ua = ua;
    this.domain = domain;
    this.live = true;
    for (const entry of this.entries.values()) this.open(entry);
    this.onChange();
  }

  /** Registration lost: the subscriptions' dialogs are stale; registered() subscribes anew. */
  lost(): void {
    this.live = false;
    for (const entry of this.entries.values()) {
      entry.dialog.close(false);
      entry.presence.close(false);
    }
    this.onChange();
  }

  /** Unregistered on purpose: end every subscription at the PBX too. */
  stop(): void {
    this.live = false;
    for (const entry of this.entries.values()) {
      entry.dialog.close(true);
      entry.presence.close(true);
    }
    this.onChange();
  }

  get lamps(): Lamp[] {
    return [...this.entries.values()].map((entry) => lampOf(entry));
  }

  private reconcile(): void {
    const wanted: string[] = [];
    for (const targets of this.groups.values()) {
      for (const target of targets) if (!wanted.includes(target)) wanted.push(target);
    }
    this.overCap = Math.max(0, wanted.length - MAX_LAMP_TARGETS);
    const kept = wanted.slice(0, MAX_LAMP_TARGETS);
    for (const [target, entry] of this.entries) {
      if (kept.includes(target)) continue;
      entry.dialog.close(true);
      entry.presence.close(true);
      this.entries.delete(target);
    }
    // Rebuilt in the owners' order so lamps come out in it.
    const old = new Map(this.entries);
    this.entries.clear();
    for (const target of kept) {
      const entry = old.get(target) ?? this.entry(target);
      this.entries.set(target, entry);
      if (!old.has(target) && this.live) this.open(entry);
    }
  }

  private entry(target: string): Entry {
    const changed = () => this.onChange();
    return {
      target,
      dialog: new LampChannel('dialog', changed),
      presence: new LampChannel('presence', changed),
    };
  }

  private open(entry: Entry): void {
    const ua = this.ua;
    if (!ua) return;
    const dial = normaliseDialString(entry.target, this.domain);
    if (!dial.ok) return;
    entry.dialog.open(ua, dial.uri, this.expiresS);
    entry.presence.open(ua, dial.uri, this.expiresS);
  }
}

/** One lamp from its two channels: dialog tells calls, presence tells reachability. */
export function lampOf(entry: Entry): Lamp {
  const dialog = entry.dialog.dialogSummary;
  const presence = entry.presence.presenceState;
  const via = entry.dialog.subscribed ? 'dialog' : entry.presence.subscribed ? 'presence' : null;
  if (dialog && dialog.state !== 'idle') {
    return { target: entry.target, state: dialog.state, ...(dialog.peer ? { peer: dialog.peer } : {}), via };
  }
  if (dialog) {
    return { target: entry.target, state: presence === 'unavailable' ? 'unavailable' : 'idle', via };
  }
  return { target: entry.target, state: presence ?? 'unknown', via };
}

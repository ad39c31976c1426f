import { parseParkSlots } from '../../../contract/park-slots';
import {
  detectParkedSlot,
  slotViews,
  type LampLike,
  type ParkedSlot,
  type SlotState,
  type SlotView,
} from '../sip/park';
import type { CallSnapshot } from '../sip/types';

/** After the PBX took the call, how long a slot lamp may take to light before we say we do not know the slot. */
const SLOT_LAMP_WAIT_MS = 5_000;

export type ParkStatus =
  | { kind: 'parking'; callId: string; name: string }
  | { kind: 'parked'; name: string; slot: string }
  | { kind: 'parkedOneOf'; name: string; slots: string[] }
  | { kind: 'parkedNoSlot'; name: string }
  | { kind: 'failed'; reason: string };

/** What Park needs of the phone: the engine's blind transfer (it throws on refusal) and dialling. */
export interface ParkPhone {
  engine: { transfer(callId: string, target: string): Promise<void> };
  dial(target: string): Promise<boolean>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Call park for the account: the Park action (a blind transfer to the park
 * extension), the slot the call went to, and the slots' lamps. The status
 * stays until the user dismisses it or the slot is picked up (its lamp goes
 * back to free).
 */
export class ParkState {
  extension = $state('');
  slots = $state<string[]>([]);
  status = $state<ParkStatus | null>(null);
  views = $state<SlotView[]>([]);
  /** The slots' states when Park was pressed: bookkeeping for the detection, not UI state. */
  private before: ReadonlyMap<string, SlotState> = new Map(); // eslint-disable-line svelte/prefer-svelte-reactivity
  private parkedNumber = '';
  private found: ParkedSlot = { kind: 'none' };
  private taken = false;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;

  /** The account's settings (already validated by main). */
  configure(account: { parkExtension: string; parkSlots: string } | undefined): void {
    this.extension = account?.parkExtension.trim() ?? '';
    const parsed = parseParkSlots(account?.parkSlots ?? '');
    const slots = parsed.ok ? parsed.slots : [];
    if (slots.join(',') !== this.slots.join(',')) this.slots = slots;
  }

  /** The lamps reported for the watched slots changed. */
  update(lamps: readonly LampLike[]): void {
    this.views = slotViews(this.slots, lamps);
    const status = this.status;
    if (status?.kind === 'parking') {
      this.found = detectParkedSlot(this.before, this.views, this.parkedNumber);
      if (this.taken) this.settle(status.name, false);
    } else if (status?.kind === 'parked') {
      // Picked up (or back to the parker): the slot is free again, so the news is old.
      if (this.views.find((view) => view.slot === status.slot)?.state === 'free') this.dismiss();
    }
  }

  async park(phone: ParkPhone, call: CallSnapshot): Promise<void> {
    if (!this.extension || this.status?.kind === 'parking') return;
    clearTimeout(this.waitTimer);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.before = new Map(this.views.map((view) => [view.slot, view.state]));
    this.parkedNumber = call.remoteNumber;
    this.found = { kind: 'none' };
    this.taken = false;
    this.status = { kind: 'parking', callId: call.id, name: call.remoteName };
    try {
      await phone.engine.transfer(call.id, this.extension);
    } catch (error) {
      if (this.status?.kind === 'parking' && !this.taken) {
        this.status = { kind: 'failed', reason: messageOf(error) };
      }
      return;
    }
    this.onTaken();
  }

  /**
   * The calls changed. Asterisk may hang up the parker (after telling the
   * slot as audio) before its transfer NOTIFY is read: a call that ends once
   * the PBX accepted the REFER was taken; one that ends before was not parked.
   */
  callsChanged(calls: readonly CallSnapshot[]): void {
    const status = this.status;
    if (status?.kind !== 'parking' || this.taken) return;
    const call = calls.find((c) => c.id === status.callId);
    if (call && call.status !== 'ended') return;
    const accepted =
      call?.transfer && call.transfer.state !== 'failed' && call.transfer.state !== 'requested';
    if (accepted) this.onTaken();
    else this.status = { kind: 'failed', reason: call?.endReason ?? '' };
  }

  private onTaken(): void {
    const status = this.status;
    if (status?.kind !== 'parking' || this.taken) return;
    this.taken = true;
    this.found = detectParkedSlot(this.before, this.views, this.parkedNumber);
    // The lamp may light just before or just after the PBX confirms the transfer.
    this.settle(status.name, false);
    if (this.status?.kind === 'parking') {
      this.waitTimer = setTimeout(() => this.settle(status.name, true), SLOT_LAMP_WAIT_MS);
    }
  }

  /** Retrieves a parked call: dialling the slot is how Asterisk (ParkedCall) and most PBXes do it. */
  pickUp(phone: ParkPhone, slot: string): Promise<boolean> {
    return phone.dial(slot);
  }

  dismiss(): void {
    clearTimeout(this.waitTimer);
    this.status = null;
  }

  private settle(name: string, waitedLongEnough: boolean): void {
    if (this.status?.kind !== 'parking') return;
    const found = this.found;
    if (found.kind === 'slot') {
      this.status = { kind: 'parked', name, slot: found.slot };
    } else if (found.kind === 'ambiguous') {
      this.status = { kind: 'parkedOneOf', name, slots: found.slots };
    } else if (waitedLongEnough || this.slots.length === 0) {
      this.status = { kind: 'parkedNoSlot', name };
    } else return;
    clearTimeout(this.waitTimer);
  }
}

export const park = new ParkState();

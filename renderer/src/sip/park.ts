// Call park, the parts that are pure logic: what a slot's lamp means, and
// which slot the PBX put a call in. Asterisk announces the slot only as
// audio to the parker (who has gone after a blind transfer) and its
// dialog-info for a park hint names no one, so the slot is the one whose lamp
// lit after Park was pressed.

/** A lamp as the colleagues' board reports it (renderer/src/sip/lamp-watch.ts). */
export interface LampLike {
  target: string;
  state: string;
  peer?: { name: string; number: string };
}

export type SlotState = 'free' | 'occupied' | 'unknown';

export interface SlotView {
  slot: string;
  state: SlotState;
  /** Who is parked there, when the PBX says. */
  parked?: { name: string; number: string };
}

/** The extension a lamp watches: "701", "sip:701@pbx" and "<sip:701@pbx;user=phone>" are all 701. */
export function lampExtension(target: string): string {
  return target
    .trim()
    .replace(/^<|>$/g, '')
    .replace(/^sips?:/i, '')
    .replace(/[@;].*$/, '');
}

/** A park slot's hint is in use while a call waits there; idle when free. */
export function slotStateOf(lampState: string | undefined): SlotState {
  switch (lampState) {
    case 'idle':
      return 'free';
    case 'busy':
    case 'held':
    case 'ringing':
      return 'occupied';
    default:
      return 'unknown';
  }
}

/** The configured slots in their order, each with what its lamp says (unknown until it says anything). */
export function slotViews(slots: readonly string[], lamps: readonly LampLike[]): SlotView[] {
  const byExtension = new Map(lamps.map((lamp) => [lampExtension(lamp.target), lamp]));
  return slots.map((slot) => {
    const lamp = byExtension.get(slot);
    const state = slotStateOf(lamp?.state);
    return {
      slot,
      state,
      ...(state === 'occupied' && lamp?.peer ? { parked: { ...lamp.peer } } : {}),
    };
  });
}

export type ParkedSlot =
  { kind: 'slot'; slot: string } | { kind: 'ambiguous'; slots: string[] } | { kind: 'none' };

/**
 * The slot a call went to: one that was not occupied when Park was pressed
 * and is now. When the PBX names who is parked, the slot holding the parked
 * party's number wins; when several lit and none says who, it is ambiguous
 * (someone else parked at the same moment), never a guess.
 */
export function detectParkedSlot(
  before: ReadonlyMap<string, SlotState>,
  now: readonly SlotView[],
  parkedNumber?: string,
): ParkedSlot {
  const lit = now.filter(
    (view) =>
      view.state === 'occupied' &&
      before.get(view.slot) !== 'occupied' &&
      // A slot that names someone else holds someone else's call.
      !(parkedNumber && view.parked?.number && view.parked.number !== parkedNumber),
  );
  if (lit.length === 0) return { kind: 'none' };
  const named = lit.filter((view) => parkedNumber && view.parked?.number === parkedNumber);
  if (named.length === 1) return { kind: 'slot', slot: named[0]!.slot };
  if (lit.length === 1) return { kind: 'slot', slot: lit[0]!.slot };
  return { kind: 'ambiguous', slots: lit.map((view) => view.slot) };
}

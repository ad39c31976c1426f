// Park slot lists, without zod: the phone reads them while starting up,
// before the schemas in park.ts are needed (re-exported there).

/** More lamps than this would be one SUBSCRIBE each for little use. */
export const MAX_PARK_SLOTS = 40;

/** A slot is an extension made of digits (Asterisk's parkpos), at most 16 long. */
const SLOT = /^\d{1,16}$/;

export type ParkSlotsResult = { ok: true; slots: string[] } | { ok: false; reason: 'format' | 'tooMany' };

/**
 * "701-720", "701, 702, 705" or a mix, in the order written, without
 * duplicates. Ranges keep the width of their first number ("0701-0703").
 * Empty means no slot lamps.
 */
export function parseParkSlots(text: string): ParkSlotsResult {
  const slots: string[] = [];
  const seen = new Set<string>();
  const add = (slot: string): boolean => {
    if (!seen.has(slot)) {
      seen.add(slot);
      slots.push(slot);
    }
    return slots.length <= MAX_PARK_SLOTS;
  };
  for (const raw of text.split(/[,;\s]+/)) {
    const part = raw.trim();
    if (!part) continue;
    const range = /^(\d{1,16})-(\d{1,16})$/.exec(part);
    if (range) {
      const [first, last] = [range[1]!, range[2]!];
      const from = Number(first);
      const to = Number(last);
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
        return { ok: false, reason: 'format' };
      }
      if (to - from >= MAX_PARK_SLOTS) return { ok: false, reason: 'tooMany' };
      for (let n = from; n <= to; n++) {
        if (!add(String(n).padStart(first.length, '0'))) return { ok: false, reason: 'tooMany' };
      }
      continue;
    }
    if (!SLOT.test(part)) return { ok: false, reason: 'format' };
    if (!add(part)) return { ok: false, reason: 'tooMany' };
  }
  return { ok: true, slots };
}

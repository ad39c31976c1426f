import { z } from 'zod';

// Call park settings: the extension a call is transferred to for parking, and
// the slots the PBX parks calls in (each watched by a lamp). Shared by the
// account form and main, which validates what is saved and what policy sets.

/** More lamps than this would be one SUBSCRIBE each for little use. */
export const MAX_PARK_SLOTS = 40;

/** A slot is an extension made of digits (Asterisk's parkpos), at most 16 long. */
const SLOT = /^\d{1,16}$/;

/** Asterisk's usual parking lot, shown as an example in the form (configuration, not language). */
export const PARKING_LOT_EXAMPLE =
  '[default] parkext => 700, parkpos => 701-720, context => parkedcalls, parkinghints = yes';

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

export const PARK_SLOTS_PROBLEM = {
  format: 'Park slots are extensions or ranges of digits, for example 701-720 or 701, 702, 705.',
  tooMany: `At most ${MAX_PARK_SLOTS} park slots can be watched.`,
} as const;

export const ParkSlotsSchema = z
  .string()
  .trim()
  .max(256, 'The park slots can be at most 256 characters.')
  .superRefine((text, ctx) => {
    const parsed = parseParkSlots(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: PARK_SLOTS_PROBLEM[parsed.reason] });
  });

/** The extension Park transfers a call to: digits, * and # (Asterisk's parkext). */
export const ParkExtensionSchema = z
  .string()
  .trim()
  .max(32, 'The park extension can be at most 32 characters.')
  .regex(/^[0-9*#]*$/, 'The park extension can hold digits, * and # only (for example 700).');

import { z } from 'zod';
import { MAX_PARK_SLOTS, parseParkSlots } from './park-slots';

export { MAX_PARK_SLOTS, parseParkSlots, type ParkSlotsResult } from './park-slots';

// Call park settings: the extension a call is transferred to for parking, and
// the slots the PBX parks calls in (each watched by a lamp). Shared by the
// account form and main, which validates what is saved and what policy sets.

/** Asterisk's usual parking lot, shown as an example in the form (configuration, not language). */
export const PARKING_LOT_EXAMPLE =
  '[default] parkext => 700, parkpos => 701-720, context => parkedcalls, parkinghints = yes';

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

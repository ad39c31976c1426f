import { z } from 'zod';
import { CALL_NOTE_MAX } from './history';

// Screen-pop: the caller's record in the company's CRM or ticket system,
// opened in the default browser on ring, on answer, or with a button. The
// renderer only sends main the call's facts; main expands the template,
// checks the URL against the rules (https, the administrator's host list)
// and opens it. Shared by main, the renderer's settings form and policy.

export const SCREEN_POP_MODES = ['off', 'ring', 'answer'] as const;
export type ScreenPopMode = (typeof SCREEN_POP_MODES)[number];

/** The placeholders a template may use, each replaced by a URL-encoded value. */
export const SCREEN_POP_PLACEHOLDERS = ['number', 'e164', 'name', 'direction', 'callId', 'note'] as const;

export const SCREEN_POP_TEMPLATE_MAX = 2048;

export const ScreenPopTemplateSchema = z
  .string()
  .trim()
  .max(
    SCREEN_POP_TEMPLATE_MAX,
    `The caller record address is too long (at most ${SCREEN_POP_TEMPLATE_MAX} characters).`,
  )
  .refine(
    (text) => text === '' || /^https?:\/\//i.test(text),
    'The caller record address must start with https://, for example https://crm.example.com/calls?from={number}.',
  );

export const ScreenPopSettingsSchema = z.object({
  /** When the record opens by itself: never, when a call rings, or when it is answered. */
  mode: z.enum(SCREEN_POP_MODES),
  /** https URL with {number}, {e164}, {name}, {direction}, {callId}, {note}; empty: no screen-pop. */
  template: ScreenPopTemplateSchema,
  /** Whether {note} carries the call's note; otherwise it is always empty. */
  includeNote: z.boolean(),
});
export type ScreenPopSettings = z.infer<typeof ScreenPopSettingsSchema>;

export const defaultScreenPopSettings: ScreenPopSettings = { mode: 'off', template: '', includeNote: false };

/** What made the renderer ask: the ring, the answer, or the person's "Open caller record". */
export const SCREEN_POP_TRIGGERS = ['ring', 'answer', 'button'] as const;

/** 'screenPop:open': the facts of one call, as the phone knows them (remote values are untrusted). */
export const ScreenPopOpenRequestSchema = z
  .object({
    trigger: z.enum(SCREEN_POP_TRIGGERS),
    callId: z.string().min(1).max(64),
    /** Epoch ms the call began: the phone numbers calls from 1 again after a reload. */
    startedAt: z.number().min(0),
    direction: z.enum(['incoming', 'outgoing']),
    number: z.string().max(256),
    name: z.string().max(256),
    note: z.string().max(CALL_NOTE_MAX).optional(),
  })
  .strict();
export type ScreenPopOpenRequest = z.infer<typeof ScreenPopOpenRequestSchema>;

/** Why a template was not opened; the renderer words each in the user's language. */
export const SCREEN_POP_PROBLEMS = [
  /** No template is set. */
  'no-template',
  /** Not a URL at all once expanded. */
  'invalid',
  /** Not https (http only where the administrator allows it). */
  'scheme',
  /** user:password@ in the address. */
  'userinfo',
  /** A placeholder in the host or port: a caller could choose the site. */
  'placeholder-host',
  /** The host is not on the administrator's list. */
  'host-not-allowed',
  /** The expanded address is longer than browsers take. */
  'too-long',
  /** Asked again too fast ("Open caller record" pressed repeatedly). */
  'too-often',
  /** The system could not start the browser. */
  'browser-failed',
] as const;
export type ScreenPopProblem = (typeof SCREEN_POP_PROBLEMS)[number];

export const ScreenPopResultSchema = z.object({
  /** opened: handed to the browser; skipped: not for this trigger (mode, already opened); refused: see problem. */
  outcome: z.enum(['opened', 'skipped', 'refused']),
  problem: z.enum(SCREEN_POP_PROBLEMS).optional(),
  /** The template's host (ASCII), to name it in the message. */
  host: z.string().max(256).optional(),
});
export type ScreenPopResult = z.infer<typeof ScreenPopResultSchema>;

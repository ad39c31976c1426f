import { z } from 'zod';
import { DeskSettingsSchema } from './desk';
import type { KeySpec } from './policy-pbx-keys';

// The policy keys of screen-pop (the caller's record in the browser).
// desk.screenPop.* are the user's settings, which policy can pre-set or
// lock; screenPop.* exist only in policy: which sites a record may open on.

const screenPop = DeskSettingsSchema.shape.screenPop.removeDefault().shape;

/**
 * A host name (IDN allowed, compared in punycode), optionally with *. for
 * any subdomain and :port for a port other than 443.
 */
export const ScreenPopHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(\*\.)?[^\s/?#@:\\*[\]]+(:\d{1,5})?$/u,
    'a host looks like crm.example.com, *.example.com or crm.example.com:8443',
  );

export const SCREEN_POP_KEYS = {
  'desk.screenPop.mode': {
    schema: screenPop.mode,
    type: "'off' | 'ring' | 'answer'",
    description:
      'Open the caller record by itself when an incoming call rings, when it is answered, or never ("Open caller record" still works).',
  },
  'desk.screenPop.template': {
    schema: screenPop.template,
    type: 'string (https URL with {number}, {e164}, {name}, {direction}, {callId}, {note}) or empty',
    description:
      'The caller record address; placeholders are URL-encoded and are not allowed in the host. Empty: no screen-pop.',
  },
  'desk.screenPop.includeNote': {
    schema: screenPop.includeNote,
    type: 'boolean',
    description: "Put the call's note into {note} (otherwise {note} is always empty).",
  },
  'screenPop.allowedHosts': {
    schema: z.array(ScreenPopHostSchema).max(32),
    type: "array of hosts ('crm.example.com', '*.example.com', 'crm.example.com:8443')",
    description:
      "Sites a caller record may open on. Empty: only the template's own host (whoever set it). *.example.com allows subdomains, not example.com itself.",
  },
  'screenPop.allowHttp': {
    schema: z.boolean(),
    type: 'boolean',
    description:
      'Allow http:// caller record addresses (caller numbers then travel unencrypted). Off: https only.',
  },
} satisfies Record<string, KeySpec>;

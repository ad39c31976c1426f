import { z } from 'zod';

// Call forwarding as the user (or the administrator) sets it. It lives with
// the desk settings, not the account: changing it must never re-register or
// touch calls in progress, and people switch it on and off often.

/**
 * Where a rule sends calls: a number, an extension or a SIP address, as the
 * dialer accepts it. Empty while the rule is off; the phone normalises it
 * like a dialled number (renderer/src/sip/dial.ts) before using it.
 */
export const ForwardTargetSchema = z
  .string()
  .trim()
  .max(128, 'A forwarding target is at most 128 characters.')
  .regex(/^[A-Za-z0-9+*#()._@:\s-]*$/, 'Use a number, an extension or a SIP address (user@domain).');

/** The PBX's own feature codes, for example *72 (on, followed by the target) and *73 (off). */
export const FeatureCodeSchema = z
  .string()
  .trim()
  .max(16)
  .regex(/^[0-9*#]*$/, 'A feature code uses digits, * and # only (for example *72).');

const RuleSchema = z
  .object({ enabled: z.boolean(), target: ForwardTargetSchema })
  .refine((rule) => !rule.enabled || rule.target.length > 0, {
    message: 'Say where calls should go before turning forwarding on.',
    path: ['target'],
  });

export const NO_ANSWER_MIN_SECONDS = 5;
export const NO_ANSWER_MAX_SECONDS = 120;

export const ForwardingSettingsSchema = z.object({
  /** Every call goes to the target and never rings here. */
  always: RuleSchema,
  /** A call that arrives while another call is going on (or under do not disturb). */
  busy: RuleSchema,
  /** A call that rang here for `seconds` without being answered. */
  noAnswer: z
    .object({
      enabled: z.boolean(),
      target: ForwardTargetSchema,
      seconds: z.number().int().min(NO_ANSWER_MIN_SECONDS).max(NO_ANSWER_MAX_SECONDS),
    })
    .refine((rule) => !rule.enabled || rule.target.length > 0, {
      message: 'Say where calls should go before turning forwarding on.',
      path: ['target'],
    }),
  /** Codes that switch forwarding at the PBX itself (works while DeskPhone is closed); empty: none. */
  forwardOnCode: FeatureCodeSchema,
  forwardOffCode: FeatureCodeSchema,
  /** Where the PBX was last told to forward (by the on code); empty when off or never used. */
  pbxTarget: ForwardTargetSchema,
});
export type ForwardingSettings = z.infer<typeof ForwardingSettingsSchema>;
export type ForwardRule = 'always' | 'busy' | 'noAnswer';

export function defaultForwarding(): ForwardingSettings {
  return {
    always: { enabled: false, target: '' },
    busy: { enabled: false, target: '' },
    noAnswer: { enabled: false, target: '', seconds: 20 },
    forwardOnCode: '',
    forwardOffCode: '',
    pbxTarget: '',
  };
}

/**
 * The first rule that is on and would send calls back to this phone's own extension
 * (user@domain), or null. A target without a domain is on our own domain.
 */
export function ruleForwardingToSelf(
  forwarding: ForwardingSettings,
  ownAddress: string | undefined,
): ForwardRule | null {
  const [ownUser, ownDomain] = (ownAddress ?? '').toLowerCase().split('@');
  if (!ownUser) return null;
  for (const rule of ['always', 'busy', 'noAnswer'] as const) {
    if (!forwarding[rule].enabled) continue;
    const target = forwarding[rule].target
      .trim()
      .toLowerCase()
      .replace(/^sips?:/, '');
    const [user, domain] = target.split('@');
    if (user === ownUser && (!domain || domain === ownDomain)) return rule;
  }
  return null;
}

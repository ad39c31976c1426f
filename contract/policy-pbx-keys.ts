import type { z } from 'zod';
import { AccountSettingsSchema } from './account';
import { DeskSettingsSchema } from './desk';

// The policy keys of the PBX's desk features: voicemail, park, the
// colleagues' board and call forwarding. contract/policy.ts lists them in
// its table at these places, so the reference in docs/deploying.md keeps its
// order.

export interface KeySpec {
  schema: z.ZodType;
  /** The type as an administrator reads it in the reference table. */
  type: string;
  description: string;
}

const account = AccountSettingsSchema.shape;
const forwarding = DeskSettingsSchema.shape.forwarding.unwrap().shape;

export const PBX_ACCOUNT_KEYS = {
  'account.voicemailNumber': {
    schema: account.voicemailNumber,
    type: "string (for example '*97')",
    description: 'What the Voicemail button dials; empty for none.',
  },
  'account.mwiSubscribe': {
    schema: account.mwiSubscribe,
    type: 'boolean',
    description: 'SUBSCRIBE to message-summary (for PBXes that do not send voicemail notices unasked).',
  },
  'account.parkExtension': {
    schema: account.parkExtension,
    type: "string (for example '700')",
    description: 'Where Park transfers a call (Asterisk parkext); empty for no Park button.',
  },
  'account.parkSlots': {
    schema: account.parkSlots,
    type: "string (for example '701-720' or '701, 702')",
    description: 'Park slots shown with lamps (Asterisk parkpos, parkinghints = yes); at most 40.',
  },
  'account.pickupPrefix': {
    schema: account.pickupPrefix,
    type: "string (for example '**')",
    description:
      "Dialled before a ringing colleague's extension to pick up their call (Asterisk: a Pickup() extension); empty hides Pick up.",
  },
  'account.teamColleagues': {
    schema: account.teamColleagues,
    type: "array of extensions ('1002', 'sip:1003@pbx.example.com'), at most 50",
    description:
      "A team's extensions on everyone's colleagues' board; users cannot remove them (lock the key).",
  },
  'account.announceColleagueRinging': {
    schema: account.announceColleagueRinging,
    type: 'boolean',
    description: "Announce (screen reader, polite) when a colleague's phone rings.",
  },
  'account.lampExpiresS': {
    schema: account.lampExpiresS,
    type: 'integer (60–3600)',
    description:
      'How long each colleague lamp subscription lasts before it is refreshed, in s (two per colleague: dialog and presence).',
  },
} satisfies Record<string, KeySpec>;

export const FORWARDING_KEYS = {
  'desk.forwarding.always': {
    schema: forwarding.always,
    type: '{ enabled: boolean, target: string }',
    description: 'Forward every call (in the phone, while DeskPhone runs) to target.',
  },
  'desk.forwarding.busy': {
    schema: forwarding.busy,
    type: '{ enabled: boolean, target: string }',
    description: 'Forward calls that arrive during another call, or under do not disturb, to target.',
  },
  'desk.forwarding.noAnswer': {
    schema: forwarding.noAnswer,
    type: '{ enabled: boolean, target: string, seconds: 5–120 }',
    description: 'Forward calls not answered within seconds to target.',
  },
  'desk.forwarding.forwardOnCode': {
    schema: forwarding.forwardOnCode,
    type: "string (for example '*72')",
    description: 'The PBX code that turns forwarding on at the PBX (dialled followed by the target).',
  },
  'desk.forwarding.forwardOffCode': {
    schema: forwarding.forwardOffCode,
    type: "string (for example '*73')",
    description: 'The PBX code that turns forwarding at the PBX off.',
  },
} satisfies Record<string, KeySpec>;

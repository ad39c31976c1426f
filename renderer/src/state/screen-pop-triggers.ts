import type { CallSnapshot } from '../sip/types';

// When a call's record may open by itself: the moment an incoming call
// starts ringing here, and the moment it is answered. Outgoing calls never
// open by themselves (the agent dialled from the record already); main
// decides whether the mode wants the trigger at all.

export type AutoTrigger = 'ring' | 'answer';

const answered = (call: CallSnapshot) => call.status === 'connecting' || call.status === 'active';

/** The triggers between two engine snapshots, in call order. */
export function screenPopTriggers(
  before: readonly CallSnapshot[],
  after: readonly CallSnapshot[],
): { call: CallSnapshot; trigger: AutoTrigger }[] {
  const previous = new Map(before.map((call) => [call.id, call]));
  const found: { call: CallSnapshot; trigger: AutoTrigger }[] = [];
  for (const call of after) {
    if (call.direction !== 'incoming') continue;
    const old = previous.get(call.id);
    // The same id with another start is another call (ids restart after a reload).
    const fresh = !old || old.startedAt !== call.startedAt;
    if (fresh && call.status === 'incoming') found.push({ call, trigger: 'ring' });
    if (answered(call) && (fresh || !answered(old!))) found.push({ call, trigger: 'answer' });
  }
  return found;
}

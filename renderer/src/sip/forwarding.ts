import type { ForwardingSettings, ForwardRule } from '../../../contract/forwarding';
import { t } from '../i18n/i18n.svelte';
import { normaliseDialString } from './dial';

// Call forwarding in the phone: which incoming call goes elsewhere, and when.
// A forwarded call is answered with 302 Moved Temporarily and the target as
// Contact, which Asterisk's Dial() (and most PBXes and proxies) follow.
//
// The rules, in order:
// 1. A call that replaces one of ours (attended transfer) is never forwarded.
// 2. "Always": every call goes to the target at once; it never rings here,
//    whatever do not disturb says (forwarding is the stronger wish).
// 3. "When busy": a call that arrives while another call is going on (any
//    call not yet ended: talking, held, dialling, or ringing here), or while
//    do not disturb is on, goes to the target at once instead of waiting
//    (call waiting) or being refused.
// 4. Do not disturb without "when busy": refused as before (486 or 480).
// 5. "After N seconds": the call rings here; if nobody answered or declined
//    it within N seconds of ringing, it goes to the target.
// A target that is empty, cannot be dialled or is this phone's own address
// (a loop) never forwards: the call is handled as if the rule were off.

export interface ForwardingInput {
  /** Another call that is not over yet. */
  busy: boolean;
  doNotDisturb: boolean;
  /** The INVITE replaces one of our dialogs (Replaces header). */
  replaces: boolean;
}

export type ForwardDecision =
  | { action: 'forward'; rule: ForwardRule; uri: string; display: string }
  | { action: 'ring'; noAnswer?: { seconds: number; uri: string; display: string } }
  | { action: 'do-not-disturb' };

export type ForwardRules = Pick<ForwardingSettings, ForwardRule>;

/** A rule's target as a SIP URI, or why it cannot be used. */
export function forwardTarget(
  target: string,
  domain: string,
  ownUri: string,
): { ok: true; uri: string; display: string } | { ok: false; reason: string } {
  const dial = normaliseDialString(target, domain);
  if (!dial.ok) return dial;
  if (sameAddress(dial.uri, ownUri)) return { ok: false, reason: t('forwarding.loop') };
  return dial;
}

export function decideForwarding(
  rules: ForwardRules | null,
  input: ForwardingInput,
  domain: string,
  ownUri: string,
): ForwardDecision {
  if (input.replaces) return { action: 'ring' };
  if (!rules) return input.doNotDisturb ? { action: 'do-not-disturb' } : { action: 'ring' };
  const usable = (rule: ForwardRule) => {
    const { enabled, target } = rules[rule];
    if (!enabled) return null;
    const resolved = forwardTarget(target, domain, ownUri);
    if (!resolved.ok) console.warn(`Forwarding (${rule}) skipped: ${resolved.reason}`);
    return resolved.ok ? { uri: resolved.uri, display: resolved.display } : null;
  };
  const always = usable('always');
  if (always) return { action: 'forward', rule: 'always', ...always };
  if (input.busy || input.doNotDisturb) {
    const busy = usable('busy');
    if (busy) return { action: 'forward', rule: 'busy', ...busy };
  }
  if (input.doNotDisturb) return { action: 'do-not-disturb' };
  const later = usable('noAnswer');
  return later
    ? {
        action: 'ring',
        noAnswer: { seconds: rules.noAnswer.seconds, uri: later.uri, display: later.display },
      }
    : { action: 'ring' };
}

/** user@host of a SIP URI, lower-cased, without scheme, port or parameters. */
function addressOf(uri: string): string {
  const bare = uri.replace(/^sips?:/i, '').split(/[;?>]/)[0]!;
  const at = bare.lastIndexOf('@');
  const user = at >= 0 ? bare.slice(0, at) : '';
  const host = (at >= 0 ? bare.slice(at + 1) : bare).replace(/:\d+$/, '');
  return `${decodeURIComponent(user)}@${host}`.toLowerCase();
}

export function sameAddress(a: string, b: string): boolean {
  return addressOf(a) === addressOf(b);
}

/** What the forwarder needs of a call (CallController), so the rules can be tested with fakes. */
export interface ForwardableCall {
  readonly id: string;
  /** Ends an incoming call that was not answered with a final status; no-op once answered or gone. */
  refuse(statusCode: number, reason: string, extraHeaders?: string[]): Promise<void>;
  isEnded(): boolean;
  snapshot(): { status: string };
}

/** The phone's forwarding: decides at the INVITE, and forwards unanswered calls when their time is up. */
export class CallForwarding {
  private rules: ForwardRules | null = null;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly account: () => { domain: string; ownUri: string },
    // Wrapped: a browser's setTimeout called as a method of another object throws "Illegal invocation".
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = (run, ms) =>
      setTimeout(run, ms),
    private readonly unschedule: (timer: ReturnType<typeof setTimeout>) => void = (timer) =>
      clearTimeout(timer),
  ) {}

  /** New rules apply to the next call; a call already ringing keeps its timer. */
  configure(rules: ForwardRules | null): void {
    // A copy by JSON: the rules may arrive as a reactive proxy, which structuredClone refuses.
    this.rules = rules ? (JSON.parse(JSON.stringify(rules)) as ForwardRules) : null;
  }

  /** `others`: the calls the phone already has (busy = one of them is not over). */
  decide(
    others: Iterable<ForwardableCall>,
    doNotDisturb: boolean,
    invite: { replacee?: unknown },
  ): ForwardDecision {
    const { domain, ownUri } = this.account();
    const busy = [...others].some((call) => !call.isEnded());
    const input = { busy, doNotDisturb, replaces: Boolean(invite.replacee) };
    return decideForwarding(this.rules, input, domain, ownUri);
  }

  /**
   * Sends the call on with 302. Before the call rang here, this is the
   * whole story: no ring, no panel, no notification.
   */
  forward(call: ForwardableCall, target: { uri: string; display: string }): Promise<void> {
    this.settle(call.id);
    return call.refuse(302, t('forwarding.forwardedTo', { target: target.display }), [
      `Contact: <${target.uri}>`,
    ]);
  }

  /** The call started ringing here: forward it if it is still ringing after `seconds`. */
  ringing(call: ForwardableCall, decision: ForwardDecision): void {
    if (decision.action !== 'ring' || !decision.noAnswer) return;
    const target = decision.noAnswer;
    this.settle(call.id);
    this.timers.set(
      call.id,
      this.schedule(() => {
        this.timers.delete(call.id);
        if (!call.isEnded()) void this.forward(call, target);
      }, target.seconds * 1000),
    );
  }

  /** A call changed: once it no longer rings here (answered, declined, cancelled, ended), its timer stops. */
  changed(call: ForwardableCall): void {
    if (this.timers.has(call.id) && call.snapshot().status !== 'incoming') this.settle(call.id);
  }

  private settle(callId: string): void {
    const timer = this.timers.get(callId);
    if (timer === undefined) return;
    this.unschedule(timer);
    this.timers.delete(callId);
  }
}

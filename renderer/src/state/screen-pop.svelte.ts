import type { ScreenPopProblem, ScreenPopSettings } from '../../../contract/screen-pop';
import { t } from '../i18n/i18n.svelte';
import type { CallSnapshot } from '../sip/types';
import { announcer } from './announcer.svelte';
import { callNotes } from './call-notes.svelte';
import { screenPopTriggers } from './screen-pop-triggers';

// The caller's record in the browser. The page never builds the address: it
// tells main what happened to which call (with the call's facts), and main
// expands the template, checks it and opens it. A refusal comes back as a
// reason, said here in the user's language next to the call.

type Trigger = 'ring' | 'answer' | 'button';

function problemText(problem: ScreenPopProblem | undefined, host: string): string {
  switch (problem) {
    case 'host-not-allowed':
      return t('screenPop.hostNotAllowed', { host });
    case 'scheme':
      return t('screenPop.notHttps');
    case 'userinfo':
      return t('screenPop.userinfo');
    case 'placeholder-host':
      return t('screenPop.placeholderHost');
    case 'too-long':
      return t('screenPop.tooLong');
    case 'too-often':
      return t('screenPop.tooOften');
    case 'no-template':
      return t('screenPop.noTemplate');
    case 'browser-failed':
      return t('screenPop.browserFailed');
    default:
      return t('screenPop.invalid');
  }
}

export class ScreenPopState {
  settings = $state<ScreenPopSettings | null>(null);
  /** Why the record of a call did not open, by call id (shown by that call). */
  problems = $state<Record<string, string>>({});
  private before: readonly CallSnapshot[] = [];

  /** A template is set: "Open caller record" is offered. */
  get available(): boolean {
    return Boolean(this.settings?.template);
  }

  configure(settings: ScreenPopSettings | undefined): void {
    this.settings = settings ?? null;
  }

  /** Every engine snapshot: opens on ring or answer as the mode says (main checks again). */
  observe(calls: readonly CallSnapshot[]): void {
    const triggers = screenPopTriggers(this.before, calls);
    this.before = calls;
    const mode = this.settings?.mode ?? 'off';
    if (!this.available || mode === 'off') return;
    for (const { call, trigger } of triggers) if (trigger === mode) void this.open(call, trigger);
  }

  async open(call: CallSnapshot, trigger: Trigger): Promise<void> {
    const note = callNotes.text(call.id).trim();
    try {
      const result = await window.deskphone.invoke('screenPop:open', {
        trigger,
        callId: call.id,
        startedAt: call.startedAt,
        direction: call.direction,
        number: call.remoteNumber,
        name: call.remoteName,
        ...(note ? { note } : {}),
      });
      if (result.outcome === 'refused') {
        this.problems[call.id] = problemText(result.problem, result.host ?? '');
      } else if (result.outcome === 'opened') {
        delete this.problems[call.id];
        announcer.say(t('screenPop.opened', { host: result.host ?? '' }));
      }
    } catch (error) {
      this.problems[call.id] = t('screenPop.failed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

export const screenPop = new ScreenPopState();

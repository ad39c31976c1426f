import type { ForwardingSettings, ForwardRule } from '../../../contract/forwarding';
import { t } from '../i18n/i18n.svelte';
import type { EngineSnapshot } from '../sip/types';
import type { DeskState } from './desk.svelte';
import type { PhoneState } from './phone.svelte';

// Forwarding as the screen sees it: the rules (stored by main with the desk
// settings, so a change never re-registers), what the reminder banner says,
// and forwarding at the PBX by its feature codes, dialled as normal calls.

/** How long a feature-code call may take before we say the PBX did not answer. */
const PBX_CODE_TIMEOUT_MS = 30_000;

export interface PbxResult {
  ok: boolean;
  message: string;
}

/** Digits only (a PBX code is followed by a number); separators people type are dropped. */
export function pbxNumber(target: string): string | null {
  const digits = target.replace(/[\s\-().]/g, '');
  return /^\+?[0-9]{1,32}$/.test(digits) ? digits : null;
}

export class ForwardingState {
  /** The PBX code call in progress, or its last result (announced where it was asked for). */
  pbxBusy = $state(false);
  pbxResult = $state<PbxResult | null>(null);
  /** A refusal from main or a quick toggle without a target, shown by the banner. */
  problem = $state<string | null>(null);
  /** What the banner last announced (null until the first settings arrived); bookkeeping, not UI state. */
  told: string | null = null;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly desk: DeskState,
    private readonly phone: PhoneState,
  ) {}

  get settings(): ForwardingSettings | null {
    return this.desk.settings?.forwarding ?? null;
  }

  locked(key: ForwardRule | 'forwardOnCode' | 'forwardOffCode'): boolean {
    return this.desk.view?.locked?.includes(`desk.forwarding.${key}`) ?? false;
  }

  /** Any rule in the phone that is on. */
  get active(): boolean {
    const f = this.settings;
    return Boolean(f && (f.always.enabled || f.busy.enabled || f.noAnswer.enabled));
  }

  /** The reminder banner's sentences, most important first. */
  get summary(): string[] {
    const f = this.settings;
    if (!f) return [];
    const lines: string[] = [];
    if (f.always.enabled) lines.push(t('forwarding.bannerAlways', { target: f.always.target }));
    else {
      if (f.busy.enabled) lines.push(t('forwarding.bannerBusy', { target: f.busy.target }));
      if (f.noAnswer.enabled) {
        lines.push(
          t('forwarding.bannerNoAnswer', { target: f.noAnswer.target, seconds: f.noAnswer.seconds }),
        );
      }
    }
    if (f.pbxTarget) lines.push(t('forwarding.bannerPbx', { target: f.pbxTarget }));
    return lines;
  }

  /** Only the rules that are not locked can be switched off from the banner. */
  get canTurnOff(): boolean {
    const f = this.settings;
    if (!f) return false;
    return (['always', 'busy', 'noAnswer'] as const).some((r) => f[r].enabled && !this.locked(r));
  }

  /** Throws with main's reason when the settings are refused (a locked rule, an invalid target). */
  save(next: ForwardingSettings): Promise<void> {
    return this.oneAtATime(() => this.write(next));
  }

  /** "Forward all" from the main screen, with the target last used for it. */
  toggleAll(): Promise<void> {
    return this.oneAtATime(async () => {
      const f = this.settings;
      if (!f) return;
      this.problem = null;
      if (!f.always.enabled && !f.always.target.trim()) {
        this.problem = t('forwarding.quickNeedsTarget');
        return;
      }
      await this.guard(() => this.write({ ...f, always: { ...f.always, enabled: !f.always.enabled } }));
    });
  }

  turnOff(): Promise<void> {
    return this.oneAtATime(async () => {
      const f = this.settings;
      if (!f) return;
      this.problem = null;
      const off = (rule: ForwardRule) => (this.locked(rule) ? f[rule] : { ...f[rule], enabled: false });
      await this.guard(() =>
        this.write({
          ...f,
          always: off('always'),
          busy: off('busy'),
          noAnswer: { ...f.noAnswer, ...off('noAnswer') },
        }),
      );
    });
  }

  /**
   * One change at a time, each read from what the last one saved: a second
   * press while main is still saving the first must not undo it or itself.
   */
  private oneAtATime(change: () => Promise<void>): Promise<void> {
    const run = this.pending.catch(() => undefined).then(change);
    this.pending = run;
    return run;
  }

  private async write(next: ForwardingSettings): Promise<void> {
    const settings = this.desk.settings;
    if (!settings) return;
    await this.desk.save({ ...settings, forwarding: next });
  }

  /** Dials `<onCode><number>` (or the off code); resolves with what the PBX did. */
  async atPbx(on: boolean, target = ''): Promise<PbxResult> {
    const f = this.settings;
    const code = on ? f?.forwardOnCode : f?.forwardOffCode;
    if (!f || !code) return this.report({ ok: false, message: t('forwarding.pbxNoCodes') });
    const number = on ? pbxNumber(target) : '';
    if (number === null) return this.report({ ok: false, message: t('forwarding.pbxNeedsNumber') });
    const dialled = `${code}${number}`;
    this.pbxBusy = true;
    this.pbxResult = { ok: true, message: t('forwarding.pbxWorking', { code: dialled }) };
    try {
      const answered = await this.placeAndWatch(dialled);
      if (answered !== true) {
        return this.report({
          ok: false,
          message: t('forwarding.pbxFailed', { code: dialled, reason: answered }),
        });
      }
      // The rules may have changed during the call: only the PBX's target is this change.
      await this.oneAtATime(async () => {
        const now = this.settings;
        if (now) await this.write({ ...now, pbxTarget: number });
      });
      return this.report({
        ok: true,
        message: on ? t('forwarding.pbxOnDone', { target: number }) : t('forwarding.pbxOffDone'),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.report({ ok: false, message: t('forwarding.pbxFailed', { code: dialled, reason }) });
    } finally {
      this.pbxBusy = false;
    }
  }

  /** true once the PBX answered the code call; otherwise why it did not. */
  private placeAndWatch(dialled: string): Promise<true | string> {
    const engine = this.phone.engine;
    const known = engine.snapshot().calls.map((c) => c.id);
    return new Promise((resolve, reject) => {
      let stop: (() => void) | null = null;
      let done = false;
      const timer = setTimeout(() => finish(t('forwarding.pbxNoAnswer')), PBX_CODE_TIMEOUT_MS);
      const finish = (result: true | string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stop?.();
        resolve(result);
      };
      const watch = (snapshot: EngineSnapshot) => {
        const call = snapshot.calls.find((c) => !known.includes(c.id) && c.direction === 'outgoing');
        if (!call) return;
        if (call.answeredAt !== undefined) finish(true);
        else if (call.status === 'ended') finish(call.endReason ?? t('forwarding.pbxNoAnswer'));
      };
      void this.phone.dial(dialled).then((placed) => {
        if (!placed) {
          clearTimeout(timer);
          reject(new Error(this.phone.actionError ?? t('forwarding.pbxNoAnswer')));
          return;
        }
        // subscribe() reports the current snapshot at once: the call may already be over.
        const unsubscribe = engine.subscribe(watch);
        if (done) unsubscribe();
        else stop = unsubscribe;
      });
    });
  }

  private report(result: PbxResult): PbxResult {
    this.pbxResult = result;
    return result;
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

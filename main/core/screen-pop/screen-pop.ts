import type { ScreenPopOpenRequest, ScreenPopResult, ScreenPopSettings } from '../../../contract/screen-pop';
import type { Logger } from '../logger';
import { hostAllowed } from './allowed-hosts';
import { checkTemplate, expandTemplate, finalUrl, placeholderValues, type TemplateCheck } from './template';

// Main's side of screen-pop: decides whether a call's record opens now
// (the mode, once per call and trigger), builds the URL from the template
// and the call's facts, checks it, and hands it to the system browser.
// The renderer never builds the URL; it only says what happened to a call.

export interface ScreenPopPorts {
  /** The settings in force (the user's, with policy applied). */
  settings(): ScreenPopSettings;
  /** Policy screenPop.allowedHosts. */
  allowedHosts(): readonly string[];
  /** Policy screenPop.allowHttp. */
  allowHttp(): boolean;
  /** Desk clickToDial.defaultCountry, for {e164}. */
  defaultCountry(): string;
  /** The system browser (shell.openExternal in the app). */
  open(url: string): Promise<void>;
  logger: Logger;
  now?: () => number;
}

/** "Open caller record" pressed faster than this opens only once. */
export const BUTTON_INTERVAL_MS = 1000;
/** Calls remembered for "opened once" (a busy desk has far fewer at a time). */
const REMEMBERED = 64;
/**
 * At most this many records open per minute, whatever the page asks: far
 * above a busy desk's calls, far below a browser flooded by a page gone bad.
 */
export const MAX_OPENS_PER_MINUTE = 20;

/** Whether a trigger opens the record under a mode; only incoming calls open by themselves. */
export function opensOn(
  mode: ScreenPopSettings['mode'],
  trigger: ScreenPopOpenRequest['trigger'],
  direction: ScreenPopOpenRequest['direction'],
): boolean {
  if (trigger === 'button') return true;
  return direction === 'incoming' && mode === trigger;
}

export class ScreenPop {
  /** `${callId}@${startedAt}:${trigger}` of automatic opens already done (or refused). */
  private readonly done = new Set<string>();
  private lastButtonAt = Number.NEGATIVE_INFINITY;
  /** When the records of the last minute were opened. */
  private openedAt: number[] = [];

  constructor(private readonly ports: ScreenPopPorts) {}

  /** The template's verdict as policy and the rules stand (for Settings and before opening). */
  check(template: string): TemplateCheck & { host?: string } {
    const checked = checkTemplate(template, this.ports.allowHttp());
    if (!checked.ok) return checked;
    if (!hostAllowed(checked.base, this.ports.allowedHosts())) {
      return { ok: false, problem: 'host-not-allowed', host: checked.base.hostname };
    }
    return { ...checked, host: checked.base.hostname };
  }

  async open(request: ScreenPopOpenRequest): Promise<ScreenPopResult> {
    const { logger } = this.ports;
    const settings = this.ports.settings();
    if (!settings.template) return { outcome: 'refused', problem: 'no-template' };
    if (!opensOn(settings.mode, request.trigger, request.direction)) return { outcome: 'skipped' };
    const now = this.ports.now?.() ?? Date.now();
    if (request.trigger === 'button') {
      if (now - this.lastButtonAt < BUTTON_INTERVAL_MS) return { outcome: 'refused', problem: 'too-often' };
      this.lastButtonAt = now;
    } else if (!this.firstTime(`${request.callId}@${request.startedAt}:${request.trigger}`)) {
      return { outcome: 'skipped' };
    }

    this.openedAt = this.openedAt.filter((at) => now - at < 60_000);
    if (this.openedAt.length >= MAX_OPENS_PER_MINUTE) {
      logger.warn('Screen-pop refused: too many in a minute');
      return { outcome: 'refused', problem: 'too-often' };
    }
    const checked = this.check(settings.template);
    if (!checked.ok) {
      logger.warn('Screen-pop refused', { problem: checked.problem });
      return {
        outcome: 'refused',
        problem: checked.problem,
        ...(checked.host ? { host: checked.host } : {}),
      };
    }
    const values = placeholderValues(
      { ...request, note: settings.includeNote ? (request.note ?? '') : '' },
      this.ports.defaultCountry(),
    );
    const final = finalUrl(expandTemplate(settings.template, values), checked.base);
    if (!final.ok) {
      logger.warn('Screen-pop refused after expansion', { problem: final.problem });
      return { outcome: 'refused', problem: final.problem, host: checked.base.hostname };
    }
    if (
      !(await this.ports.open(final.url).then(
        () => true,
        () => false,
      ))
    ) {
      logger.warn('Opening the caller record in the browser failed');
      return { outcome: 'refused', problem: 'browser-failed', host: checked.base.hostname };
    }
    this.openedAt.push(now);
    logger.info('Screen-pop opened', { trigger: request.trigger, host: checked.base.hostname });
    return { outcome: 'opened', host: checked.base.hostname };
  }

  private firstTime(key: string): boolean {
    if (this.done.has(key)) return false;
    this.done.add(key);
    if (this.done.size > REMEMBERED) this.done.delete(this.done.values().next().value!);
    return true;
  }
}

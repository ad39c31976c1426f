import { isSupportedCountry } from 'libphonenumber-js';
import type { DeskSettings, DeskView, HotkeyAction, PhoneCommand, PhoneReport } from '../../../contract/desk';
import { describeError, UserFacingError } from '../errors';
import { ringingCalls } from './calls';
import { commandFor } from './call-commands';
import { parseDialLink, type DialParse } from './dial-links';
import { HotkeyRegistry } from './hotkeys';
import {
  dialProblemNotification,
  IncomingNotifier,
  routeNotificationEvent,
  supportsNotificationActions,
} from './incoming-notifications';
import { findDialLinkInArgv } from './launch-args';
import type { DeskControllerOptions, NotificationEvent } from './ports';
export type { DeskControllerOptions, DeskSettingsPort } from './ports';
import { readDialTarget } from './selection';
import { trayIcons } from './tray-icon';
import { forwardAllTarget, trayModel, type TrayItemId, type TrayModel, type TrayState } from './tray-model';

// The desk side of the phone: the phone's latest report becomes tray, notifications and window
// behaviour; hotkeys, tray clicks, notification buttons and dial links become phone commands,
// through the same few paths, so a hotkey and the tray's "Answer" cannot differ.

export class DeskController {
  private latest: PhoneReport | null = null;
  /** Commands wait until the phone has reported once, i.e. is loaded and listening. */
  private pending: PhoneCommand | null = null;
  private readonly hotkeys: HotkeyRegistry;
  private readonly notifier: IncomingNotifier;
  private readonly raisedFor = new Set<string>();
  private lastTray = '';
  private readonly counts = { missedCalls: 0, unreadMessages: 0 };
  private saving: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: DeskControllerOptions) {
    const { desktop, platform, logger } = options;
    this.hotkeys = new HotkeyRegistry(desktop.hotkeys, platform, (a) => void this.onHotkey(a), logger);
    this.notifier = new IncomingNotifier(desktop.notifications, platform, (e, id) =>
      this.onNotification(e, id),
    );
  }

  /** Applies the saved settings at start-up: hotkeys, login item, tray. */
  start(): void {
    const settings = this.options.settings.get();
    this.hotkeys.apply(settings.hotkeys);
    if (settings.startAtLogin) this.setLoginItem(true); // re-asserted: a moved AppImage still starts at login
    this.renderTray();
  }

  view(): DeskView {
    return {
      settings: this.options.settings.get(),
      hotkeyProblems: this.hotkeys.problems(),
      notificationActions: supportsNotificationActions(this.options.platform),
    };
  }

  /**
   * Saves desk settings and applies them. Unusable hotkeys are not a failure:
   * they come back as hotkeyProblems, one plain sentence per action.
   */
  save(next: DeskSettings): Promise<DeskView> {
    return this.enqueueSave(() => next);
  }

  /** One save at a time, each from the settings the last one left: a tray "Do not disturb" must not undo a save. */
  private enqueueSave(compute: (current: DeskSettings) => DeskSettings): Promise<DeskView> {
    const run = this.saving.then(() => this.saveNow(compute(this.options.settings.get())));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(next: DeskSettings): Promise<DeskView> {
    if (!isSupportedCountry(next.clickToDial.defaultCountry)) {
      throw new UserFacingError(
        `DeskPhone does not know the country code ${next.clickToDial.defaultCountry}. Choose a country from the list.`,
      );
    }
    const previous = this.options.settings.get();
    await this.options.settings.save(next);
    // After dispose (quitting), nothing is registered again.
    if (!this.disposed) this.hotkeys.apply(next.hotkeys);
    if (next.startAtLogin !== previous.startAtLogin) this.setLoginItem(next.startAtLogin);
    this.update({ quietChanged: previous.availability !== next.availability });
    const view = this.view();
    this.options.onChanged?.(view);
    return view;
  }

  /** The renderer's report of the phone, on every change. */
  report(report: PhoneReport): void {
    if (this.disposed) return;
    this.latest = report;
    this.update({ quietChanged: false });
    if (this.pending) {
      const command = this.pending;
      this.pending = null;
      this.options.sendCommand(command);
    }
  }

  latestReport(): PhoneReport | null {
    return this.latest;
  }

  /** What the tray shows now: state, tooltip and menu. */
  tray(): TrayModel {
    const settings = this.options.settings.get();
    return trayModel(this.latest, settings.availability, {
      windowVisible: this.options.desktop.window.isVisible(),
      ...this.counts,
      text: this.options.text?.(),
      forwardedTo: forwardAllTarget(settings),
    });
  }

  /** Unseen missed calls (call history) or unread messages changed: the tray and the app badge follow. */
  setCount(kind: 'missedCalls' | 'unreadMessages', count: number): void {
    this.counts[kind] = count;
    this.renderTray();
  }

  /** The tray's state alone ('ringing', 'in-call', …), the quick check for tests. */
  trayState(): TrayState {
    return this.tray().state;
  }

  /** A global hotkey was pressed (also callable directly, e.g. by the e2e harness). */
  async onHotkey(action: HotkeyAction): Promise<void> {
    try {
      if (action === 'showWindow') this.showWindow();
      else if (action === 'dialSelection') await this.dialSelection();
      else this.send(commandFor(action, this.latest));
    } catch (error) {
      this.options.logger.error('Hotkey action failed', { action, error: describeError(error) });
    }
  }

  /** A tray menu item was clicked. */
  async onTrayItem(id: TrayItemId): Promise<void> {
    const { desktop, logger } = this.options;
    try {
      switch (id) {
        case 'toggle-window':
          if (desktop.window.isVisible()) desktop.window.hide();
          else this.showWindow();
          this.renderTray();
          return;
        case 'available':
        case 'dnd':
          await this.enqueueSave((current) => ({ ...current, availability: id }));
          return;
        case 'answer':
        case 'decline':
        case 'hangup':
          this.send(commandFor(id, this.latest));
          return;
        case 'toggle-mute':
          this.send(commandFor('toggleMute', this.latest));
          return;
        case 'doctor':
          this.showWindow();
          this.send({ command: 'show-doctor' });
          return;
        case 'quit':
          desktop.quit();
          return;
      }
    } catch (error) {
      logger.error('Tray action failed', { id, error: describeError(error) });
    }
  }

  /** A dial link from the OS (argv, macOS open-url). Shows the phone with the number, or says why not. */
  handleLink(url: string): DialParse {
    const result = parseDialLink(url, this.options.settings.get().clickToDial);
    this.dial(result, 'That link');
    return result;
  }

  /** Another DeskPhone was started: dial its link if it has one, else just show this one. */
  handleSecondInstance(argv: readonly string[]): void {
    const link = findDialLinkInArgv(argv);
    if (link) this.handleLink(link);
    else this.showWindow();
  }

  /** The first launch's own argv (a link that started the app). */
  handleLaunchArgs(argv: readonly string[]): void {
    const link = findDialLinkInArgv(argv);
    if (link) this.handleLink(link);
  }

  /** The window was shown or hidden by other means; the tray's Show/Hide label follows. */
  windowVisibilityChanged(): void {
    this.renderTray();
  }

  /** On quit: releases global hotkeys and closes notifications. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.hotkeys.releaseAll();
    this.notifier.closeAll();
  }

  private update({ quietChanged }: { quietChanged: boolean }): void {
    const settings = this.options.settings.get();
    const quiet = settings.availability === 'dnd';
    if (quietChanged && quiet) this.notifier.closeAll();
    this.notifier.update(this.latest, { quiet, text: this.options.text?.() });
    this.raiseForNewRinging(settings, quiet);
    this.renderTray();
  }

  /** Once per call: raising the window again on every report would fight the user. */
  private raiseForNewRinging(settings: DeskSettings, quiet: boolean): void {
    const ringing = ringingCalls(this.latest);
    const ids = new Set(ringing.map((c) => c.id));
    for (const id of [...this.raisedFor]) if (!ids.has(id)) this.raisedFor.delete(id);
    const fresh = ringing.filter((c) => !this.raisedFor.has(c.id));
    for (const call of fresh) this.raisedFor.add(call.id);
    if (fresh.length > 0 && settings.bringToFrontOnRing && !quiet) this.options.desktop.window.bringToFront();
  }

  private renderTray(): void {
    if (this.disposed) return;
    const model = this.tray();
    // Rebuilding an identical menu can close it under the user's pointer (Linux).
    const key = JSON.stringify(model);
    if (key === this.lastTray) return;
    this.lastTray = key;
    try {
      this.options.desktop.badge?.setCount(model.badgeCount);
      this.options.desktop.tray.update(model, trayIcons(model.state, model.voicemailWaiting));
    } catch (error) {
      // A desktop without a tray must not stop the phone from starting.
      this.options.logger.warn('Updating the tray failed', { error: describeError(error) });
    }
  }

  private onNotification(event: NotificationEvent, callId: string): void {
    const route = routeNotificationEvent(event, callId, this.latest);
    if (!route) return;
    if (route.focusWindow) this.showWindow();
    this.send(route.command);
  }

  private async dialSelection(): Promise<void> {
    const { result, source } = await readDialTarget(
      this.options.desktop.clipboard,
      this.options.settings.get().clickToDial,
    );
    this.dial(result, source);
  }

  private dial(result: DialParse, what: string): void {
    if (!result.ok) {
      this.options.logger.warn('Nothing to dial', { source: what });
      this.options.desktop.notifications.show(
        dialProblemNotification(what, result.reason),
        (event) => event === 'click' && this.showWindow(),
      );
      return;
    }
    const confirm = this.options.settings.get().clickToDial.confirmFirst;
    // Shown without the keyboard: a page that fired the link must not get an Enter that confirms it.
    const window = this.options.desktop.window;
    if (window.showWithoutFocus) window.showWithoutFocus();
    else window.show();
    this.renderTray();
    this.send({ command: 'dial', target: result.target, display: result.display, confirm });
  }

  private send(command: PhoneCommand | null): void {
    if (!command || this.disposed) return;
    if (this.latest) this.options.sendCommand(command);
    // Only a dial or the doctor is worth keeping for later; an "answer" with no phone is moot.
    else if (command.command === 'dial' || command.command === 'show-doctor') this.pending = command;
  }

  private showWindow(): void {
    this.options.desktop.window.show();
    this.options.desktop.window.focus();
    this.renderTray();
  }

  private setLoginItem(enabled: boolean): void {
    void Promise.resolve()
      .then(() => this.options.desktop.loginItem.set(enabled))
      .catch((error: unknown) =>
        this.options.logger.warn('Could not change starting at login', { error: describeError(error) }),
      );
  }
}

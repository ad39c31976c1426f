import type { Notification, UserAgent } from 'sip.js';
import { LampWatch, type Lamp } from './lamp-watch';
import type { VoicemailState } from './message-summary';
import { VoicemailWatch } from './voicemail-watch';

/**
 * What the phone watches at the PBX besides its calls: waiting voicemail and
 * the lamps (colleagues, park slots). Both follow the registration: they
 * subscribe anew after each (re-)registration, hold still while it is lost,
 * and un-SUBSCRIBE when the user stops the account.
 */
export class PbxWatches {
  private readonly voicemail: VoicemailWatch;
  private readonly lampWatch: LampWatch;
  private wasRegistered = false;

  constructor(onChange: () => void) {
    this.voicemail = new VoicemailWatch(onChange);
    this.lampWatch = new LampWatch(onChange);
  }

  configure(options: { mwiSubscribe?: boolean; lampExpiresS?: number }): void {
    this.voicemail.configure(options.mwiSubscribe ?? false);
    if (options.lampExpiresS) this.lampWatch.setExpires(options.lampExpiresS);
  }

  /** Any NOTIFY outside a dialog (Asterisk's unsolicited message-summary). */
  onNotification(notification: Notification): void {
    this.voicemail.onNotification(notification);
  }

  setLampTargets(group: string, targets: readonly string[]): void {
    this.lampWatch.setTargets(group, targets);
  }

  followRegistration(registered: boolean, ua: UserAgent | null, domain: string): void {
    if (registered === this.wasRegistered) return;
    this.wasRegistered = registered;
    if (registered && ua) {
      this.voicemail.registered(ua, ua.configuration.uri.toString());
      this.lampWatch.registered(ua, domain);
    } else if (!registered) {
      this.voicemail.lost();
      this.lampWatch.lost();
    }
  }

  stop(): void {
    this.wasRegistered = false;
    this.voicemail.stop();
    this.lampWatch.stop();
  }

  get voicemailState(): VoicemailState | undefined {
    return this.voicemail.state;
  }

  get lamps(): Lamp[] {
    return this.lampWatch.lamps;
  }
}

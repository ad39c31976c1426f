import { Invitation, UserAgent, type Message, type Referral } from 'sip.js';
import type { CallController } from './call';
import { callFromInviter } from './call-factory';
import { audioOptions, type MediaPreferences } from './call-controls';
import { ConferenceMixer } from './conference';
import { normaliseDialString } from './dial';
import { sendDtmf, type DtmfMode } from './dtmf';
import { prepareAnswer } from './instant-sdh';
import { shouldAutoAnswer, type AutoAnswerPolicy } from './intercom';
import { plainNumber, plainText } from '../../../contract/plain-text';
import { refer } from './transfer';
import { matchesAny, NO_TRUST, type TrustRules } from './trust';
import { t } from '../i18n/i18n.svelte';

/** A far end may wait this long for the user to accept a transfer it asked for (its REFER times out at 32 s). */
const TRANSFER_REQUEST_TIMEOUT_MS = 25_000;

/** What the features need from the engine that owns the calls. */
export interface CallRegistry {
  get(callId: string): CallController | undefined;
  all(): CallController[];
  add(call: CallController): void;
  answer(callId: string): Promise<void>;
  userAgent(): UserAgent | null;
  domain(): string;
  dtmfMode(): DtmfMode;
  prefs: () => MediaPreferences;
  onCallChanged(callId: string): void;
  /** A MESSAGE inside this call's dialog. */
  onMessage?(call: CallController, message: Message): void;
}

/** Features that involve more than one call: lines, transfers, conference, intercom. */
export class CallFeatures {
  private readonly mixer = new ConferenceMixer();
  private autoAnswerPolicy: AutoAnswerPolicy = 'off';
  private trust: TrustRules = NO_TRUST;
  /** Transfers the far end asked for, waiting for the user's answer, by call id. */
  private readonly pendingReferrals = new Map<
    string,
    { referral: Referral; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(private readonly calls: CallRegistry) {}

  setAutoAnswerPolicy(policy: AutoAnswerPolicy): void {
    this.autoAnswerPolicy = policy;
  }

  setTrust(rules: TrustRules): void {
    this.trust = rules;
  }

  /** Every call gets a REFER handler, so the far end can transfer us. */
  watch(call: CallController): void {
    call.session.delegate = {
      ...call.session.delegate,
      onRefer: (referral) => void this.onReferred(call, referral),
      onMessage: (message) => this.calls.onMessage?.(call, message),
    };
  }

  async onIncoming(call: CallController, invitation: Invitation): Promise<void> {
    this.watch(call);
    prepareAnswer(invitation, audioOptions(this.calls.prefs()).sessionDescriptionHandlerModifiers);
    // The far end of an attended transfer: this call replaces one we already have, so it is answered at once.
    if (invitation.replacee && this.calls.all().some((c) => c.session === invitation.replacee)) {
      await this.calls.answer(call.id);
      return;
    }
    const busy = this.calls.all().some((c) => c !== call && c.isEstablished());
    if (!shouldAutoAnswer(call.autoAnswer, this.autoAnswerPolicy, busy)) return;
    // Only callers the user or the administrator trusts may open the microphone.
    if (!matchesAny(this.trust.autoAnswerFrom, call.session.remoteIdentity.uri)) {
      console.warn(`Ignored an auto-answer request from ${call.remoteName}: not a trusted caller.`);
      return;
    }
    const delay = (call.autoAnswer?.delaySeconds ?? 0) * 1000;
    setTimeout(() => {
      if (call.snapshot().status === 'incoming') void this.calls.answer(call.id);
    }, delay);
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    const call = this.require(callId);
    if (!call.isEstablished()) throw new Error(t('engine.tonesNeedCall'));
    await sendDtmf(call.session, digits, this.calls.dtmfMode());
  }

  async switchTo(callId: string): Promise<void> {
    const target = this.require(callId);
    for (const other of this.calls.all()) {
      if (other === target || other.inConference || !other.isEstablished() || other.controls.held) continue;
      await other.controls.setHeld(true);
    }
    if (target.controls.held) await target.controls.setHeld(false);
  }

  async transfer(callId: string, targetText: string): Promise<void> {
    const call = this.require(callId);
    if (!call.isEstablished()) throw new Error(t('engine.transferNeedsCall'));
    const dial = normaliseDialString(targetText, this.calls.domain());
    if (!dial.ok) throw new Error(dial.reason);
    const uri = UserAgent.makeURI(dial.uri);
    if (!uri) throw new Error(t('engine.notSipAddress', { text: targetText }));
    await this.referAndHangUp(call, uri, dial.display);
  }

  async completeTransfer(heldCallId: string, consultCallId: string): Promise<void> {
    const held = this.require(heldCallId);
    const consult = this.require(consultCallId);
    if (!held.isEstablished() || !consult.isEstablished()) {
      throw new Error(t('engine.transferNeedsBoth'));
    }
    await this.referAndHangUp(held, consult.session, consult.remoteName);
    // The target replaces our consultation call and ends it; make sure it is gone either way.
    setTimeout(() => void consult.hangup().catch(() => undefined), 2000);
  }

  async merge([firstId, secondId]: [string, string]): Promise<void> {
    const calls = [this.require(firstId), this.require(secondId)];
    if (!calls.every((c) => c.isEstablished())) throw new Error(t('engine.mergeNeedsBoth'));
    for (const call of calls) if (call.controls.held) await call.controls.setHeld(false);
    await this.mixer.merge(calls.map((c) => c.session));
    this.mixer.setMicMuted(calls.some((c) => c.controls.muted));
    for (const call of calls) {
      call.inConference = true;
      call.controls.conference = true;
      void call.controls.applySenderTracks();
      call.notifyChanged();
    }
  }

  async split(): Promise<void> {
    const members = this.calls.all().filter((c) => c.inConference);
    await this.mixer.split();
    for (const call of members) {
      call.inConference = false;
      call.controls.conference = false;
      void call.controls.applySenderTracks();
      call.notifyChanged();
    }
    // Back to one conversation at a time: the most recent call stays, the others wait on hold.
    const live = members.filter((c) => c.isEstablished());
    for (const call of live.slice(0, -1)) await call.controls.setHeld(true).catch(() => undefined);
  }

  /** Mute in a conference mutes the microphone for everyone in it. */
  setMuted(callId: string, muted: boolean): void {
    const call = this.require(callId);
    const targets = call.inConference ? this.calls.all().filter((c) => c.inConference) : [call];
    for (const target of targets) target.controls.setMuted(muted);
    if (call.inConference) this.mixer.setMicMuted(muted);
  }

  /** A conference ends when either party leaves; the other call goes on normally. */
  onEnded(call: CallController): void {
    if (call.inConference) void this.split();
    const pending = this.pendingReferrals.get(call.id);
    if (pending) {
      clearTimeout(pending.timer);
      this.pendingReferrals.delete(call.id);
    }
  }

  private async referAndHangUp(call: CallController, target: Parameters<typeof refer>[1], name: string) {
    // The PBX may hang the call up as soon as it takes the transfer, before refer() settles.
    call.endingHere();
    try {
      await refer(call.session, target, name, (progress) => {
        call.transfer = progress;
        call.notifyChanged();
      });
    } catch (error) {
      call.endingHere(false);
      throw error;
    }
    await call.hangup().catch(() => undefined);
  }

  /**
   * The far end asks us to call someone else (REFER). Never followed
   * silently: refused outside a connected call or when the rules say so,
   * followed at once only for an allowed target, otherwise held until the
   * user accepts or declines on the call screen.
   */
  private async onReferred(call: CallController, referral: Referral): Promise<void> {
    const uri = referral.referTo.uri;
    if (
      !call.isEstablished() ||
      this.trust.transferRequests === 'refuse' ||
      this.pendingReferrals.has(call.id)
    ) {
      await referral.reject({ statusCode: 603, reasonPhrase: 'Declined' });
      return;
    }
    if (matchesAny(this.trust.transferAllow, uri, this.calls.domain())) {
      await this.followReferral(call, referral);
      return;
    }
    const timer = setTimeout(
      () => void this.answerTransferRequest(call.id, false),
      TRANSFER_REQUEST_TIMEOUT_MS,
    );
    this.pendingReferrals.set(call.id, { referral, timer });
    // What the user decides on: the URI that would really be called, not a name the far end chose.
    call.transferRequest = {
      target: `${plainNumber(uri.user ?? '')}@${plainText(uri.host)}`,
      requestedBy: call.remoteName,
    };
    call.notifyChanged();
  }

  /** The user's answer to a transfer the far end asked for. */
  async answerTransferRequest(callId: string, accept: boolean): Promise<void> {
    const pending = this.pendingReferrals.get(callId);
    if (!pending) throw new Error(t('engine.transferRequestGone'));
    this.pendingReferrals.delete(callId);
    clearTimeout(pending.timer);
    const call = this.calls.get(callId);
    if (call) {
      call.transferRequest = undefined;
      call.notifyChanged();
    }
    if (accept && call?.isEstablished()) await this.followReferral(call, pending.referral);
    else await pending.referral.reject({ statusCode: 603, reasonPhrase: 'Declined' });
  }

  /** We are the transferee: accept the REFER and call the new party; SIP.js reports progress by NOTIFY. */
  private async followReferral(call: CallController, referral: Referral): Promise<void> {
    await referral.accept();
    // The transferor will hang this call up once the new one is up: expected, not news.
    call.endingHere();
    const inviter = referral.makeInviter(audioOptions(this.calls.prefs()));
    // An attended transfer points at the target's Contact (an opaque user part);
    // its display name is the name the transferor knew the target by.
    const { uri, displayName } = referral.referTo;
    const known = (displayName || '').replace(/@.*$/, '');
    const display = known || uri.user || uri.toString();
    const next = callFromInviter(
      inviter,
      display,
      Date.now(),
      this.calls.prefs,
      () => this.calls.onCallChanged(next.id),
      known || uri.user,
    );
    this.watch(next);
    this.calls.add(next);
    // The call being transferred waits on hold; the transferor ends it when the new call is up.
    if (call.isEstablished() && !call.controls.held) await call.controls.setHeld(true).catch(() => undefined);
    await next.place();
  }

  private require(callId: string): CallController {
    const call = this.calls.get(callId);
    if (!call) throw new Error(t('engine.callGone'));
    return call;
  }
}

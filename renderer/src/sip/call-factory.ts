import { Inviter, type Invitation, type UserAgent, type URI } from 'sip.js';
import { CallController } from './call';
import { audioOptions, type MediaPreferences } from './call-controls';
import { autoAnswerRequest } from './intercom';
import { RemoteParty } from './remote-party';

// The three ways a call begins: we dial, someone calls us, or a transfer
// (REFER) hands us an Inviter to place.

export function outgoingCall(
  ua: UserAgent,
  target: URI,
  display: string,
  pressedAt: number,
  prefs: () => MediaPreferences,
  onChange: () => void,
  video = false,
): CallController {
  const options = audioOptions(prefs(), video);
  return callFromInviter(
    new Inviter(ua, target, options),
    display,
    pressedAt,
    prefs,
    onChange,
    undefined,
    options,
  );
}

/** Wraps an Inviter made elsewhere (a transfer's new call, from SIP.js's Referral). */
export function callFromInviter(
  inviter: Inviter,
  display: string,
  pressedAt: number,
  prefs: () => MediaPreferences,
  onChange: () => void,
  number?: string,
  mediaOptions?: ReturnType<typeof audioOptions>,
): CallController {
  const target = inviter.remoteIdentity.uri;
  const far = RemoteParty.callee(display, number ?? target.user ?? display, target.toString());
  const call = new CallController({
    session: inviter,
    direction: 'outgoing',
    far,
    startedAt: pressedAt,
    prefs,
    onChange,
    mediaOptions,
  });
  call.timings.callPressedAt = pressedAt;
  return call;
}

export function incomingCall(
  invitation: Invitation,
  prefs: () => MediaPreferences,
  onChange: () => void,
): CallController {
  const { displayName, uri } = invitation.remoteIdentity;
  const call = new CallController({
    session: invitation,
    direction: 'incoming',
    far: RemoteParty.caller(displayName, uri),
    startedAt: Date.now(),
    prefs,
    onChange,
  });
  const request = invitation.request;
  call.autoAnswer = autoAnswerRequest(request.getHeaders('call-info'), request.getHeaders('alert-info'));
  return call;
}

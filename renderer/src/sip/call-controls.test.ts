import { SessionState, Web, type Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { audioOptions, CallControls } from './call-controls';

/** A microphone track: only `enabled` matters to the far end's ears. */
function fakeTrack() {
  return { kind: 'audio', enabled: true } as unknown as MediaStreamTrack;
}

class FakeSender {
  constructor(public track: MediaStreamTrack | null) {}
  replaceTrack(track: MediaStreamTrack | null): Promise<void> {
    // Like Chromium: the swap completes asynchronously.
    return new Promise((resolve) =>
      setTimeout(() => {
        this.track = track;
        resolve();
      }, 1),
    );
  }
}

/**
 * A real SIP.js SessionDescriptionHandler (its enableSenderTracks runs
 * unchanged) over a fake peer connection with one audio sender, and a session
 * whose re-INVITEs the far end accepts.
 */
function setup() {
  const track = fakeTrack();
  const sender = new FakeSender(track);
  const handler = Object.create(Web.SessionDescriptionHandler.prototype) as Web.SessionDescriptionHandler;
  Object.assign(handler, {
    _peerConnection: { getSenders: () => [sender], getTransceivers: () => [], signalingState: 'stable' },
  });
  const session = {
    state: SessionState.Established,
    sessionDescriptionHandler: handler,
    invite: (options: { requestDelegate: { onAccept(): void } }) => {
      setTimeout(() => options.requestDelegate.onAccept(), 1);
      return Promise.resolve();
    },
  } as unknown as Session;
  const prefs = { microphoneId: '', speakerId: '' };
  const controls = new CallControls(
    session,
    () => audioOptions(prefs),
    () => undefined,
  );
  return { controls, sender, track };
}

/** What the far end hears: a microphone track attached to the sender and switched on. */
function farEndHears(sender: FakeSender, track: MediaStreamTrack): boolean {
  return sender.track === track && track.enabled;
}

describe('CallControls: what the far end hears', () => {
  it('hears nothing while held, and the microphone again after resume', async () => {
    const { controls, sender, track } = setup();
    await controls.applySenderTracks();
    expect(farEndHears(sender, track)).toBe(true);

    await controls.setHeld(true);
    expect(sender.track).toBeNull();
    expect(track.enabled).toBe(false);

    await controls.setHeld(false);
    // The bug: resume re-attached the still-disabled track; the far end heard silence.
    expect(farEndHears(sender, track)).toBe(true);
  });

  it('a call muted before hold stays muted after resume, and unmute brings the microphone back', async () => {
    const { controls, sender, track } = setup();
    controls.setMuted(true);
    await controls.applySenderTracks();
    await controls.setHeld(true);
    await controls.setHeld(false);
    expect(sender.track).toBe(track);
    expect(track.enabled).toBe(false);
    controls.setMuted(false);
    await controls.applySenderTracks();
    expect(farEndHears(sender, track)).toBe(true);
  });

  it('mute pressed while a hold is in flight is honoured once the hold settles', async () => {
    const { controls, sender, track } = setup();
    const holding = controls.setHeld(true);
    controls.setMuted(true);
    await holding;
    await controls.setHeld(false);
    expect(sender.track).toBe(track);
    expect(track.enabled).toBe(false);
  });

  it('in a conference the sender keeps carrying the mix while the user is muted', async () => {
    const { controls, sender, track } = setup();
    controls.conference = true;
    controls.setMuted(true);
    await controls.applySenderTracks();
    expect(farEndHears(sender, track)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { prepareUndo } from './offer-undo';

/** Records what is done to a peer connection whose hold offer the far end refused. */
function refusedHold(lastLocal: 'offer' | 'answer') {
  const steps: string[] = [];
  const transceiver = { direction: 'sendrecv' as RTCRtpTransceiverDirection };
  const pc = {
    signalingState: 'stable' as RTCSignalingState,
    currentLocalDescription: { type: lastLocal, sdp: 'local' },
    currentRemoteDescription: { type: lastLocal === 'offer' ? 'answer' : 'offer', sdp: 'remote' },
    getTransceivers: () => [transceiver],
    async setLocalDescription(description?: { type: string }) {
      steps.push(`setLocal:${description?.type ?? 'implicit'}`);
      pc.signalingState = description?.type === 'offer' ? 'have-local-offer' : 'stable';
    },
    async setRemoteDescription(description: { type: string }) {
      steps.push(`setRemote:${description.type}`);
      pc.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    },
    createOffer: async () => ({ type: 'offer' }),
    createAnswer: async () => ({ type: 'answer' }),
  };
  const undo = prepareUndo(pc as unknown as RTCPeerConnection);
  // What SIP.js does for a hold: direction sendonly, then the offer goes out applied locally.
  transceiver.direction = 'sendonly';
  pc.signalingState = 'have-local-offer';
  return { undo, steps, transceiver };
}

describe('undoing a refused re-INVITE offer', () => {
  it('rolls back, restores the direction, and replays our last offer with their answer', async () => {
    const { undo, steps, transceiver } = refusedHold('offer');
    await undo();
    expect(steps).toEqual(['setLocal:rollback', 'setLocal:offer', 'setRemote:answer']);
    expect(transceiver.direction).toBe('sendrecv');
  });

  it('when we answered last, replays their offer and our answer, in that order', async () => {
    const { undo, steps } = refusedHold('answer');
    await undo();
    expect(steps).toEqual(['setLocal:rollback', 'setRemote:offer', 'setLocal:answer']);
  });

  it('does nothing to a call that has already closed', async () => {
    const steps: string[] = [];
    const pc = {
      signalingState: 'closed',
      getTransceivers: () => [],
      setLocalDescription: () => steps.push('x'),
    };
    await prepareUndo(pc as unknown as RTCPeerConnection)();
    expect(steps).toEqual([]);
  });
});

// Puts a call's peer connection back as it was when the far end refuses a
// re-INVITE (a hold the PBX does not allow, a camera it will not take).
//
// SIP.js's web handler cannot roll back: the refused offer stays applied. And
// Chromium, once it has applied a local offer that stops receiving (a hold is
// sendonly), does not resume playing what the far end sends after a rollback
// either: the call would "go on" in silence while packets keep arriving
// (measured: audio energy flat, bytes growing). So after the rollback the last
// completed exchange is replayed locally, in the same roles, which Chromium
// applies like any renegotiation; the far end is not involved.

/** Call before sending the offer; the returned function undoes it after a refusal. */
export function prepareUndo(pc: RTCPeerConnection | undefined): () => Promise<void> {
  const directions = pc?.getTransceivers().map((t) => [t, t.direction] as const) ?? [];
  return async () => {
    if (!pc || pc.signalingState === 'closed') return;
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    for (const [transceiver, direction] of directions) {
      // A stopped transceiver refuses any new direction.
      if (transceiver.direction !== 'stopped' && transceiver.direction !== direction)
        transceiver.direction = direction;
    }
    await replayLastExchange(pc);
  };
}

async function replayLastExchange(pc: RTCPeerConnection): Promise<void> {
  const local = pc.currentLocalDescription;
  const remote = pc.currentRemoteDescription;
  if (!local || !remote || pc.signalingState !== 'stable') return;
  if (local.type === 'offer') {
    await pc.setLocalDescription(await pc.createOffer());
    await pc.setRemoteDescription(remote);
  } else {
    await pc.setRemoteDescription(remote);
    await pc.setLocalDescription(await pc.createAnswer());
  }
}

import { Invitation } from 'sip.js';
import type { CallController } from './call';
import type { CallControls } from './call-controls';
import type { IceWatchdog } from './ice-restart';
import type { LineState } from './line-state';
import type { QualityMonitor } from './quality-monitor';
import type { RemoteParty } from './remote-party';
import type { CallDirection, CallSnapshot } from './types';
import * as video from './video';

/** The parts of a call its snapshot is read from (the call keeps them private). */
export interface CallParts {
  direction: CallDirection;
  startedAt: number;
  line: LineState;
  far: RemoteParty;
  controls: CallControls;
  monitor: QualityMonitor;
  ice: IceWatchdog;
}

/** What the screen shows about one call: plain data, copied, so the UI can never change the call. */
export function describeCall(call: CallController, parts: CallParts): CallSnapshot {
  const { line, far, controls, monitor } = parts;
  const session = call.session;
  return {
    id: call.id,
    direction: parts.direction,
    status: line.status,
    remoteName: far.identity.name,
    remoteNumber: far.identity.number,
    remoteUri: far.identity.uri,
    startedAt: parts.startedAt,
    answeredAt: line.answeredAt,
    endedAt: line.endedAt,
    endReason: line.endReason,
    endCode: line.endCode,
    muted: controls.muted,
    held: controls.held,
    heldByRemote: far.holdsUs,
    holdPending: controls.holdPending,
    holdError: controls.holdError,
    transfer: call.transfer ? { ...call.transfer } : undefined,
    transferRequest: call.transferRequest ? { ...call.transferRequest } : undefined,
    inConference: call.inConference,
    localVideo: Boolean(video.localVideoTrack(session)),
    remoteVideo: video.remoteVideoLive(session),
    videoOffered: session instanceof Invitation && video.offersVideo(session.request.body),
    autoAnswer: call.autoAnswer !== null,
    quality: monitor.quality ? { ...monitor.quality } : undefined,
    reconnecting: parts.ice.reconnecting,
  };
}

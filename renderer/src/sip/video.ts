import { Web, type Session } from 'sip.js';
import { t } from '../i18n/i18n.svelte';
import { audioStreamsOf } from './media';

// Video for a call: VP8 first (what Asterisk passes through between WebRTC
// phones), the camera added or dropped mid-call by re-INVITE, and the
// streams the screen shows. Audio-only calls never open the camera.

function handlerOf(session: Session): Web.SessionDescriptionHandler | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler : undefined;
}

export function cameraConstraints(cameraId: string): MediaTrackConstraints | boolean {
  return cameraId ? { deviceId: { ideal: cameraId } } : true;
}

function videoTransceiver(pc: RTCPeerConnection): RTCRtpTransceiver | undefined {
  return pc
    .getTransceivers()
    .find((t) => t.receiver.track.kind === 'video' && t.currentDirection !== 'stopped');
}

/**
 * SDP modifier: VP8 first on the video m-line. Asterisk relays video between
 * WebRTC phones without transcoding, so both ends must agree on VP8.
 */
export async function vp8First(description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> {
  if (!description.sdp) return description;
  const sdp = description.sdp;
  const vp8 = [...sdp.matchAll(/^a=rtpmap:(\d+) VP8\/90000/gim)].map((m) => m[1]!);
  if (!vp8.length) return description;
  const reordered = sdp.replace(/^(m=video \d+ [A-Z/]+)((?: \d+)+)/m, (_line, head: string, list: string) => {
    const types = list.trim().split(' ');
    return `${head} ${[...vp8, ...types.filter((t) => !vp8.includes(t))].join(' ')}`;
  });
  return { ...description, sdp: reordered };
}

export function localVideoTrack(session: Session): MediaStreamTrack | undefined {
  const pc = handlerOf(session)?.peerConnection;
  const track = pc?.getSenders().find((s) => s.track?.kind === 'video')?.track ?? undefined;
  return track && track.readyState === 'live' ? track : undefined;
}

export function remoteVideoStream(session: Session): MediaStream | undefined {
  const stream = handlerOf(session)?.remoteMediaStream;
  return stream && stream.getVideoTracks().length ? stream : undefined;
}

/** The streams a call's screen shows: our camera preview and the far end's picture. */
/** What the screen shows (video) or a recording mixes (audio) of one call. */
export function streamsOf(
  session: Session,
  kind: 'audio' | 'video',
): { local?: MediaStream; remote?: MediaStream } {
  return kind === 'video' ? videoStreamsOf(session) : audioStreamsOf(session);
}

export function videoStreamsOf(session: Session): { local?: MediaStream; remote?: MediaStream } {
  const track = localVideoTrack(session);
  return { local: track ? new MediaStream([track]) : undefined, remote: remoteVideoStream(session) };
}

/** The far end's picture is arriving (a live video track). */
export function remoteVideoLive(session: Session): boolean {
  return Boolean(
    remoteVideoStream(session)
      ?.getVideoTracks()
      .some((t) => t.readyState === 'live'),
  );
}

/** Opens the camera and puts it into the call; the caller then renegotiates. */
export async function attachCamera(session: Session, cameraId: string): Promise<void> {
  const handler = handlerOf(session);
  const pc = handler?.peerConnection;
  if (!handler || !pc) throw new Error(t('engine.noMedia'));
  if (localVideoTrack(session)) return;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(cameraId) });
  } catch (error) {
    throw new Error(
      t('engine.cameraFailed', { detail: error instanceof Error ? error.message : String(error) }),
      {
        cause: error,
      },
    );
  }
  const track = stream.getVideoTracks()[0]!;
  const transceiver = videoTransceiver(pc);
  if (transceiver) {
    await transceiver.sender.replaceTrack(track);
    transceiver.direction = 'sendrecv';
  } else {
    pc.addTrack(track, handler.localMediaStream);
  }
  handler.localMediaStream.addTrack(track);
}

/** Stops the camera: nothing more is sent, the other side's video can still arrive. */
export async function detachCamera(session: Session): Promise<void> {
  const handler = handlerOf(session);
  const pc = handler?.peerConnection;
  if (!handler || !pc) return;
  const transceiver = videoTransceiver(pc);
  const track = transceiver?.sender.track;
  if (transceiver) {
    await transceiver.sender.replaceTrack(null);
    transceiver.direction = 'recvonly';
  }
  if (track) {
    track.stop();
    handler.localMediaStream.removeTrack(track);
  }
}

export function offersVideo(sdp: string | undefined): boolean {
  return Boolean(sdp && /^m=video\s+[1-9]/m.test(sdp));
}

/** Turns the camera on or off mid-call; the far end learns of it by re-INVITE. */
export async function switchCamera(
  session: Session,
  on: boolean,
  cameraId: string,
  controls: { renegotiate(extra: object, refusal: (code: number, reason: string) => string): Promise<void> },
  onChange: () => void,
): Promise<void> {
  if (on) await attachCamera(session, cameraId);
  else await detachCamera(session);
  onChange();
  await controls.renegotiate({}, (code, reason) => t('engine.videoRefused', { code, reason }));
  onChange();
}

import { seenCandidate } from './candidate-tracker';
import { iceServerUrls, type NetworkKnowledge } from './gathering-policy';

/**
 * Gathers once, as a call would, and notes how many host candidates this
 * network gives and which STUN/TURN servers answer within `waitMs`. Runs in
 * the background while idle; a call never waits for it.
 */
export async function probeNetwork(
  configuration: RTCConfiguration,
  waitMs: number,
): Promise<NetworkKnowledge> {
  const { certificates: _certificates, ...rest } = configuration;
  const pc = new RTCPeerConnection({ ...rest, iceCandidatePoolSize: 0 });
  const hosts = new Set<string>();
  const answering = new Set<string>();
  let anyServerCandidate = false;
  try {
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      pc.addEventListener('icecandidate', (event) => {
        const seen = seenCandidate(event as unknown as Parameters<typeof seenCandidate>[0]);
        if (!seen) {
          clearTimeout(timer);
          resolve();
          return;
        }
        if (seen.type === 'host') hosts.add(event.candidate?.candidate ?? '');
        else anyServerCandidate = true;
        if (seen.url && seen.type !== 'host') answering.add(seen.url);
      });
    });
    pc.addTransceiver('audio', { direction: 'sendrecv' });
    await pc.setLocalDescription(await pc.createOffer());
    await done;
  } finally {
    pc.close();
  }
  const urls = iceServerUrls(configuration);
  // A browser that does not name the server: any server candidate means they answered.
  if (anyServerCandidate && answering.size === 0) urls.forEach((url) => answering.add(url));
  return {
    hostCandidates: hosts.size,
    answering,
    silent: new Set(urls.filter((url) => !answering.has(url))),
  };
}

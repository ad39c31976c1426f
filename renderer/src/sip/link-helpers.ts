import { UserAgent } from 'sip.js';

// Small pieces of the signalling link that need no state of their own.

/**
 * How long to wait for the first answer to a REGISTER: a few times what
 * opening the connection took (TCP, TLS and the upgrade are about three round
 * trips), or what the last REGISTER took; never under half a second or over four.
 */
export function firstAnswerWindow(connectMs: number | undefined): number {
  if (connectMs === undefined) return 4000;
  return Math.min(4000, Math.max(500, Math.round(connectMs * 4)));
}

/** OPTIONS to the server itself; any final answer, even an error, proves it is there. */
export function pingServer(ua: UserAgent, domain: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const target = UserAgent.makeURI(`sip:${domain}`);
    if (!target) return reject(new Error(`"${domain}" is not a SIP domain.`));
    const core = ua.userAgentCore;
    const message = core.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
    core.request(message, {
      onAccept: () => resolve(),
      onReject: () => resolve(),
      onRedirect: () => resolve(),
    });
  });
}

export function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  return Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ]);
}

/** Calls `count` for every SIP message the UserAgent's transport receives. */
export function countInbound(ua: UserAgent, count: () => void): void {
  const deliver = ua.transport.onMessage;
  ua.transport.onMessage = (message: string) => {
    count();
    deliver?.(message);
  };
}

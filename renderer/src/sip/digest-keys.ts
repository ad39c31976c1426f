import type { UserAgent } from 'sip.js';

// The renderer never holds the SIP password. When the server challenges a
// request (401/407), the realm it names goes to main, which answers with the
// digest key for that realm only: HA1 = MD5(user:realm:password). SIP.js
// computes the response from an HA1 as readily as from a password
// (authorizationHa1), so the challenge is held back from SIP.js for the
// moment it takes to fetch the key, then delivered, in order.

/** Asks main for the HA1 of `realm` for the configured account. */
export type DigestKeySource = (realm: string) => Promise<string>;

const CHALLENGE = /^SIP\/2\.0 (401|407) /;

/** The realm of the first WWW-/Proxy-Authenticate header of a raw challenge, if any. */
export function challengeRealm(message: string): string | null {
  if (!CHALLENGE.test(message)) return null;
  const header = /^(?:WWW|Proxy)-Authenticate:[ \t]*Digest[ \t]+(.*)$/im.exec(message)?.[1] ?? '';
  return /(?:^|,)\s*realm\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? null;
}

/**
 * Puts itself between the transport and SIP.js: every message goes on in
 * arrival order; a challenge waits until the HA1 for its realm is set.
 */
export function installDigestKeys(ua: UserAgent, source: DigestKeySource): void {
  const deliver = ua.transport.onMessage;
  const keys = new Map<string, string>();
  // SIP.js reads these options each time it answers a challenge.
  const options = ua.configuration as { authorizationHa1: string; authorizationPassword: string };
  options.authorizationPassword = '';
  let queue: Promise<void> = Promise.resolve();
  /** Messages waiting behind a challenge: later ones wait too, so SIP.js sees them in order. */
  let waiting = 0;

  ua.transport.onMessage = (message: string) => {
    const realm = challengeRealm(message);
    if (realm === null && waiting === 0) {
      deliver?.(message);
      return;
    }
    waiting++;
    queue = queue
      .then(async () => {
        if (realm !== null) {
          let ha1 = keys.get(realm);
          if (ha1 === undefined) {
            // No key (no password saved, main refused): SIP.js then gives up on the challenge.
            ha1 = await source(realm).catch(() => '');
            if (ha1) keys.set(realm, ha1);
          }
          options.authorizationHa1 = ha1;
        }
        deliver?.(message);
      })
      .catch(() => undefined)
      .finally(() => {
        waiting--;
      });
  };
}

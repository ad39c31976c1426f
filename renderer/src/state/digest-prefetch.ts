// The first REGISTER is always challenged (401), and answering needs the
// digest key for the challenge's realm from main: one more IPC round trip
// between the challenge and Registered. The realm rarely changes, so the
// realm of the last challenge is remembered (a server's name, not a secret)
// and its key asked for at page load, together with the account.

const REALM_KEY = 'deskphone.lastRealm';

export type DigestKeySource = (realm: string) => Promise<string>;

function rememberedRealm(): string | null {
  try {
    return localStorage.getItem(REALM_KEY);
  } catch {
    return null;
  }
}

function remember(realm: string): void {
  try {
    if (localStorage.getItem(REALM_KEY) !== realm) localStorage.setItem(REALM_KEY, realm);
  } catch {
    // Without storage every start simply asks main when challenged.
  }
}

const fromMain: DigestKeySource = (realm) =>
  window.deskphone.invoke('credentials:digest', { realm }).then((key) => key.ha1);

/**
 * Asks main now for the key of the realm that challenged last time, and
 * returns the source the engine uses: that answer for that realm (once: a
 * later challenge, e.g. after the password changed, asks again), main for
 * any other. No saved password or a refused realm: main's refusal reaches
 * the engine as before.
 */
export function prefetchDigestKey(source: DigestKeySource = fromMain): DigestKeySource {
  const realm = rememberedRealm();
  let early = realm === null ? null : source(realm);
  early?.catch(() => undefined);
  return (asked) => {
    remember(asked);
    if (early && asked === realm) {
      const answer = early;
      early = null;
      return answer;
    }
    return source(asked);
  };
}

// The `+sip.instance` that tells the PBX "this is the same device as before",
// so a REGISTER after a reconnect replaces the old contact instead of adding a
// second, dead one that would keep ringing into the void (RFC 5626). It must
// stay the same across restarts of the app for one profile and account, and
// differ between two computers that share an account. It is not a secret, so
// the page's own storage (one per profile) is an acceptable home for it.

const KEY_PREFIX = 'deskphone.sipInstance:';

interface SmallStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID for this profile and SIP address, created on first use and kept. */
export function stableInstanceId(
  sipAddress: string,
  storage: SmallStorage | undefined = globalThis.localStorage,
  makeUuid: () => string = () => crypto.randomUUID(),
): string {
  const key = KEY_PREFIX + sipAddress.toLowerCase();
  try {
    const saved = storage?.getItem(key);
    if (saved && UUID_RE.test(saved)) return saved;
    const fresh = makeUuid();
    storage?.setItem(key, fresh);
    return fresh;
  } catch {
    // Storage refused (private mode, quota): still stable for this address.
    return derivedUuid(sipAddress.toLowerCase());
  }
}

/** A UUID-shaped hash of `text` (FNV-1a, four lanes): the same text, the same id. */
export function derivedUuid(text: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x2f3b9a7d];
  for (let i = 0; i < text.length; i++) {
    for (let lane = 0; lane < lanes.length; lane++) {
      lanes[lane] = Math.imul(lanes[lane]! ^ (text.charCodeAt(i) + lane), 0x01000193) >>> 0;
    }
  }
  const hex = lanes.map((n) => n.toString(16).padStart(8, '0')).join('');
  // Version 4 and variant bits, so parsers that check them accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

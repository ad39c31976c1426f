// A support bundle gets mailed around, so everything that goes into it is
// cleaned here once more, whatever its source: SIP traces carry digest
// Authorization headers (enough to replay a REGISTER), and settings or stats
// could carry a password-like field. The logger already masks the secrets
// the vault registered; this catches what it could not know about.

export const REDACTED = '[redacted]';

/** Header lines whose whole value is a credential. */
const AUTH_HEADER = /^(\s*(?:Proxy-)?Authorization\s*:)[^\r\n]*/gim;
/** Digest challenges' responses can appear inside JSON-escaped SIP text too. */
const AUTH_HEADER_ESCAPED = /((?:\\r\\n|\\n)(?:Proxy-)?Authorization\s*:)(?:(?!\\r\\n|\\n)(?:\\"|[^"]))*/gi;
/** Key names that hold secrets, in JSON or key=value text. */
const SECRET_KEY = '[A-Za-z_-]*(?:password|passwd|secret|credential|token)[A-Za-z_-]*';
const JSON_SECRET = new RegExp(`("${SECRET_KEY}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const KEY_VALUE_SECRET = new RegExp(`\\b(${SECRET_KEY}\\s*=\\s*)[^\\s&;,"']+`, 'gi');

export function isSecretKey(key: string): boolean {
  return new RegExp(`^${SECRET_KEY}$`, 'i').test(key);
}

/**
 * Masks Authorization and Proxy-Authorization header values, password-like
 * JSON fields and key=value pairs, and every known secret (`extra`, e.g. the
 * logger's registered passwords).
 */
export function redactText(text: string, extra: (text: string) => string = (t) => t): string {
  return extra(text)
    .replace(AUTH_HEADER, `$1 ${REDACTED}`)
    .replace(AUTH_HEADER_ESCAPED, `$1 ${REDACTED}`)
    .replace(JSON_SECRET, `$1"${REDACTED}"`)
    .replace(KEY_VALUE_SECRET, `$1${REDACTED}`);
}

/** A deep copy with every password-like key's value replaced, for settings and stats. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactValue(inner);
    }
    return out;
  }
  return value;
}

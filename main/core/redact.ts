// Pattern-based masking of credentials in free text, for anything that may
// leave the machine or land on disk: log lines, SIP traces, support bundles.
// Known secrets (the vault's passwords) are masked by the logger by value;
// these patterns catch what nobody registered: digest Authorization headers
// (enough to replay a REGISTER), HA1 keys, TURN credentials, passwords in
// URLs and in key=value or JSON text, even when that JSON was escaped into a
// string once more. Over-masking a log is cheap; a leak is not.

export const REDACTED = '[redacted]';

/** Key names that hold secrets, in JSON, key=value or key: value text. */
const SECRET_WORD =
  'password|passwd|passphrase|pwd|secret|credential|token|ha1|api[-_]?key|private[-_]?key|session[-_]?key';
const SECRET_KEY = `[A-Za-z0-9_-]*(?:${SECRET_WORD})[A-Za-z0-9_-]*`;
const SECRET_KEY_EXACT = new RegExp(`^${SECRET_KEY}$`, 'i');

/**
 * Authorization / Proxy-Authorization header values with their folded
 * continuation lines (RFC 3261 7.3.1: a line starting with space or tab
 * continues the header).
 */
const AUTH_HEADER = /^([ \t]*(?:Proxy-)?Authorization[ \t]*:)[^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*/gim;
/** The same in escaped text that is not a whole JSON string (a truncated trace), where
 * line breaks are \r\n or \n literally. */
const AUTH_HEADER_ESCAPED =
  /((?:\\r\\n|\\n)[ \t]*(?:Proxy-)?Authorization[ \t]*:)(?:(?:\\r\\n|\\n)[ \t]|(?!\\r\\n|\\n)(?:\\"|[^"\r\n]))*/gi;
/** "key": "value" in JSON. */
const JSON_SECRET = new RegExp(`("${SECRET_KEY}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
/** key="value", key='value', key=value and key: value (the colon form needs a space, so
 * channel names like credentials:digest stay readable). */
const KEY_VALUE_SECRET = new RegExp(
  `\\b(${SECRET_KEY}(?:\\s*=\\s*|[ \\t]*:[ \\t]+))(?:"(?:[^"\\\\\\r\\n]|\\\\.)*"|'[^'\\r\\n]*'|[^\\s&;,"']+)`,
  'gi',
);
/** scheme://user:password@host and sip:user:password@host (RFC 3261 19.1.1, deprecated but legal). */
const URL_USERINFO = /\b((?:[a-z][a-z0-9+.-]*:\/\/|sips?:|turns?:)[^\s:@/"'<>]*:)[^\s@/"'<>]+(@)/gi;
/** Digest response and cnonce anywhere (SIP.js debug output, other clients' traces). */
const DIGEST_RESPONSE = /\b((?:response|cnonce)\s*=\s*)(?:"[^"\r\n]*"|[0-9a-f]{8,})/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_EXACT.test(key);
}

/**
 * Masks credential patterns in text; `known` runs first and masks secrets by
 * value (the logger's registered passwords). JSON string literals
 * are decoded and cleaned from the inside out, so a trace JSON-encoded into a
 * stats object JSON-encoded into a bundle is cleaned like plain text.
 */
export function redactText(text: string, known: (text: string) => string = (t) => t): string {
  return redactLayer(known(text), 0);
}

const MAX_DEPTH = 4;
const STRING_LITERAL = /"(?:[^"\\\r\n]|\\.)*"/g;

function redactLayer(text: string, depth: number): string {
  const inner =
    depth >= MAX_DEPTH
      ? text
      : text.replace(STRING_LITERAL, (literal) => {
          let decoded: unknown;
          try {
            decoded = JSON.parse(literal);
          } catch {
            return literal;
          }
          if (typeof decoded !== 'string') return literal;
          const clean = redactLayer(decoded, depth + 1);
          return clean === decoded ? literal : JSON.stringify(clean);
        });
  return applyPatterns(inner);
}

function applyPatterns(text: string): string {
  return text
    .replace(AUTH_HEADER, `$1 ${REDACTED}`)
    .replace(AUTH_HEADER_ESCAPED, `$1 ${REDACTED}`)
    .replace(JSON_SECRET, `$1"${REDACTED}"`)
    .replace(URL_USERINFO, `$1${REDACTED}$2`)
    .replace(DIGEST_RESPONSE, `$1${REDACTED}`)
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

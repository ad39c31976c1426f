import type { InvokeChannel } from '../../contract/channels';

// A size check that runs before any schema does. zod bounds what it knows
// about, but a request is a structured clone: a compromised renderer could
// send a 500 MB string in a field zod reads as unknown (support stats), or an
// object nested a million deep that would overflow the parser's stack. The
// walk stops as soon as the budget is spent, so measuring never costs more
// than the limit itself.

/** Ordinary requests (settings, contacts, commands) are a few kilobytes. */
export const DEFAULT_REQUEST_LIMIT_BYTES = 256 * 1024;

/** The support bundle carries the renderer's SIP trace and call statistics. */
export const REQUEST_LIMIT_BYTES: Partial<Record<InvokeChannel, number>> = {
  'support:export': 8 * 1024 * 1024,
};

const MAX_DEPTH = 32;
const PRIMITIVE_BYTES = 8;

export type SizeVerdict = { ok: true } | { ok: false; reason: 'too-large' | 'too-deep' };

/** Roughly how many bytes `value` takes (UTF-16 code units for strings), up to `limit`. */
export function checkPayloadSize(value: unknown, limit: number): SizeVerdict {
  let budget = limit;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return { ok: false, reason: 'too-deep' };
    if (typeof item === 'string') budget -= item.length + 2;
    else if (item instanceof ArrayBuffer) budget -= item.byteLength;
    else if (ArrayBuffer.isView(item)) budget -= item.byteLength;
    else if (item instanceof Map) {
      budget -= PRIMITIVE_BYTES;
      for (const [k, v] of item) stack.push([k, depth + 1], [v, depth + 1]);
    } else if (item instanceof Set) {
      budget -= PRIMITIVE_BYTES;
      for (const v of item) stack.push([v, depth + 1]);
    } else if (Array.isArray(item)) {
      budget -= PRIMITIVE_BYTES;
      for (let i = 0; i < item.length && budget >= 0; i++) {
        budget -= 1;
        stack.push([item[i], depth + 1]);
      }
    } else if (item !== null && typeof item === 'object') {
      budget -= PRIMITIVE_BYTES;
      for (const key of Object.keys(item)) {
        budget -= key.length + 3;
        stack.push([(item as Record<string, unknown>)[key], depth + 1]);
        if (budget < 0) return { ok: false, reason: 'too-large' };
      }
    } else budget -= PRIMITIVE_BYTES;
    if (budget < 0) return { ok: false, reason: 'too-large' };
  }
  return { ok: true };
}

export function requestLimitFor(channel: InvokeChannel): number {
  return REQUEST_LIMIT_BYTES[channel] ?? DEFAULT_REQUEST_LIMIT_BYTES;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

// When to try the server again after the connection dropped.
// - First minute: quick tries (0.5 s, 1 s, then every 1.2–1.6 s), so a PBX
//   that restarts (Asterisk takes a few seconds) has its phones back within
//   2 s of listening again; at that pace an office of phones costs a PBX a
//   few TLS handshakes a second, which it can bear.
// - After that: doubling up to a 30 s cap, so a PBX that is down for an hour
//   is not hammered, yet is found within 30 s once it is back.
// Jitter everywhere stops a whole office of phones from hitting the PBX in step.

export const BACKOFF_FIRST_MS = 500;
export const FAST_RETRY_MS = 1400;
/** Tries at the quick pace before backing off: about a minute. */
export const FAST_RETRY_STEPS = 40;
/** The first delay once the quick minute is over; it doubles from here. */
export const SLOW_FIRST_MS = 4000;
export const BACKOFF_CAP_MS = 30_000;
export const BACKOFF_JITTER = 0.2;
/** The quick pace's spread, absolute so no quick try is ever more than 1.6 s away. */
const FAST_JITTER_MS = 200;

/**
 * Delay before reconnection attempt `attempt` (1 for the first retry).
 * `random` returns [0, 1) like Math.random, and is a parameter so tests can pin it.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.max(1, Math.floor(attempt));
  const spread = random() * 2 - 1;
  if (step === 1 || step === 2) {
    return Math.round(BACKOFF_FIRST_MS * step * (1 + spread * BACKOFF_JITTER));
  }
  if (step <= FAST_RETRY_STEPS) return Math.round(FAST_RETRY_MS + spread * FAST_JITTER_MS);
  // 4 s, 8 s, 16 s … ; 2^n overflows to Infinity for huge steps, and min() still caps it.
  const base = Math.min(BACKOFF_CAP_MS, SLOW_FIRST_MS * 2 ** (step - FAST_RETRY_STEPS - 1));
  return Math.round(base * (1 + spread * BACKOFF_JITTER));
}

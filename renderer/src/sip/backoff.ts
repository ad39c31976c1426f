// When to try the server again after the connection dropped. Doubling from
// half a second finds a server that restarts quickly; the cap keeps a phone
// whose PBX is down for an hour from waiting longer than 30 s once it is back;
// jitter stops a whole office of phones from hitting a restarted PBX in step.

export const BACKOFF_FIRST_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
export const BACKOFF_JITTER = 0.2;

/**
 * Delay before reconnection attempt `attempt` (1 for the first retry):
 * 0.5 s, 1 s, 2 s, 4 s … capped at 30 s, each ±20 %. `random` returns
 * [0, 1) like Math.random, and is a parameter so tests can pin it.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.max(1, Math.floor(attempt));
  // 2^(step-1) overflows to Infinity for huge steps; min() still caps it.
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** (step - 1));
  const spread = (random() * 2 - 1) * BACKOFF_JITTER;
  return Math.round(base * (1 + spread));
}

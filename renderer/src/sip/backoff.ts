// When to try the server again, by how long it has been gone.
// - While the outage is young, tries come close together: a WebSocket to a
//   server that is down is refused at once, so a try costs the PBX next to
//   nothing, and a restarted PBX has its phones back within 3 s (2 s in the
//   first minute) of listening again, a try's own time included. 0.5 s, 1 s, then every 1.2–1.6 s for a
//   minute, then every 1.7–2.3 s until five minutes.
// - After five minutes the PBX is really down: the wait doubles each minute
//   from 5 s up to a 30 s cap, so a server that stays down is not hammered.
// Jitter everywhere stops a whole office of phones from hitting the PBX in step.

export const FIRST_DELAY_MS = 500;
export const YOUNG_OUTAGE_MS = 60_000;
export const SHORT_OUTAGE_MS = 300_000;
export const BACKOFF_CAP_MS = 30_000;
const JITTER = 0.2;

/** The pace while the outage is young (first minute) and short (up to five minutes): centre ± spread. */
export const YOUNG_PACE = { centre: 1400, spread: 200 };
export const SHORT_PACE = { centre: 2000, spread: 300 };

/**
 * Delay before try number `attempt` (1 for the first retry), `outageMs`
 * after the outage began. `random` returns [0, 1) like Math.random, and is a
 * parameter so tests can pin it.
 */
export function retryDelay(attempt: number, outageMs: number, random: () => number = Math.random): number {
  const spread = random() * 2 - 1;
  const step = Math.max(1, Math.floor(attempt));
  if (step <= 2) return Math.round(FIRST_DELAY_MS * step * (1 + spread * JITTER));
  if (outageMs < YOUNG_OUTAGE_MS) return Math.round(YOUNG_PACE.centre + spread * YOUNG_PACE.spread);
  if (outageMs < SHORT_OUTAGE_MS) return Math.round(SHORT_PACE.centre + spread * SHORT_PACE.spread);
  const minutesBeyond = (outageMs - SHORT_OUTAGE_MS) / 60_000;
  // 2^n overflows to Infinity after very long outages; min() still caps it.
  const base = Math.min(BACKOFF_CAP_MS, 5000 * 2 ** minutesBeyond);
  return Math.round(base * (1 + spread * JITTER));
}

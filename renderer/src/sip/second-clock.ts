// One clock for everything that changes once a second: a call's timer, its
// quality figures, a countdown to the next registration try. It ticks only
// while something needs it, exactly on the second boundaries of what it
// follows (a call's answer time, a retry's due time), so a display changes
// the moment its number does and every change of a second lands in the same
// frame: one layout per second at most, none at all when nothing counts.

export type TickHandler = (at: number) => void | Promise<void>;

interface Beat {
  /** Where in the second (0–999 ms) this beat's boundaries fall. */
  phase: number;
  onTick?: TickHandler;
}

export interface ClockTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ClockTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const SECOND = 1000;
/** A slow getStats must not hold the timer back: the watchers wait at most this long for the handlers. */
const HANDLER_WAIT_MS = 200;

function phaseOf(epochMs: number): number {
  return ((Math.round(epochMs) % SECOND) + SECOND) % SECOND;
}

/** The first boundary of `phase` strictly after `after`. */
function nextBoundary(after: number, phase: number): number {
  const offset = (phase - phaseOf(after) + SECOND) % SECOND;
  return Math.floor(after) + (offset === 0 ? SECOND : offset);
}

export class SecondClock {
  private readonly beats = new Set<Beat>();
  private readonly watchers = new Set<(at: number) => void>();
  private timer: unknown;
  /** The boundary the pending timer stands for. */
  private due = 0;

  constructor(private readonly timers: ClockTimers = realTimers) {}

  /**
   * Keeps the clock ticking on the second boundaries of `origin` (epoch ms)
   * until the returned function is called; `onTick` runs on each of them,
   * and the watchers hear of the tick only once every due handler is done.
   */
  keep(origin: number, onTick?: TickHandler): () => void {
    const beat: Beat = { phase: phaseOf(origin), onTick };
    this.beats.add(beat);
    this.schedule(this.timers.now());
    return () => {
      if (!this.beats.delete(beat)) return;
      this.schedule(this.timers.now());
    };
  }

  /** `watcher` hears every tick's time (a boundary, in epoch ms); returns how to stop. */
  watch(watcher: (at: number) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  get running(): boolean {
    return this.beats.size > 0;
  }

  private schedule(after: number): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.beats.size === 0) return;
    let next = Infinity;
    for (const beat of this.beats) next = Math.min(next, nextBoundary(after, beat.phase));
    this.due = next;
    this.timer = this.timers.setTimeout(() => void this.tick(), next - this.timers.now());
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    // The boundary itself, unless the timer came very late (a throttled window).
    const now = this.timers.now();
    const at = now - this.due < SECOND ? this.due : now;
    const due = [...this.beats].filter((beat) => beat.phase === phaseOf(this.due));
    this.schedule(Math.max(at, this.due));
    if (due.some((beat) => beat.onTick)) {
      let timeout: unknown;
      await Promise.race([
        Promise.allSettled(due.map(async (beat) => beat.onTick?.(at))),
        new Promise<void>((resolve) => (timeout = this.timers.setTimeout(resolve, HANDLER_WAIT_MS))),
      ]);
      this.timers.clearTimeout(timeout);
    }
    for (const watcher of this.watchers) watcher(at);
  }
}

/** The window's one clock. */
export const secondClock = new SecondClock();

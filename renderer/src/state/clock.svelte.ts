import { secondClock, type SecondClock } from '../sip/second-clock';

/**
 * The shared second clock as state for the UI: `now` moves on each tick, and
 * only while some display follows a time (see follow()); a component derives
 * what it shows from it, so it re-renders only when its own number changes.
 */
export class ClockState {
  now = $state(Date.now());

  constructor(private readonly clock: SecondClock) {
    clock.watch((at) => {
      if (at !== this.now) this.now = at;
    });
  }

  /**
   * Keeps `now` moving on the second boundaries of `origin` (a call's answer
   * time, a retry's due time) until the returned function is called.
   */
  follow(origin: number): () => void {
    // Whatever ticked last may be long ago: start from the present.
    this.now = Date.now();
    return this.clock.keep(origin);
  }
}

export const clock = new ClockState(secondClock);

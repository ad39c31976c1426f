/**
 * Holds back a call's change notices while something that the far end is
 * waiting for runs: redrawing the phone screen between the Answer click and
 * the 200 OK leaving would put the whole redraw in front of the answer. What
 * changed meanwhile is told once, when released (or after `maxMs` at most).
 */
export class ChangeGate {
  private holds = 0;
  private missed = false;

  constructor(private readonly notify: () => void) {}

  /** What the call calls instead of notifying directly. */
  readonly changed = (): void => {
    if (this.holds > 0) this.missed = true;
    else this.notify();
  };

  /** Holds notices until the returned function is called, or `maxMs` has passed. */
  hold(maxMs: number): () => void {
    this.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds--;
      if (this.holds === 0 && this.missed) {
        this.missed = false;
        this.notify();
      }
    };
    const timer = setTimeout(release, maxMs);
    return release;
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeGate } from './change-gate';

describe('ChangeGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes notices straight on when nothing holds them', () => {
    const notify = vi.fn();
    const gate = new ChangeGate(notify);
    gate.changed();
    gate.changed();
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('holds notices while held and tells them once on release; nothing to tell, nothing told', () => {
    const notify = vi.fn();
    const gate = new ChangeGate(notify);
    const release = gate.hold(100);
    gate.changed();
    gate.changed();
    expect(notify).not.toHaveBeenCalled();
    release();
    expect(notify).toHaveBeenCalledTimes(1);
    release();
    expect(notify).toHaveBeenCalledTimes(1);
    gate.hold(100)();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('lets go by itself after the longest wait, so the screen is never stuck', () => {
    const notify = vi.fn();
    const gate = new ChangeGate(notify);
    const release = gate.hold(100);
    gate.changed();
    vi.advanceTimersByTime(99);
    expect(notify).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(notify).toHaveBeenCalledTimes(1);
    release();
    gate.changed();
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it('two holds: notices wait for both', () => {
    const notify = vi.fn();
    const gate = new ChangeGate(notify);
    const first = gate.hold(100);
    const second = gate.hold(100);
    gate.changed();
    first();
    expect(notify).not.toHaveBeenCalled();
    second();
    expect(notify).toHaveBeenCalledTimes(1);
  });
});

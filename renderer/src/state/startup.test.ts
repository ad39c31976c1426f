import { describe, expect, it, vi } from 'vitest';
import type { EngineListener, EngineSnapshot, PhoneEngine, RegistrationState } from '../sip/types';
import { FIRST_RENDER_CAP_MS, readyToDraw } from './startup';

/** Just enough of an engine for readyToDraw: a registration that the test moves on. */
function fakeEngine() {
  const listeners = new Set<EngineListener>();
  let registration: RegistrationState = { status: 'unregistered' };
  const snapshot = () => ({ registration, calls: [] }) as unknown as EngineSnapshot;
  return {
    engine: {
      subscribe(listener: EngineListener) {
        listeners.add(listener);
        listener(snapshot());
        return () => listeners.delete(listener);
      },
    } as unknown as PhoneEngine,
    set(status: RegistrationState['status']) {
      registration = { status };
      for (const listener of listeners) listener(snapshot());
    },
    listeners,
  };
}

async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(ms);
  return done;
}

describe('readyToDraw', () => {
  it('waits while the saved account connects and draws once it is registered', async () => {
    vi.useFakeTimers();
    const fake = fakeEngine();
    const ready = readyToDraw(fake.engine, Promise.resolve(true));
    fake.set('connecting');
    expect(await settledWithin(ready, 20)).toBe(false);
    fake.set('registered');
    expect(await settledWithin(ready, 0)).toBe(true);
    // It stops listening once it has answered.
    expect(fake.listeners.size).toBe(0);
    vi.useRealTimers();
  });

  it('draws at once when there is nothing to connect, and at the latest after the cap', async () => {
    vi.useFakeTimers();
    expect(await settledWithin(readyToDraw(fakeEngine().engine, Promise.resolve(false)), 0)).toBe(true);
    const stuck = fakeEngine();
    const ready = readyToDraw(stuck.engine, Promise.resolve(true));
    stuck.set('connecting');
    expect(await settledWithin(ready, FIRST_RENDER_CAP_MS - 1)).toBe(false);
    expect(await settledWithin(ready, 1)).toBe(true);
    vi.useRealTimers();
  });

  it('draws when the first attempt failed', async () => {
    vi.useFakeTimers();
    const fake = fakeEngine();
    const ready = readyToDraw(fake.engine, Promise.resolve(true));
    fake.set('connecting');
    fake.set('failed');
    expect(await settledWithin(ready, 0)).toBe(true);
    vi.useRealTimers();
  });
});

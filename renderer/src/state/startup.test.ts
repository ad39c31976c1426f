import { describe, expect, it, vi } from 'vitest';
import type { EngineListener, EngineSnapshot, PhoneEngine, RegistrationState } from '../sip/types';
import type { DeskView } from '../../../contract/desk';
import type { Credentials, SettingsView } from '../../../contract/ipc';
import { DeskState } from './desk.svelte';
import type { PhoneState } from './phone.svelte';
import type { SettingsState } from './settings.svelte';
import type { AccountRequest, SettingsAnswer } from './startup-account';
import { connectSavedAccount, FIRST_RENDER_CAP_MS, readyToDraw } from './startup';

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

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((ok) => (resolve = ok));
  return { promise, resolve };
}

describe('connectSavedAccount', () => {
  const account = {
    account: { wsUrl: 'wss://pbx.example.com/ws' },
    hasPassword: true,
  } as unknown as SettingsView;
  const dnd = { settings: { availability: 'dnd' } } as unknown as DeskView;

  function start(view: SettingsView, deskAnswer: Promise<DeskView>, languageReady?: () => Promise<void>) {
    const desk = new DeskState();
    const connected: Array<{ doNotDisturb: boolean; digestKey: unknown }> = [];
    const phone = {
      connect: async (_view: SettingsView, _credentials: Credentials, digestKey: unknown) => {
        connected.push({ doNotDisturb: desk.doNotDisturb, digestKey });
      },
    } as unknown as PhoneState;
    const settings = { load: async () => undefined } as unknown as SettingsState;
    const digestKey = async () => 'ha1';
    const request: AccountRequest = {
      view: Promise.resolve(view),
      settings: new Promise<SettingsAnswer>(() => undefined),
      credentials: Promise.resolve({ iceCredentials: [] } as unknown as Credentials),
      desk: deskAnswer,
      digestKey,
    };
    void connectSavedAccount(settings, phone, desk, request, languageReady);
    return { desk, connected, digestKey };
  }

  it('connects only once the desk settings are in: do not disturb holds from the first offered call', async () => {
    const deskAnswer = deferred<DeskView>();
    const { connected, digestKey } = start(account, deskAnswer.promise);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(connected).toEqual([]);
    deskAnswer.resolve(dnd);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(connected).toEqual([{ doNotDisturb: true, digestKey }]);
  });

  it('connects only once the language in use has its messages, asked for after the desk settings', async () => {
    const language = deferred<void>();
    const asked: boolean[] = [];
    const deskAnswer = deferred<DeskView>();
    const { connected, desk } = start(account, deskAnswer.promise, () => {
      asked.push(desk.doNotDisturb);
      return language.promise;
    });
    deskAnswer.resolve(dnd);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Asked with the desk settings in (their language choice is known), and nothing connected yet.
    expect(asked).toEqual([true]);
    expect(connected).toEqual([]);
    language.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(connected).toHaveLength(1);
  });

  it('still connects when the desk settings cannot be read (their error is shown)', async () => {
    const { connected, desk } = start(account, Promise.reject(new Error('locked')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(connected).toHaveLength(1);
    expect(desk.error).toMatch(/locked/);
  });

  it('loads the desk settings but connects nothing without a saved password', async () => {
    const { connected, desk } = start({ ...account, hasPassword: false }, Promise.resolve(dnd));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(connected).toEqual([]);
    expect(desk.doNotDisturb).toBe(true);
  });
});

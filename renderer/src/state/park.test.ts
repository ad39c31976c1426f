import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LampLike } from '../sip/park';
import type { CallSnapshot } from '../sip/types';
import { ParkState, type ParkPhone } from './park.svelte';

const call: CallSnapshot = {
  id: 'c1',
  direction: 'incoming',
  status: 'active',
  remoteName: 'Bob Baker',
  remoteNumber: '1002',
  remoteUri: 'sip:1002@pbx',
  startedAt: 0,
  muted: false,
  held: false,
  holdPending: false,
};

const lamps = (states: Record<string, string>): LampLike[] =>
  Object.entries(states).map(([target, state]) => ({ target, state }));

/** A phone whose blind transfer the test settles by hand, as the PBX would. */
function fakePhone() {
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const dialled: string[] = [];
  const transfers: string[] = [];
  const phone: ParkPhone = {
    engine: {
      transfer: (_callId, target) => {
        transfers.push(target);
        return new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      },
    },
    dial: async (target) => {
      dialled.push(target);
      return true;
    },
  };
  return { phone, dialled, transfers, settle: () => settle! };
}

function parkWithSlots(): ParkState {
  const park = new ParkState();
  park.configure({ parkExtension: '700', parkSlots: '701-703' });
  park.update(lamps({ '701': 'idle', '702': 'idle', '703': 'idle' }));
  return park;
}

describe('ParkState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('parks by a blind transfer to the park extension and shows the slot that lit, until it is picked up', async () => {
    const park = parkWithSlots();
    const { phone, transfers, settle, dialled } = fakePhone();
    const parking = park.park(phone, call);
    expect(transfers).toEqual(['700']);
    expect(park.status).toEqual({ kind: 'parking', callId: 'c1', name: 'Bob Baker' });
    settle().resolve();
    await parking;
    // Taken by the PBX, lamp not lit yet: still parking, not a guess.
    expect(park.status?.kind).toBe('parking');
    park.update(lamps({ '701': 'busy', '702': 'idle', '703': 'idle' }));
    expect(park.status).toEqual({ kind: 'parked', name: 'Bob Baker', slot: '701' });

    await park.pickUp(phone, '701');
    expect(dialled).toEqual(['701']);
    park.update(lamps({ '701': 'idle', '702': 'idle', '703': 'idle' }));
    expect(park.status).toBeNull();
  });

  it('takes a lamp that lit before the PBX confirmed the transfer', async () => {
    const park = parkWithSlots();
    const { phone, settle } = fakePhone();
    const parking = park.park(phone, call);
    park.update(lamps({ '701': 'idle', '702': 'busy', '703': 'idle' }));
    settle().resolve();
    await parking;
    expect(park.status).toEqual({ kind: 'parked', name: 'Bob Baker', slot: '702' });
  });

  it('says the PBX did not show the slot when no lamp lit within 5 s', async () => {
    const park = parkWithSlots();
    const { phone, settle } = fakePhone();
    const parking = park.park(phone, call);
    settle().resolve();
    await parking;
    vi.advanceTimersByTime(5_000);
    expect(park.status).toEqual({ kind: 'parkedNoSlot', name: 'Bob Baker' });
  });

  it('reports a refused park with the reason, and the status can be dismissed', async () => {
    const park = parkWithSlots();
    const { phone, settle } = fakePhone();
    const parking = park.park(phone, call);
    settle().reject(new Error('The transfer was refused (404 Not Found). The call is unchanged.'));
    await parking;
    expect(park.status).toEqual({
      kind: 'failed',
      reason: 'The transfer was refused (404 Not Found). The call is unchanged.',
    });
    park.dismiss();
    expect(park.status).toBeNull();
  });

  it('counts the call as parked when the PBX hangs up the parker after accepting the REFER', () => {
    const park = parkWithSlots();
    const { phone } = fakePhone();
    void park.park(phone, call);
    park.update(lamps({ '701': 'busy', '702': 'idle', '703': 'idle' }));
    park.callsChanged([
      { ...call, status: 'ended', transfer: { state: 'trying', message: 'Transferring to 700: calling…' } },
    ]);
    expect(park.status).toEqual({ kind: 'parked', name: 'Bob Baker', slot: '701' });
  });

  it('does not claim a park when the call ended before the PBX accepted it', () => {
    const park = parkWithSlots();
    const { phone } = fakePhone();
    void park.park(phone, call);
    park.callsChanged([{ ...call, status: 'ended', endReason: 'Bob Baker hung up.' }]);
    expect(park.status).toEqual({ kind: 'failed', reason: 'Bob Baker hung up.' });
  });

  it('has no Park action without a park extension, and no lamps without slots', async () => {
    const park = new ParkState();
    park.configure({ parkExtension: '', parkSlots: '' });
    expect(park.extension).toBe('');
    expect(park.slots).toEqual([]);
    const { phone, transfers } = fakePhone();
    await park.park(phone, call);
    expect(transfers).toEqual([]);
    expect(park.status).toBeNull();
  });
});

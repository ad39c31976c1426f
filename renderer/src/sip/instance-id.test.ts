import { describe, expect, it } from 'vitest';
import { derivedUuid, stableInstanceId } from './instance-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('stable +sip.instance', () => {
  it('is created once per profile and account, then reused', () => {
    const storage = memoryStorage();
    let n = 0;
    const make = () => `00000000-0000-4000-8000-00000000000${++n}`;
    const first = stableInstanceId('alice@pbx', storage, make);
    expect(stableInstanceId('Alice@PBX', storage, make)).toBe(first);
    expect(stableInstanceId('bob@pbx', storage, make)).not.toBe(first);
  });

  it('falls back to an id derived from the address when storage refuses', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => undefined,
    };
    expect(stableInstanceId('alice@pbx', broken)).toBe(derivedUuid('alice@pbx'));
  });

  it('derived ids are UUID-shaped and differ between addresses', () => {
    expect(derivedUuid('alice@pbx')).toMatch(UUID);
    expect(derivedUuid('alice@pbx')).not.toBe(derivedUuid('bob@pbx'));
  });
});

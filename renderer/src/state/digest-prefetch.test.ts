import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prefetchDigestKey } from './digest-prefetch';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('prefetchDigestKey', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('asks nothing ahead on the first start, and remembers the realm that challenged', async () => {
    const source = vi.fn((realm: string) => Promise.resolve(`ha1-${realm}`));
    const digestKey = prefetchDigestKey(source);
    expect(source).not.toHaveBeenCalled();
    expect(await digestKey('asterisk')).toBe('ha1-asterisk');
    expect(localStorage.getItem('deskphone.lastRealm')).toBe('asterisk');
  });

  it('asks for the remembered realm at once and answers its challenge with that, once', async () => {
    localStorage.setItem('deskphone.lastRealm', 'asterisk');
    const source = vi.fn((realm: string) => Promise.resolve(`ha1-${realm}-${source.mock.calls.length}`));
    const digestKey = prefetchDigestKey(source);
    expect(source).toHaveBeenCalledWith('asterisk');
    expect(await digestKey('asterisk')).toBe('ha1-asterisk-1');
    expect(source).toHaveBeenCalledTimes(1);
    // A later challenge (the password may have changed since) asks main again.
    expect(await digestKey('asterisk')).toBe('ha1-asterisk-2');
  });

  it('a challenge from another realm asks main for that realm; the early answer is not used for it', async () => {
    localStorage.setItem('deskphone.lastRealm', 'old.example');
    const source = vi.fn((realm: string) => Promise.resolve(`ha1-${realm}`));
    const digestKey = prefetchDigestKey(source);
    expect(await digestKey('pbx.example')).toBe('ha1-pbx.example');
    expect(localStorage.getItem('deskphone.lastRealm')).toBe('pbx.example');
  });

  it('a refused early request reaches the challenge as the refusal it was', async () => {
    localStorage.setItem('deskphone.lastRealm', 'asterisk');
    const digestKey = prefetchDigestKey(() => Promise.reject(new Error('No password is saved')));
    await expect(digestKey('asterisk')).rejects.toThrow('No password is saved');
  });
});

import type { UserAgent } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import { challengeRealm, installDigestKeys } from './digest-keys';

const challenge = (realm: string, code = 401) =>
  `SIP/2.0 ${code} Unauthorized\r\nVia: x\r\n${code === 401 ? 'WWW' : 'Proxy'}-Authenticate: Digest algorithm=MD5, realm="${realm}", nonce="abc"\r\n\r\n`;

/** A UserAgent as far as its transport's message hook and its options go. */
function fakeUa() {
  const seen: Array<{ message: string; ha1: string }> = [];
  const configuration = { authorizationHa1: '', authorizationPassword: 'should-be-cleared' };
  const ua = {
    configuration,
    transport: {
      onMessage: (message: string) => seen.push({ message, ha1: configuration.authorizationHa1 }),
    },
  };
  return {
    ua: ua as unknown as UserAgent,
    seen,
    configuration,
    receive: (m: string) => ua.transport.onMessage(m),
  };
}

describe('digest keys from main', () => {
  it('reads the realm of a 401 or 407 challenge, and nothing else', () => {
    expect(challengeRealm(challenge('asterisk'))).toBe('asterisk');
    expect(challengeRealm(challenge('pbx.example.com', 407))).toBe('pbx.example.com');
    expect(challengeRealm('SIP/2.0 200 OK\r\n\r\n')).toBeNull();
    expect(challengeRealm('INVITE sip:x SIP/2.0\r\nWWW-Authenticate: Digest realm="x"\r\n')).toBeNull();
  });

  it('holds a challenge until main gave the HA1 for its realm, keeps order, and asks once per realm', async () => {
    const { ua, seen, configuration, receive } = fakeUa();
    const source = vi.fn(async (realm: string) => `ha1-${realm}`);
    installDigestKeys(ua, source);
    expect(configuration.authorizationPassword).toBe('');

    receive('NOTIFY before\r\n\r\n');
    expect(seen.map((s) => s.message)).toEqual(['NOTIFY before\r\n\r\n']);

    receive(challenge('asterisk'));
    receive('OPTIONS after the challenge\r\n\r\n');
    expect(seen).toHaveLength(1);
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen[1]).toEqual({ message: challenge('asterisk'), ha1: 'ha1-asterisk' });
    expect(seen[2]!.message).toBe('OPTIONS after the challenge\r\n\r\n');

    receive(challenge('asterisk'));
    receive(challenge('proxy.example', 407));
    await vi.waitFor(() => expect(seen).toHaveLength(5));
    expect(seen[4]!.ha1).toBe('ha1-proxy.example');
    expect(source.mock.calls.map((c) => c[0])).toEqual(['asterisk', 'proxy.example']);
  });

  it('a refusal from main still lets SIP.js see the challenge (and give up on it)', async () => {
    const { ua, seen, receive } = fakeUa();
    installDigestKeys(ua, async () => {
      throw new Error('No password is saved for this account.');
    });
    receive(challenge('asterisk'));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.ha1).toBe('');
  });
});

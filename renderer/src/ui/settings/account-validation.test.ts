import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../../contract/account';
import { checkAccount, fieldId, inFormOrder } from './account-validation';

const good: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  wsUrl: 'wss://pbx.example.com:8089/ws',
};

describe('checkAccount', () => {
  it('accepts a complete account', () => {
    const checked = checkAccount(good, 'secret', true);
    expect(checked.problems).toEqual({});
    expect(checked.account).toMatchObject({ sipAddress: '1001@pbx.example.com' });
  });

  it('names each empty required field in plain words', () => {
    const checked = checkAccount(emptyAccount(), '', true);
    expect(checked.account).toBeNull();
    expect(checked.problems.wsUrl).toEqual({ key: 'settings.errServerEmpty' });
    expect(checked.problems.sipAddress).toEqual({ key: 'settings.errSipEmpty' });
    expect(checked.problems.password).toEqual({ key: 'settings.errPasswordEmpty' });
  });

  it('takes a voicemail number as a dial target: feature codes and SIP addresses, no spaces', () => {
    const problem = (voicemailNumber: string) =>
      checkAccount({ ...good, voicemailNumber }, 'x', true).problems.voicemailNumber;
    for (const ok of ['', '*97', '8500', '#123', 'sip:voicemail@pbx.example.com', ' *98 ']) {
      expect(problem(ok)).toBeUndefined();
    }
    for (const bad of ['9 7', '*9\n7', '<sip:x@y>', 'x'.repeat(129)]) {
      expect(problem(bad)).toEqual({ key: 'settings.errVoicemailNumber' });
    }
    expect(checkAccount({ ...good, voicemailNumber: ' *98 ' }, 'x', true).account?.voicemailNumber).toBe(
      '*98',
    );
    expect(fieldId('voicemailNumber')).toBe('voicemail-number');
  });

  it('keeps a stored password when the field is left empty', () => {
    expect(checkAccount(good, '', false).problems).toEqual({});
  });

  it('explains what is wrong with a server address', () => {
    const problem = (wsUrl: string, allowInsecureWs = false) =>
      checkAccount({ ...good, wsUrl, allowInsecureWs }, 'x', true).problems.wsUrl;
    expect(problem('pbx.example.com')).toEqual({ key: 'settings.errServerInvalid' });
    expect(problem('https://pbx.example.com/ws')).toEqual({
      key: 'settings.errServerScheme',
      values: { scheme: 'https://' },
    });
    expect(problem('ws://pbx.example.com/ws')).toEqual({ key: 'settings.errServerInsecure' });
    expect(problem('ws://pbx.example.com/ws', true)).toBeUndefined();
    expect(problem('wss://user:pw@pbx.example.com/ws')).toEqual({ key: 'settings.errServerCredentials' });
  });

  it('tells a malformed SIP address from a missing one', () => {
    expect(checkAccount({ ...good, sipAddress: 'alice' }, 'x', true).problems.sipAddress).toEqual({
      key: 'settings.errSipFormat',
    });
  });

  it('reports ICE problems on the field that has them', () => {
    const checked = checkAccount(
      {
        ...good,
        iceServers: [{ urls: 'stun:ok.example.com' }, { urls: 'http://bad' }],
        iceGatheringTimeoutMs: 5,
      },
      'x',
      true,
    );
    expect(checked.problems['iceServers.1.urls']).toEqual({ key: 'settings.errIceUrl' });
    expect(checked.problems.iceGatheringTimeoutMs?.key).toBe('settings.errIceTimeout');
  });

  it('asks for a TURN server when all media must be relayed', () => {
    const relay = (iceServers: AccountSettings['iceServers']) =>
      checkAccount({ ...good, iceTransportPolicy: 'relay', iceServers }, 'x', true);
    expect(relay([]).problems.iceTransportPolicy).toEqual({ key: 'settings.errRelayNeedsTurn' });
    expect(relay([{ urls: 'stun:stun.example.com' }]).problems.iceTransportPolicy).toEqual({
      key: 'settings.errRelayNeedsTurn',
    });
    expect(relay([{ urls: 'stun:stun.example.com' }]).account).toBeNull();
    const ok = relay([{ urls: 'turn:turn.example.com:3478', username: 'desk' }]);
    expect(ok.problems).toEqual({});
    expect(ok.account?.iceTransportPolicy).toBe('relay');
    expect(fieldId('iceTransportPolicy')).toBe('ice-relay');
  });
});

describe('the first problem, as the form shows the fields', () => {
  it('orders server, SIP address, password, name, then the advanced fields', () => {
    expect(
      inFormOrder(['displayName', 'iceGatheringTimeoutMs', 'password', 'iceServers.0.urls', 'wsUrl']),
    ).toEqual(['wsUrl', 'password', 'displayName', 'iceServers.0.urls', 'iceGatheringTimeoutMs']);
    expect(inFormOrder(['iceTransportPolicy', 'iceServers.1.urls', 'iceGatheringTimeoutMs'])).toEqual([
      'iceServers.1.urls',
      'iceGatheringTimeoutMs',
      'iceTransportPolicy',
    ]);
  });

  it('maps problems to the form’s element ids', () => {
    expect(fieldId('wsUrl')).toBe('ws-url');
    expect(fieldId('iceServers.2.urls')).toBe('ice-url-2');
    expect(fieldId('password')).toBe('password');
  });
});

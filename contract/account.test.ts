import { describe, expect, it } from 'vitest';
import { AccountSettingsSchema, emptyAccount, isTurnUrl, relayPolicyProblem } from './account';
import { AccountTemplateSchema, isPolicyKey, policyDefault, POLICY_KEYS } from './policy';

// The TURN-only setting (iceTransportPolicy): accounts saved before it existed
// must still load, and a relay-only account needs a TURN server to relay through.

const account = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  wsUrl: 'wss://pbx.example.com:8089/ws',
};

describe('iceTransportPolicy', () => {
  it('defaults to all for an account saved before the setting existed', () => {
    const { iceTransportPolicy, ...older } = account;
    expect(iceTransportPolicy).toBe('all');
    const parsed = AccountSettingsSchema.parse(older);
    expect(parsed.iceTransportPolicy).toBe('all');
    expect(AccountTemplateSchema.parse(older).iceTransportPolicy).toBe('all');
  });

  it('keeps relay when a TURN server is configured', () => {
    for (const urls of ['turn:turn.example.com:3478', 'TURNS:turn.example.com:5349?transport=tcp']) {
      const parsed = AccountSettingsSchema.parse({
        ...account,
        iceTransportPolicy: 'relay',
        iceServers: [{ urls: 'stun:stun.example.com' }, { urls, username: 'desk' }],
      });
      expect(parsed.iceTransportPolicy).toBe('relay');
    }
  });

  it('refuses relay without a TURN server, on the field, in words naming the setting', () => {
    for (const iceServers of [[], [{ urls: 'stun:stun.example.com:3478' }]]) {
      const result = AccountSettingsSchema.safeParse({ ...account, iceTransportPolicy: 'relay', iceServers });
      expect(result.success).toBe(false);
      const issue = result.error!.issues.find((i) => i.path[0] === 'iceTransportPolicy');
      expect(issue?.message).toBe(
        '"Relay all media through the TURN server" needs a TURN server (turn: or turns:) in the ICE servers.',
      );
    }
  });

  it('refuses values other than all and relay', () => {
    expect(AccountSettingsSchema.safeParse({ ...account, iceTransportPolicy: 'none' }).success).toBe(false);
  });

  it('tells TURN addresses from STUN ones', () => {
    expect(isTurnUrl(' turn:a.example.com')).toBe(true);
    expect(isTurnUrl('turns:a.example.com')).toBe(true);
    expect(isTurnUrl('stun:a.example.com')).toBe(false);
    expect(relayPolicyProblem({ iceTransportPolicy: 'all', iceServers: [] })).toBeNull();
  });

  it('is a policy key IT can set and lock, defaulting to all', () => {
    expect(isPolicyKey('account.iceTransportPolicy')).toBe(true);
    expect(policyDefault('account.iceTransportPolicy')).toBe('all');
    const spec = POLICY_KEYS['account.iceTransportPolicy'];
    expect(spec.schema.safeParse('relay').success).toBe(true);
    expect(spec.schema.safeParse('turn').success).toBe(false);
  });
});

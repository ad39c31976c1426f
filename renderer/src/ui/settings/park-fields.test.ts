import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../../contract/account';
import { checkAccount, fieldId, inFormOrder } from './account-validation';

// The account form's call park fields: what it accepts, and the words for what it does not.

const good: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  wsUrl: 'wss://pbx.example.com:8089/ws',
};

describe('park fields in the account form', () => {
  it('accepts a park extension and slots as Asterisk sites write them', () => {
    const checked = checkAccount({ ...good, parkExtension: ' 700 ', parkSlots: '701-720' }, 'x', true);
    expect(checked.problems).toEqual({});
    expect(checked.account).toMatchObject({ parkExtension: '700', parkSlots: '701-720' });
    expect(checkAccount({ ...good, parkExtension: '*85', parkSlots: '71, 72' }, 'x', true).problems).toEqual(
      {},
    );
  });

  it('names the problem of a park extension that is not digits, * or #', () => {
    expect(checkAccount({ ...good, parkExtension: '70 0' }, 'x', true).problems.parkExtension).toEqual({
      key: 'park.errExtension',
    });
  });

  it('tells a malformed slot list from one with too many lamps', () => {
    expect(checkAccount({ ...good, parkSlots: '701-abc' }, 'x', true).problems.parkSlots).toEqual({
      key: 'park.errSlots',
    });
    expect(checkAccount({ ...good, parkSlots: '701-799' }, 'x', true).problems.parkSlots).toEqual({
      key: 'park.errSlotsTooMany',
      values: { max: 40 },
    });
  });

  it('focuses the park fields in form order, after the voicemail number', () => {
    expect(fieldId('parkExtension')).toBe('park-extension');
    expect(fieldId('parkSlots')).toBe('park-slots');
    expect(inFormOrder(['iceGatheringTimeoutMs', 'parkSlots', 'parkExtension', 'voicemailNumber'])).toEqual([
      'voicemailNumber',
      'parkExtension',
      'parkSlots',
      'iceGatheringTimeoutMs',
    ]);
  });
});

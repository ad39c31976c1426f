import { describe, expect, it } from 'vitest';
import { AccountSettingsSchema, emptyAccount } from './account';
import { MAX_PARK_SLOTS, parseParkSlots } from './park';
import { POLICY_KEYS } from './policy';

describe('parseParkSlots', () => {
  it('expands ranges and lists, in order, without duplicates', () => {
    expect(parseParkSlots('701-703')).toEqual({ ok: true, slots: ['701', '702', '703'] });
    expect(parseParkSlots('705, 701-702;705 709')).toEqual({
      ok: true,
      slots: ['705', '701', '702', '709'],
    });
    expect(parseParkSlots('0701-0702')).toEqual({ ok: true, slots: ['0701', '0702'] });
    expect(parseParkSlots('  ')).toEqual({ ok: true, slots: [] });
  });

  it('refuses what is not a slot', () => {
    for (const bad of ['70a', '720-701', '701-', 'sip:701@pbx', '*8', '1-2-3']) {
      expect(parseParkSlots(bad), bad).toEqual({ ok: false, reason: 'format' });
    }
  });

  it(`caps the lamps at ${MAX_PARK_SLOTS}`, () => {
    expect(parseParkSlots('1-40')).toMatchObject({ ok: true });
    expect(parseParkSlots('1-41')).toEqual({ ok: false, reason: 'tooMany' });
    expect(parseParkSlots('1-99999999999')).toEqual({ ok: false, reason: 'tooMany' });
    expect(parseParkSlots('1-30, 100-110')).toEqual({ ok: false, reason: 'tooMany' });
  });

  it('is checked by the account schema, with a message for the person at the desk', () => {
    const account = { ...emptyAccount(), sipAddress: '1001@pbx', wsUrl: 'wss://pbx/ws' };
    expect(
      AccountSettingsSchema.safeParse({ ...account, parkExtension: '700', parkSlots: '701-720' }).success,
    ).toBe(true);
    const bad = AccountSettingsSchema.safeParse({ ...account, parkSlots: '701-9999' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('At most 40 park slots can be watched.');
    expect(AccountSettingsSchema.safeParse({ ...account, parkExtension: '70 0' }).success).toBe(false);
  });

  it('is a policy key each, checked by the same rules', () => {
    expect(POLICY_KEYS['account.parkExtension'].schema.safeParse('700').success).toBe(true);
    expect(POLICY_KEYS['account.parkExtension'].schema.safeParse('park me').success).toBe(false);
    expect(POLICY_KEYS['account.parkSlots'].schema.safeParse('701-720').success).toBe(true);
    expect(POLICY_KEYS['account.parkSlots'].schema.safeParse('701-799').success).toBe(false);
  });
});

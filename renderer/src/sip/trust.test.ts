import { describe, expect, it } from 'vitest';
import { matchesAny } from './trust';

const uri = (user: string, host = 'pbx.example.com') => ({ user, host });

describe('trust patterns', () => {
  it('globs over the user part: * any run, ? one character', () => {
    expect(matchesAny(['8*'], uri('8001'))).toBe(true);
    expect(matchesAny(['1???'], uri('1003'))).toBe(true);
    expect(matchesAny(['1???'], uri('10034'))).toBe(false);
    expect(matchesAny(['page-*'], uri('page-ci-1'))).toBe(true);
    expect(matchesAny([], uri('8001'))).toBe(false);
  });

  it('does not treat other characters as regular-expression syntax', () => {
    expect(matchesAny(['1.2'], uri('1x2'))).toBe(false);
    expect(matchesAny(['+44*'], uri('+442079460018'))).toBe(true);
    expect(matchesAny(['+44*'], uri('442079460018'))).toBe(false);
  });

  it('a transfer target must be on the account domain unless the pattern names a domain', () => {
    expect(matchesAny(['1???'], uri('1003'), 'pbx.example.com')).toBe(true);
    expect(matchesAny(['1???'], uri('1003', 'premium.example'), 'pbx.example.com')).toBe(false);
    expect(matchesAny(['1???@premium.example'], uri('1003', 'premium.example'), 'pbx.example.com')).toBe(
      true,
    );
  });

  it('an empty user never matches a wildcard', () => {
    expect(matchesAny(['*'], { host: 'pbx.example.com' })).toBe(false);
  });
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USER_DATA_DIR_ENV, userDataDirOverride } from './launch-options';

describe('launch options', () => {
  it('uses the real profile unless the test variable is set', () => {
    expect(userDataDirOverride({})).toBeNull();
    expect(userDataDirOverride({ [USER_DATA_DIR_ENV]: '' })).toBeNull();
    expect(userDataDirOverride({ [USER_DATA_DIR_ENV]: '   ' })).toBeNull();
  });

  it('accepts an absolute folder', () => {
    const dir = resolve('/tmp/deskphone-e2e-profile');
    expect(userDataDirOverride({ [USER_DATA_DIR_ENV]: dir })).toBe(dir);
    expect(userDataDirOverride({ [USER_DATA_DIR_ENV]: ` ${dir} ` })).toBe(dir);
  });

  it('refuses relative paths and NUL bytes instead of falling back to the real profile', () => {
    expect(() => userDataDirOverride({ [USER_DATA_DIR_ENV]: 'profile' })).toThrow(/absolute/);
    expect(() => userDataDirOverride({ [USER_DATA_DIR_ENV]: '/tmp/a\0b' })).toThrow(/absolute/);
  });
});

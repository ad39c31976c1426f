import { isAbsolute, normalize } from 'node:path';

// Start-up settings read from the environment, kept free of Electron so they
// can be unit-tested.

/** Test-only: a throwaway profile folder instead of the user's own settings and vault. */
export const USER_DATA_DIR_ENV = 'DESKPHONE_USER_DATA_DIR';

/**
 * The userData folder requested through DESKPHONE_USER_DATA_DIR, or null when
 * the variable is unset or empty. Throws on a relative path or a NUL byte: a
 * misconfigured test must fail loudly instead of falling back to (and writing
 * into) the real profile.
 */
export function userDataDirOverride(env: Readonly<Record<string, string | undefined>>): string | null {
  const raw = env[USER_DATA_DIR_ENV]?.trim();
  if (!raw) return null;
  if (raw.includes('\0') || !isAbsolute(raw)) {
    throw new Error(`${USER_DATA_DIR_ENV} must be an absolute folder path.`);
  }
  return normalize(raw);
}

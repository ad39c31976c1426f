import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestEncryptor } from '../../e2e/fixtures/test-encryptor';
import { createMemoryLogger } from './logger';
import { NoticeBoard } from './notices';
import { tempDir } from './test-helpers';
import {
  CREDENTIALS_FILE,
  CredentialVault,
  iceCredentialKey,
  SIP_PASSWORD_KEY,
  type Encryptor,
} from './vault';

const PASSWORD = 'correct-horse-battery-staple-1001';

async function openVault(
  dir: string,
  encryptor: Encryptor,
  platform: NodeJS.Platform = 'linux',
  consented = false,
) {
  const state = { consented };
  const logger = createMemoryLogger();
  const notices = new NoticeBoard();
  const vault = await CredentialVault.open({
    dir,
    encryptor,
    platform,
    logger,
    notices,
    now: () => new Date('2025-01-02T03:04:05.006Z'),
    consent: {
      isGranted: () => state.consented,
      setGranted: async (allow) => {
        state.consented = allow;
      },
    },
  });
  return { vault, logger, notices, state };
}

describe('CredentialVault', () => {
  it('stores secrets encrypted: the file never contains the plaintext bytes', async () => {
    const dir = await tempDir();
    const encryptor = new TestEncryptor();
    const { vault } = await openVault(dir, encryptor);
    const turn = iceCredentialKey({ urls: 'turn:turn.example.com', username: 'alice' });
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD, [turn]: 'turn-secret-value' });

    const bytes = await readFile(join(dir, CREDENTIALS_FILE));
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from('turn-secret-value'))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
    expect(bytes.toString('utf8')).not.toContain(Buffer.from(PASSWORD).toString('base64'));

    // A fresh vault with the same key reads them back.
    const again = await openVault(dir, new TestEncryptor({ key: encryptor.key }));
    expect(again.vault.get(SIP_PASSWORD_KEY)).toBe(PASSWORD);
    expect(again.vault.get(turn)).toBe('turn-secret-value');
  });

  it('writes the file with mode 0600 and leaves no temp files', async () => {
    const dir = await tempDir();
    const { vault } = await openVault(dir, new TestEncryptor());
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    expect(await readdir(dir)).toEqual([CREDENTIALS_FILE]);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, CREDENTIALS_FILE))).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses to store when encryption is unavailable, with a plain message, and writes nothing', async () => {
    const dir = await tempDir();
    const { vault } = await openVault(dir, new TestEncryptor({ available: false }), 'win32');
    await expect(vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD })).rejects.toThrow(
      /cannot save passwords because this computer's secure password storage is not available/,
    );
    expect(await readdir(dir)).toEqual([]);
    expect(vault.status()).toMatchObject({ available: false, needsConsent: false });
    expect(vault.status().message).toMatch(/not available/);
  });

  it('on Linux with basic_text, refuses until the user consents, then stores', async () => {
    const dir = await tempDir();
    const { vault, state } = await openVault(dir, new TestEncryptor({ backend: 'basic_text' }), 'linux');
    expect(vault.status()).toMatchObject({
      available: true,
      backend: 'basic_text',
      needsConsent: true,
      consented: false,
    });
    await expect(vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD })).rejects.toThrow(
      /No keyring .* Allow weak protection/,
    );
    expect(await readdir(dir)).toEqual([]);

    const status = await vault.setConsent(true);
    expect(state.consented).toBe(true);
    expect(status).toMatchObject({ needsConsent: true, consented: true });
    expect(status.message).toMatch(/weak protection/);
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    expect(vault.get(SIP_PASSWORD_KEY)).toBe(PASSWORD);
  });

  it('erases weakly protected secrets when consent is withdrawn', async () => {
    const dir = await tempDir();
    const { vault } = await openVault(dir, new TestEncryptor({ backend: 'basic_text' }), 'linux', true);
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    await vault.setConsent(false);
    expect(vault.has(SIP_PASSWORD_KEY)).toBe(false);
    expect(JSON.parse(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')).entries).toEqual({});
  });

  it('does not ask for consent on other platforms or with a real keyring', async () => {
    const dir = await tempDir();
    const { vault } = await openVault(dir, new TestEncryptor({ backend: 'gnome_libsecret' }), 'linux');
    expect(vault.status()).toMatchObject({ needsConsent: false, message: null });
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
  });

  it('refuses an encryptor that returns the plaintext', async () => {
    const dir = await tempDir();
    const fake: Encryptor = {
      isEncryptionAvailable: () => true,
      backend: () => 'os',
      encryptString: (s) => Buffer.from(`v10${s}`),
      decryptString: (b) => b.toString().slice(3),
    };
    const { vault } = await openVault(dir, fake, 'darwin');
    await expect(vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD })).rejects.toThrow(/did not encrypt/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('registers secrets with the logger so they are masked in logs', async () => {
    const dir = await tempDir();
    const { vault, logger } = await openVault(dir, new TestEncryptor());
    await vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    logger.error(`oops ${PASSWORD}`, { detail: `x${PASSWORD}x` });
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
    expect(logger.lines.at(-1)).toContain('[redacted]');
  });

  it('moves a corrupt credentials file aside and tells the user', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, CREDENTIALS_FILE), 'garbage{');
    const { vault, notices } = await openVault(dir, new TestEncryptor());
    expect(vault.keys()).toEqual([]);
    expect(await readdir(dir)).toEqual([`${CREDENTIALS_FILE}.corrupt-2025-01-02T03-04-05.006Z`]);
    expect(notices.list()[0]?.message).toMatch(/saved passwords was damaged.*enter your password again/);
  });

  it('returns null and adds a notice when a secret can no longer be decrypted', async () => {
    const dir = await tempDir();
    const first = await openVault(dir, new TestEncryptor());
    await first.vault.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    const other = await openVault(dir, new TestEncryptor()); // another key: the keyring changed
    expect(other.vault.get(SIP_PASSWORD_KEY)).toBeNull();
    expect(other.notices.list()[0]?.id).toBe('vault-unlock-failed');
  });

  it('undo restores the previous secrets', async () => {
    const dir = await tempDir();
    const { vault } = await openVault(dir, new TestEncryptor());
    await vault.setMany({ [SIP_PASSWORD_KEY]: 'old-password' });
    const undo = await vault.setMany({ [SIP_PASSWORD_KEY]: 'new-password' });
    await undo();
    expect(vault.get(SIP_PASSWORD_KEY)).toBe('old-password');
  });
});

import { safeStorage } from 'electron';
import type { Encryptor } from '../core/vault';

// The vault's Encryptor over Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, libsecret/KWallet on Linux). Only valid after app 'ready'.
// On Linux, safeStorage silently falls back to a hard-coded key when no
// keyring runs ('basic_text'); reporting the backend lets the vault ask the
// user before relying on it.

export function createSafeStorageEncryptor(platform: NodeJS.Platform = process.platform): Encryptor {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}

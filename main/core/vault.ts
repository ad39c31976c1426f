import { chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { VaultStatus } from '../../contract/ipc';
import { moveAside, removeStrayTempFiles, writeFileAtomic } from './durable-file';
import { isPassingReadError, readPatiently, ReadGuard, saveFailure } from './file-guard';
import { describeError, UserFacingError } from './errors';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';

// The SIP password and TURN credentials, encrypted by the operating system's
// secret storage (Electron safeStorage in the app, a test cipher in tests) and
// kept in credentials.json, apart from settings.json so the settings can be
// read, copied or attached to a bug report without secrets. Plaintext never
// touches the disk: if encryption is unavailable, saving is refused.

/** What the vault needs from safeStorage. */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux ('basic_text', 'gnome_libsecret', 'kwallet5', …); 'os' elsewhere. */
  backend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Where the user's answer to "store with weak protection?" is kept (settings.vaultConsent). */
export interface ConsentPort {
  isGranted(): boolean;
  setGranted(allow: boolean): Promise<void>;
}

export const CREDENTIALS_FILE = 'credentials.json';
export const SIP_PASSWORD_KEY = 'sip-password';

/** TURN credentials belong to a server and user name, not to a list position. */
export function iceCredentialKey(server: { urls: string; username?: string | undefined }): string {
  return `ice:${server.urls}|${server.username ?? ''}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CredentialsFileSchema = z.object({
  version: z.literal(1),
  backend: z.string(),
  entries: z.record(z.string(), z.string().regex(BASE64)),
});

const MSG_UNAVAILABLE =
  "DeskPhone cannot save passwords because this computer's secure password storage is not available. Nothing was saved.";
const MSG_NEEDS_CONSENT =
  'No keyring (such as GNOME Keyring or KWallet) is running, so DeskPhone could only protect saved passwords weakly: other programs running as you could read them. Allow weak protection in Settings, or start a keyring and restart DeskPhone. Nothing was saved.';
const MSG_WEAK =
  'Saved passwords have only weak protection because no keyring is running. Start GNOME Keyring or KWallet and restart DeskPhone for better protection.';

export interface VaultOptions {
  dir: string;
  encryptor: Encryptor;
  platform: NodeJS.Platform;
  consent: ConsentPort;
  logger: Logger;
  notices: NoticeBoard;
  now?: () => Date;
}

export type VaultUndo = () => Promise<void>;

export class CredentialVault {
  readonly filePath: string;
  /** key -> base64 ciphertext, exactly as on disk. */
  private entries = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  private readonly guard: ReadGuard;

  private constructor(private readonly options: VaultOptions) {
    this.filePath = join(options.dir, CREDENTIALS_FILE);
    this.guard = new ReadGuard('The file with your saved passwords', this.filePath);
  }

  static async open(options: VaultOptions): Promise<CredentialVault> {
    const vault = new CredentialVault(options);
    await vault.load();
    return vault;
  }

  status(): VaultStatus {
    const { encryptor, consent } = this.options;
    const available = encryptor.isEncryptionAvailable();
    const needsConsent = this.needsConsent();
    const consented = consent.isGranted();
    let message: string | null = null;
    if (!available) message = MSG_UNAVAILABLE;
    else if (needsConsent) message = consented ? MSG_WEAK : MSG_NEEDS_CONSENT;
    return { available, backend: encryptor.backend(), needsConsent, consented, message };
  }

  /** Why storing a secret would be refused right now, in the user's words; null if it would not. */
  storageProblem(): string | null {
    if (!this.options.encryptor.isEncryptionAvailable()) return MSG_UNAVAILABLE;
    if (this.needsConsent() && !this.options.consent.isGranted()) return MSG_NEEDS_CONSENT;
    return null;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Decrypts one secret; null when absent or when it can no longer be unlocked. */
  get(key: string): string | null {
    const stored = this.entries.get(key);
    if (stored === undefined) return null;
    try {
      const plain = this.options.encryptor.decryptString(Buffer.from(stored, 'base64'));
      this.options.logger.addSecret?.(plain);
      return plain;
    } catch (error) {
      // Typical after the keyring changed (new login password, another desktop).
      this.options.logger.warn('Could not decrypt a stored credential', {
        key: keyKind(key),
        error: describeError(error),
      });
      this.options.notices.add({
        id: 'vault-unlock-failed',
        level: 'warning',
        message:
          "A saved password could not be unlocked (the computer's keyring may have changed). Please enter it again and save.",
      });
      return null;
    }
  }

  /**
   * Stores (string) or removes (null) several secrets in one file write.
   * Refuses before touching anything if a secret cannot be stored safely.
   * Returns an undo that restores the previous file, for callers that must
   * roll back when a later step of the same save fails.
   */
  setMany(changes: Record<string, string | null>): Promise<VaultUndo> {
    const run = this.queue.then(async (): Promise<VaultUndo> => {
      const storing = Object.values(changes).some((v) => v !== null);
      const problem = storing ? this.storageProblem() : null;
      if (problem) throw new UserFacingError(problem);

      const next = new Map(this.entries);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, this.encrypt(value).toString('base64'));
      }
      if (sameEntries(next, this.entries)) return async () => undefined;

      const previous = this.entries;
      await this.write(next);
      this.entries = next;
      return () => this.restore(previous);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Records the user's answer; revoking consent erases weakly protected secrets. */
  async setConsent(allow: boolean): Promise<VaultStatus> {
    await this.options.consent.setGranted(allow);
    if (!allow && this.needsConsent() && this.entries.size > 0) {
      await this.setMany(Object.fromEntries(this.keys().map((k) => [k, null])));
      this.options.logger.info('Consent to weak storage revoked; stored credentials erased');
    }
    return this.status();
  }

  private needsConsent(): boolean {
    // safeStorage falls back to a hard-coded key ('basic_text') only on
    // Linux-like systems; macOS and Windows always use the OS store.
    const { platform, encryptor } = this.options;
    return platform !== 'darwin' && platform !== 'win32' && encryptor.backend() === 'basic_text';
  }

  private encrypt(plain: string): Buffer {
    let cipher: Buffer;
    try {
      cipher = this.options.encryptor.encryptString(plain);
    } catch (error) {
      this.options.logger.error('Encrypting a credential failed', { error: describeError(error) });
      throw new UserFacingError(
        "DeskPhone could not encrypt your password with this computer's secure storage. Nothing was saved.",
      );
    }
    // Guard against a broken or fake encryptor that hands back the input.
    if (plain.length >= 4 && cipher.includes(Buffer.from(plain, 'utf8'))) {
      this.options.logger.error('Encryptor returned plaintext; refusing to store');
      throw new UserFacingError(
        "This computer's secure storage did not encrypt your password, so it was not saved.",
      );
    }
    this.options.logger.addSecret?.(plain);
    return cipher;
  }

  private restore(previous: Map<string, string>): Promise<void> {
    const run = this.queue.then(async () => {
      await this.write(previous);
      this.entries = previous;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(entries: Map<string, string>): Promise<void> {
    const file = {
      version: 1,
      backend: this.options.encryptor.backend(),
      entries: Object.fromEntries(entries),
    };
    this.guard.check();
    try {
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      this.options.logger.error('Writing credentials file failed', { error: describeError(error) });
      throw saveFailure(error, 'your password');
    }
  }

  private async load(): Promise<void> {
    const { logger } = this.options;
    await removeStrayTempFiles(this.filePath);
    const read = await readPatiently(this.filePath);
    if (read.kind === 'missing') return;
    if (read.kind === 'unreadable' && !isPassingReadError(read.error)) {
      return this.quarantine(describeError(read.error));
    }
    if (read.kind === 'unreadable') {
      // A passing fault must not cost the password: keep the file, and this run's saves off it.
      logger.warn('Credentials file unreadable; left untouched', { error: describeError(read.error) });
      this.guard.protect(read.error, this.options.notices, 'vault-unreadable');
      return;
    }
    let parsed;
    try {
      parsed = CredentialsFileSchema.safeParse(JSON.parse(read.text));
    } catch (error) {
      return this.quarantine(describeError(error));
    }
    if (!parsed.success)
      return this.quarantine(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; '));
    this.entries = new Map(Object.entries(parsed.data.entries));
    await this.tightenMode();
    logger.info('Credential vault loaded', { entries: this.entries.size, backend: parsed.data.backend });
  }

  /** A file copied in by hand may be readable by others; make it private again. */
  private async tightenMode(): Promise<void> {
    if (this.options.platform === 'win32') return;
    try {
      const { mode } = await stat(this.filePath);
      if ((mode & 0o077) !== 0) await chmod(this.filePath, 0o600);
    } catch (error) {
      this.options.logger.warn('Could not restrict credentials file permissions', {
        error: describeError(error),
      });
    }
  }

  private async quarantine(detail: string): Promise<void> {
    const { logger, notices, now = () => new Date() } = this.options;
    const movedTo = await moveAside(this.filePath, now());
    logger.warn('Credentials file unusable; starting empty', { detail, movedTo });
    const where = movedTo ? ` It was kept as ${movedTo}.` : '';
    notices.add({
      id: 'vault-reset',
      level: 'warning',
      message: `The file with your saved passwords was damaged, so DeskPhone could not use it.${where} Please enter your password again and save.`,
    });
  }
}

/** Log-safe label for a vault key (TURN keys contain server addresses). */
function keyKind(key: string): string {
  return key.startsWith('ice:') ? 'ice-credential' : key;
}

function sameEntries(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

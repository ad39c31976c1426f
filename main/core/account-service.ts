import { createHash } from 'node:crypto';
import { AccountSettingsSchema, type AccountSettings } from '../../contract/account';
import type { Credentials, SaveAccountRequest, SettingsView } from '../../contract/ipc';
import { errorCode, UserFacingError } from './errors';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';
import { Policy } from './policy/policy';
import type { SettingsStore } from './settings-store';
import { iceCredentialKey, SIP_PASSWORD_KEY, type CredentialVault } from './vault';

// The account as the renderer sees it, and saving it. Two files change on a
// save (credentials.json and settings.json); the user must never end up with
// one saved and the other not, so secrets go first (the step most likely to be
// refused) and are rolled back if the settings write then fails.

export class AccountService {
  /** One save at a time: two overlapping saves could mix their halves. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: SettingsStore,
    private readonly vault: CredentialVault,
    private readonly notices: NoticeBoard,
    private readonly logger: Logger,
    private readonly policy: Policy = Policy.none(),
  ) {}

  /** The account in force: the stored one with the administrator's policy applied. */
  effective(): AccountSettings | null {
    const stored = this.settings.get().account;
    if (!stored) return null;
    const applied = AccountSettingsSchema.safeParse(this.policy.applyAccount(stored));
    // A policy value that clashes with the rest (say ws:// without "allow insecure")
    // must not lose the user's working account; the policy banner explains it.
    return applied.success ? applied.data : stored;
  }

  /** What the UI may know: the account, and whether secrets exist (never the secrets). */
  view(): SettingsView {
    const account = this.effective();
    return {
      account,
      hasPassword: this.vault.has(SIP_PASSWORD_KEY),
      iceServers: (account?.iceServers ?? []).map((server) => ({
        ...server,
        hasCredential: this.vault.has(iceCredentialKey(server)),
      })),
      notices: this.notices.list(),
      locked: this.policy.locked,
      managed: this.policy.managed,
      features: this.policy.features(),
      accountTemplate: this.policy.accountTemplate(),
    };
  }

  /** TURN credentials of the configured servers; the SIP password never leaves main. */
  credentials(): Credentials {
    const account = this.effective();
    return {
      iceCredentials: (account?.iceServers ?? []).map((server) => this.vault.get(iceCredentialKey(server))),
    };
  }

  /**
   * The digest key for one realm: MD5(user:realm:password). It answers that
   * realm's challenges for this account and nothing else, and the password
   * cannot be read back from it.
   */
  digestKey(realm: string): { ha1: string } {
    const account = this.effective();
    const password = this.vault.get(SIP_PASSWORD_KEY);
    if (!account || !password) throw new UserFacingError('No password is saved for this account.');
    const user = account.authUser.trim() || account.sipAddress.split('@')[0]!.trim();
    return { ha1: createHash('md5').update(`${user}:${realm}:${password}`).digest('hex') };
  }

  save(request: SaveAccountRequest): Promise<SettingsView> {
    const run = this.saving.then(() => this.saveNow(request));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async saveNow(request: SaveAccountRequest): Promise<SettingsView> {
    const previous = this.effective();
    // Refuses a change to a locked field; locked fields are stored at the policy's value.
    const account = this.policy.checkAccount(previous, request.account);
    const credentials = request.iceCredentials ?? [];
    if (credentials.length > account.iceServers.length) {
      throw new UserFacingError(
        'There are more TURN passwords than ICE servers. Please check the ICE server list and save again.',
      );
    }

    if (!request.password && previous && this.vault.has(SIP_PASSWORD_KEY) && !sameServer(previous, account)) {
      throw new UserFacingError(
        'Enter the password again: the SIP address or server changed, and the stored password is only sent to the server it was entered for.',
      );
    }

    const changes = this.secretChanges(account, request.password, credentials);
    // Throws a user-facing reason (no secure storage, no consent) before any file is touched.
    const undo = await this.vault.setMany(changes);
    try {
      await this.settings.update({ account });
    } catch (error) {
      this.logger.error('Saving settings failed; rolling back credentials');
      await undo().catch(() => this.logger.error('Rolling back credentials failed'));
      throw new UserFacingError(`Your settings could not be saved${reason(error)}. Nothing was changed.`);
    }
    this.logger.info('Account saved', {
      passwordChanged: Boolean(request.password),
      iceServers: account.iceServers.length,
    });
    return this.view();
  }

  /** New secrets to store, and TURN credentials of servers no longer listed to drop. */
  private secretChanges(
    account: AccountSettings,
    password: string | undefined,
    iceCredentials: (string | undefined)[],
  ): Record<string, string | null> {
    const changes: Record<string, string | null> = {};
    // Empty means "keep the stored one": the form never receives the old value.
    if (password) changes[SIP_PASSWORD_KEY] = password;
    const keep = new Set<string>();
    account.iceServers.forEach((server, index) => {
      const key = iceCredentialKey(server);
      keep.add(key);
      const credential = iceCredentials[index];
      if (credential) changes[key] = credential;
    });
    for (const key of this.vault.keys()) {
      if (key.startsWith('ice:') && !keep.has(key)) changes[key] = null;
    }
    return changes;
  }
}

/**
 * A kept password may only go to the server it was typed for: same SIP
 * address, same WebSocket host (a corrected port on that host is fine).
 */
function sameServer(before: AccountSettings, after: AccountSettings): boolean {
  const host = (url: string) => {
    try {
      return new URL(url).hostname.toLowerCase();
    } catch {
      return null;
    }
  };
  return (
    before.sipAddress.trim().toLowerCase() === after.sipAddress.trim().toLowerCase() &&
    host(before.wsUrl) !== null &&
    host(before.wsUrl) === host(after.wsUrl)
  );
}

function reason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOSPC') return ' because the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return ' because permission was denied';
  return '';
}

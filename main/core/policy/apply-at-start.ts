import { AccountSettingsSchema } from '../../../contract/account';
import type { DeskView } from '../../../contract/desk';
import type { AccountService } from '../account-service';
import { describeError } from '../errors';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings-store';
import type { Policy } from './policy';

// At start the policy is written through to settings.json once, so every
// reader of the stored settings (the page's Content-Security-Policy, the
// window, the tray) sees what is in force without knowing about policy.

export interface ApplyAtStartDeps {
  settings: SettingsStore;
  account: AccountService;
  policy: Policy;
  logger: Logger;
}

export async function applyPolicyAtStart({
  settings,
  account,
  policy,
  logger,
}: ApplyAtStartDeps): Promise<void> {
  if (!policy.managed) return;
  const stored = settings.get();
  const effectiveAccount = account.effective();
  const desk = policy.applyDesk(stored.desk);
  const accountChanged =
    effectiveAccount !== null &&
    AccountSettingsSchema.safeParse(effectiveAccount).success &&
    JSON.stringify(effectiveAccount) !== JSON.stringify(stored.account);
  const deskChanged = JSON.stringify(desk) !== JSON.stringify(stored.desk);
  if (!accountChanged && !deskChanged) return;
  try {
    await settings.update({
      ...(accountChanged ? { account: effectiveAccount } : {}),
      ...(deskChanged ? { desk } : {}),
    });
    logger.info('Applied the administrator policy to the stored settings', { accountChanged, deskChanged });
  } catch (error) {
    // The policy still applies through the views; only the write-through failed.
    logger.warn('Could not write policy values to settings', { error: describeError(error) });
  }
}

/** The desk view with the policy's locks, for desk:get, desk:save and desk:changed. */
export function withLocks(view: DeskView, policy: Policy): DeskView {
  // Unmanaged machines get the view unchanged: nothing is locked there.
  return policy.managed ? { ...view, locked: policy.locked, managed: true } : view;
}

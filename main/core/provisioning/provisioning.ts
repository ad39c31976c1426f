import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { AccountSettingsSchema } from '../../../contract/account';
import { DeskSettingsSchema, type DeskSettings } from '../../../contract/desk';
import type { AccountService } from '../account-service';
import { describeError, isUserFacing } from '../errors';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import type { Policy } from '../policy/policy';
import type { SettingsStore } from '../settings-store';
import { provisionSourceFromArgv, readProvisionSource, type ProvisionSource } from './provision-source';

// First-run set-up from a file the administrator hands out: account, password
// and desk settings, so nobody has to type a WebSocket URL. It applies once
// (no account yet) unless the file says force. The password goes through the
// account service straight into the vault, never into settings.json or a log
// line. Any failure becomes a notice and the app starts as usual.

const Partial = z.record(z.string(), z.unknown());

export const ProvisioningFileSchema = z.object({
  version: z.literal(1),
  account: Partial,
  password: z.string().min(1).max(1024).optional(),
  desk: Partial.optional(),
  deleteAfterImport: z.boolean().optional(),
  /** Apply even when an account already exists. */
  force: z.boolean().optional(),
});

export type ProvisionOutcome = 'none' | 'applied' | 'skipped' | 'failed';

export interface ProvisionDeps {
  argv: readonly string[];
  cwd: string;
  extraCa?: string[];
  account: AccountService;
  settings: SettingsStore;
  policy: Policy;
  notices: NoticeBoard;
  logger: Logger;
}

export async function provisionFromArgv(deps: ProvisionDeps): Promise<ProvisionOutcome> {
  let source: ProvisionSource | null;
  try {
    source = provisionSourceFromArgv(deps.argv, deps.cwd);
  } catch (error) {
    return fail(deps, error);
  }
  if (!source) return 'none';
  try {
    return await provision(deps, source);
  } catch (error) {
    return fail(deps, error);
  }
}

async function provision(deps: ProvisionDeps, source: ProvisionSource): Promise<ProvisionOutcome> {
  const { logger, settings, policy } = deps;
  const options = deps.extraCa ? { extraCa: deps.extraCa } : {};
  const text = await readProvisionSource(source, options);
  const file = parseProvisioning(text);
  if (settings.get().account && !file.force) {
    logger.info('Provisioning skipped: an account is already set up', { source: source.kind });
    return 'skipped';
  }

  const template = policy.accountTemplate();
  if (template.sipAddress.startsWith('@')) template.sipAddress = '';
  const merged = AccountSettingsSchema.safeParse(policy.applyAccount({ ...template, ...file.account }));
  if (!merged.success) {
    const fields = [...new Set(merged.error.issues.map((issue) => issue.path.join('.') || 'account'))];
    throw new ProvisioningError(`the account in it is incomplete or invalid (${fields.join(', ')})`);
  }

  let passwordStored = false;
  try {
    await deps.account.save({ account: merged.data, password: file.password });
    passwordStored = Boolean(file.password);
  } catch (error) {
    if (!file.password) throw error;
    // Most often: no secure storage on this computer. Keep the account, ask for the password.
    await deps.account.save({ account: merged.data });
    deps.notices.add({
      id: 'provisioning-password',
      level: 'warning',
      message: `Your account was set up, but its password could not be stored${isUserFacing(error) ? `: ${error.message}` : ''}. Enter it under Settings.`,
    });
  }
  if (file.desk) await settings.update({ desk: mergeDesk(settings.get().desk, file.desk, policy) });

  logger.info('Provisioning applied', { source: source.kind, passwordStored, desk: Boolean(file.desk) });
  deps.notices.add({
    id: 'provisioning',
    level: 'info',
    message: "DeskPhone was set up from your administrator's provisioning file.",
  });
  if (file.deleteAfterImport && source.kind === 'file') await deleteBestEffort(source.path, logger);
  return 'applied';
}

class ProvisioningError extends Error {}

function parseProvisioning(text: string): z.infer<typeof ProvisioningFileSchema> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProvisioningError('it is not valid JSON');
  }
  const result = ProvisioningFileSchema.safeParse(data);
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.join('.') || 'top level');
    throw new ProvisioningError(`it does not have the expected fields (${[...new Set(where)].join(', ')})`);
  }
  return result.data;
}

function mergeDesk(current: DeskSettings, partial: Record<string, unknown>, policy: Policy): DeskSettings {
  const result = DeskSettingsSchema.safeParse(deepMerge(current, partial));
  if (!result.success) {
    throw new ProvisioningError('its desk settings are invalid (the account was set up)');
  }
  return policy.applyDesk(result.data);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(base[key], value);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file holds a password: remove it once imported. A failure is logged, not fatal. */
async function deleteBestEffort(path: string, logger: Logger): Promise<void> {
  try {
    await rm(path);
    logger.info('Deleted the provisioning file after import');
  } catch (error) {
    logger.warn('Could not delete the provisioning file after import (best effort)', {
      error: describeError(error),
    });
  }
}

function fail(deps: ProvisionDeps, error: unknown): ProvisionOutcome {
  const reason =
    error instanceof ProvisioningError
      ? `The provisioning file could not be used: ${error.message}.`
      : isUserFacing(error)
        ? error.message
        : 'The provisioning file could not be used.';
  deps.logger.warn('Provisioning failed', { error: describeError(error) });
  deps.notices.add({
    id: 'provisioning',
    level: 'error',
    message: `${reason} DeskPhone started normally; you can set up your account by hand.`,
  });
  return 'failed';
}

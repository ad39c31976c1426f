import { join } from 'node:path';
import { z } from 'zod';
import { AccountSettingsSchema, ICE_TIMEOUT_DEFAULT_MS, type AccountSettings } from '../../contract/account';
import { defaultDeskSettings, DeskSettingsSchema, type DeskSettings } from '../../contract/desk';
import { readDeskSection } from './desk/desk-section';
import { moveAside, removeStrayTempFiles, writeFileAtomic } from './durable-file';
import { isPassingReadError, readPatiently, ReadGuard, saveFailure } from './file-guard';
import { describeError } from './errors';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';

// settings.json in the userData folder: the account (never its password, which
// lives in the vault), the user's consent to weak password storage, and the
// desk settings (tray, hotkeys, click-to-dial, audio devices).
// Older files are migrated step by step; files we cannot use are moved aside,
// never deleted, and the user is told where the old file went.

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_VERSION = 3;

// Unknown keys are dropped rather than rejected, so a stray field does not
// cost the user their whole account. The desk section is read on its own
// (see desk-section.ts): a bad hotkey must not cost the account either.
const CoreFileSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  account: AccountSettingsSchema.nullable(),
  vaultConsent: z.boolean(),
});

/** The whole file as written: the core fields plus a complete, valid desk section. */
export const SettingsFileSchema = CoreFileSchema.extend({ desk: DeskSettingsSchema });

export interface StoredSettings {
  account: AccountSettings | null;
  vaultConsent: boolean;
  desk: DeskSettings;
}

export function defaultSettings(defaultCountry?: string): StoredSettings {
  return { account: null, vaultConsent: false, desk: defaultDeskSettings(defaultCountry) };
}

// ---- Migrations: each step takes version N (validated) and returns N + 1. ----

const SettingsV1Schema = z.object({
  version: z.literal(1),
  account: z
    .object({
      name: z.string(),
      uri: z.string(),
      authorizationUser: z.string(),
      server: z.string(),
      iceServers: z.array(z.string()),
    })
    .nullable(),
});

function migrateV1ToV2(raw: unknown): unknown {
  const v1 = SettingsV1Schema.parse(raw);
  if (!v1.account) return { version: 2, account: null, vaultConsent: false };
  const a = v1.account;
  let insecure = false;
  try {
    // Version 1 accepted ws:// without asking; keep such accounts working
    // rather than failing validation on the first start after the update.
    insecure = new URL(a.server.trim()).protocol === 'ws:';
  } catch {
    // An unparsable URL stays as typed; validation below reports it.
  }
  return {
    version: 2,
    account: {
      displayName: a.name,
      sipAddress: a.uri.trim().replace(/^sip:/i, ''),
      authUser: a.authorizationUser,
      wsUrl: a.server,
      allowInsecureWs: insecure,
      iceServers: a.iceServers.map((urls) => ({ urls })),
      iceGatheringTimeoutMs: ICE_TIMEOUT_DEFAULT_MS,
    },
    vaultConsent: false,
  };
}

// Version 2 had no desk section. The account is checked by the final
// validation, so this step only needs the fields it carries over.
const SettingsV2Schema = z.object({
  version: z.literal(2),
  account: z.unknown(),
  vaultConsent: z.boolean(),
});

function migrateV2ToV3(raw: unknown): unknown {
  const v2 = SettingsV2Schema.parse(raw);
  // Desk features are new in version 3: readDeskSection fills in the defaults (country from the locale).
  return { version: 3, account: v2.account, vaultConsent: v2.vaultConsent };
}

/** Keyed by the version a step reads. Add `3: migrateV3ToV4` and bump SETTINGS_VERSION. */
const MIGRATIONS: Record<number, (raw: unknown) => unknown> = { 1: migrateV1ToV2, 2: migrateV2ToV3 };

type Problem = 'bad-json' | 'invalid' | 'newer' | 'unreadable';

type Parsed =
  | {
      ok: true;
      settings: StoredSettings;
      migratedFrom: number | null;
      /** Desk sections that were unusable and fell back to defaults (e.g. ['hotkeys']). */
      deskReset: string[];
    }
  | { ok: false; problem: Problem; detail: string };

/** File text to current settings, migrating older versions; `defaultCountry` fills only what is unsaved. */
export function parseSettingsText(text: string, defaultCountry?: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'bad-json', detail: describeError(error) };
  }
  const version =
    typeof data === 'object' && data !== null ? (data as { version?: unknown }).version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problem: 'invalid', detail: 'missing or invalid version' };
  }
  if (version > SETTINGS_VERSION) return { ok: false, problem: 'newer', detail: `version ${version}` };
  let current: unknown = data;
  try {
    for (let v = version; v < SETTINGS_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) return { ok: false, problem: 'invalid', detail: `no migration from version ${v}` };
      current = step(current);
    }
  } catch (error) {
    return {
      ok: false,
      problem: 'invalid',
      detail: `migration from version ${version} failed: ${issuePaths(error)}`,
    };
  }
  const result = CoreFileSchema.safeParse(current);
  if (!result.success) return { ok: false, problem: 'invalid', detail: issuePaths(result.error) };
  const { account, vaultConsent } = result.data;
  const desk = readDeskSection((current as { desk?: unknown }).desk, defaultCountry);
  return {
    ok: true,
    settings: { account, vaultConsent, desk: desk.settings },
    migratedFrom: version === SETTINGS_VERSION ? null : version,
    deskReset: desk.reset,
  };
}

/** Field paths of a validation error, never the values (they may be personal). */
function issuePaths(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
  }
  return describeError(error);
}

const PROBLEM_TEXT: Record<Problem, string> = {
  'bad-json': 'was damaged (it is not readable as a settings file)',
  invalid: 'contained settings DeskPhone could not understand',
  newer: 'was written by a newer version of DeskPhone',
  unreadable: 'could not be opened',
};

export interface SettingsStoreOptions {
  logger: Logger;
  notices: NoticeBoard;
  now?: () => Date;
  /** For click-to-dial when nothing is saved yet: the OS locale's country (see default-country.ts). */
  defaultCountry?: string;
}

export class SettingsStore {
  private current: StoredSettings;
  private queue: Promise<void> = Promise.resolve();

  private readonly guard: ReadGuard;

  private constructor(
    readonly filePath: string,
    private readonly options: SettingsStoreOptions,
  ) {
    this.guard = new ReadGuard('Your settings file', filePath);
    this.current = defaultSettings(options.defaultCountry);
  }

  /** Loads (and if needed migrates or quarantines) settings.json in `dir`. */
  static async open(dir: string, options: SettingsStoreOptions): Promise<SettingsStore> {
    const store = new SettingsStore(join(dir, SETTINGS_FILE), options);
    await store.load();
    return store;
  }

  /** A copy of the current settings. */
  get(): StoredSettings {
    return structuredClone(this.current);
  }

  /** Writes new settings to disk; memory changes only once the file is safe. */
  save(next: StoredSettings): Promise<void> {
    const snapshot = structuredClone(next);
    return this.enqueue(() => snapshot);
  }

  /** Changes some fields, keeping the rest. The merge happens when this save's
   * turn comes, so overlapping updates of different fields do not undo each other. */
  update(patch: Partial<StoredSettings>): Promise<void> {
    const copy = structuredClone(patch);
    return this.enqueue((current) => ({ ...current, ...copy }));
  }

  /** Saves run one after another so an older save can never land last. */
  private enqueue(compute: (current: StoredSettings) => StoredSettings): Promise<void> {
    const run = this.queue.then(async () => {
      const next = compute(this.current);
      const file = {
        version: SETTINGS_VERSION,
        account: next.account,
        vaultConsent: next.vaultConsent,
        desk: next.desk,
      };
      SettingsFileSchema.parse(file); // never write what we could not read back
      this.guard.check();
      try {
        await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      } catch (error) {
        this.options.logger.error('Saving settings failed', { error: describeError(error) });
        throw saveFailure(error, 'your settings');
      }
      this.current = next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    const { logger } = this.options;
    const stray = await removeStrayTempFiles(this.filePath);
    if (stray.length > 0)
      logger.warn('Removed temp files left by an interrupted settings save', { count: stray.length });

    const read = await readPatiently(this.filePath);
    if (read.kind === 'missing') return;
    if (read.kind === 'unreadable' && !isPassingReadError(read.error)) {
      await this.quarantine('unreadable', describeError(read.error));
      return;
    }
    if (read.kind === 'unreadable') {
      // Not damaged, only unreadable now: keep it as it is, and keep this run's saves off it.
      logger.warn('Settings file unreadable; left untouched', { error: describeError(read.error) });
      this.guard.protect(read.error, this.options.notices, 'settings-unreadable');
      return;
    }
    const parsed = parseSettingsText(read.text, this.options.defaultCountry);
    if (!parsed.ok) {
      await this.quarantine(parsed.problem, parsed.detail);
      return;
    }
    this.current = parsed.settings;
    if (parsed.deskReset.length > 0) {
      // The file stays as it is until the next save, so support can still see it.
      logger.warn('Desk settings unusable; using defaults for them', {
        sections: parsed.deskReset.join(','),
      });
      this.options.notices.add({
        id: 'desk-settings-reset',
        level: 'warning',
        message:
          'Some of your desk settings (tray, hotkeys, click-to-dial or audio devices) could not be read, so DeskPhone went back to the defaults for them. Your account is unchanged.',
      });
    }
    if (parsed.migratedFrom !== null) {
      logger.info('Migrated settings file', { from: parsed.migratedFrom, to: SETTINGS_VERSION });
      try {
        await this.save(parsed.settings);
      } catch (error) {
        // The migrated settings are in use; the file is rewritten on next save.
        logger.warn('Could not rewrite migrated settings', { error: describeError(error) });
      }
    }
  }

  private async quarantine(problem: Problem, detail: string): Promise<void> {
    const { logger, notices, now = () => new Date() } = this.options;
    const movedTo = await moveAside(this.filePath, now());
    logger.warn('Settings file unusable; starting with defaults', { problem, detail, movedTo });
    const where = movedTo
      ? `The old file was kept as ${movedTo}.`
      : `The old file could not be moved and is still at ${this.filePath}; it will be replaced when you save.`;
    notices.add({
      id: 'settings-reset',
      level: 'warning',
      message: `Your settings file ${PROBLEM_TEXT[problem]}, so DeskPhone started with empty settings. ${where} Please enter your account again.`,
    });
  }
}

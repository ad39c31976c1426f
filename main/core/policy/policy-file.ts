import { isAbsolute, join, normalize } from 'node:path';
import { z } from 'zod';
import { isPolicyKey, POLICY_KEYS, PolicyFileSchema, type PolicyKey } from '../../../contract/policy';
import { describeError } from '../errors';
import { readTextFile } from '../durable-file';

// Reading the machine-wide policy file. A broken policy must never stop the
// phone from starting: a file we cannot parse is ignored as a whole, a key we
// cannot use is ignored on its own, and every ignored thing becomes one plain
// sentence for the banner, so the administrator can see what to fix.

/** Tests (and unusual deployments) point DeskPhone at another policy file. */
export const POLICY_FILE_ENV = 'DESKPHONE_POLICY_FILE';

/** The machine-wide location for the platform, or the env override. */
export function policyFilePath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const override = env[POLICY_FILE_ENV]?.trim();
  if (override && isAbsolute(override) && !override.includes('\0')) return normalize(override);
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'DeskPhone', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/DeskPhone/policy.json';
  return '/etc/deskphone/policy.json';
}

export interface ParsedPolicy {
  values: Partial<Record<PolicyKey, unknown>>;
  locked: PolicyKey[];
  problems: string[];
}

const EMPTY: ParsedPolicy = { values: {}, locked: [], problems: [] };

/** Pure: policy file text → the usable values and locks, and what was ignored. */
export function parsePolicyText(text: string): ParsedPolicy {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ...EMPTY,
      problems: ['The policy file is not valid JSON, so none of it was applied.'],
    };
  }
  const outer = PolicyFileSchema.safeParse(data);
  if (!outer.success) {
    return {
      ...EMPTY,
      problems: [
        `The policy file does not have the expected shape (${outerProblem(outer.error)}), so none of it was applied.`,
      ],
    };
  }
  const problems: string[] = [];
  const values: Partial<Record<PolicyKey, unknown>> = {};
  for (const [key, raw] of Object.entries(outer.data.values)) {
    if (!isPolicyKey(key)) {
      problems.push(`"${key}" is not a setting DeskPhone knows, so it was ignored.`);
      continue;
    }
    const result = (POLICY_KEYS[key].schema as z.ZodType).safeParse(raw);
    if (!result.success) {
      const why = result.error.issues[0]?.message ?? 'invalid';
      problems.push(
        `"${key}" has a value DeskPhone cannot use (${POLICY_KEYS[key].type} expected: ${why}), so it was ignored.`,
      );
      continue;
    }
    values[key] = result.data;
  }
  const locked: PolicyKey[] = [];
  for (const key of new Set(outer.data.locked)) {
    if (!isPolicyKey(key)) {
      problems.push(`The lock on "${key}" was ignored: it is not a setting DeskPhone knows.`);
    } else if (key in outer.data.values && !(key in values)) {
      problems.push(`The lock on "${key}" was ignored because its value could not be used.`);
    } else {
      locked.push(key);
    }
  }
  return { values, locked, problems };
}

function outerProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown';
  const where = issue.path.join('.') || 'top level';
  if (where === 'version') return 'version must be 1';
  return `${where}: ${issue.message}`;
}

export interface LoadedPolicy extends ParsedPolicy {
  path: string | null;
  /** True when a policy file existed and was read (even if parts were ignored). */
  loaded: boolean;
}

/** Reads the policy file; a missing file is simply "no policy". */
export async function loadPolicyFile(path: string | null): Promise<LoadedPolicy> {
  if (!path) return { ...EMPTY, path, loaded: false };
  const read = await readTextFile(path);
  if (read.kind === 'missing') return { ...EMPTY, path, loaded: false };
  if (read.kind === 'unreadable') {
    return {
      ...EMPTY,
      path,
      loaded: false,
      problems: [
        `The policy file could not be opened (${describeError(read.error)}), so none of it was applied.`,
      ],
    };
  }
  return { ...parsePolicyText(read.text), path, loaded: true };
}

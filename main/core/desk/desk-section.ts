import { defaultDeskSettings, DeskSettingsSchema, type DeskSettings } from '../../../contract/desk';

// Reads the desk section of settings.json forgivingly. The desk settings are
// conveniences (tray, hotkeys, devices); one value we cannot use, say a
// hand-edited hotkey that is too long, must not send the whole file, account
// included, into quarantine. Missing fields take their defaults, so adding a
// desk setting later needs no migration; an unusable section falls back to
// its defaults on its own, the rest is kept.

export interface DeskSectionResult {
  settings: DeskSettings;
  /** Top-level desk sections that were present but unusable, e.g. ['hotkeys']. */
  reset: string[];
}

export function readDeskSection(raw: unknown, defaultCountry?: string): DeskSectionResult {
  const defaults = defaultDeskSettings(defaultCountry);
  if (raw === undefined) return { settings: defaults, reset: [] };
  if (!isPlainObject(raw)) return { settings: defaults, reset: ['desk'] };

  const merged = withDefaults(defaults, raw) as Record<string, unknown>;
  const first = DeskSettingsSchema.safeParse(merged);
  if (first.success) return { settings: first.data, reset: [] };

  // Replace only the sections the problems are in, then try once more.
  const bad = [...new Set(first.error.issues.map((issue) => String(issue.path[0] ?? 'desk')))];
  for (const key of bad) {
    if (key in defaults) merged[key] = structuredClone(defaults[key as keyof DeskSettings]);
  }
  const second = DeskSettingsSchema.safeParse(merged);
  if (second.success) return { settings: second.data, reset: bad };
  return { settings: defaults, reset: ['desk'] };
}

/**
 * Fills what `value` lacks from `defaults`, recursively for plain objects.
 * Keys the defaults do not know are dropped. Hotkeys are the exception to
 * "missing means default": an explicit null (disabled) is a value and is kept.
 */
function withDefaults(defaults: unknown, value: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(value)) return value === undefined ? defaults : value;
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    out[key] = key in value ? withDefaults(fallback, value[key]) : structuredClone(fallback);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from 'zod';
import type { KeySpec } from './policy-pbx-keys';

// The company directory: a read-only list of colleagues an administrator
// publishes at an https URL (vCard or CSV). Main downloads, checks and keeps
// it; the renderer only reads it (directory:get) and can ask for a refresh
// (directory:refresh). Policy names the URL, so a renderer cannot point main
// at another host.

/** Far more than any one company's phone list; bounds memory and IPC. */
export const DIRECTORY_MAX_ENTRIES = 50_000;
/** Numbers per person (work, mobile, home…): a directory card rarely has more. */
export const DIRECTORY_MAX_NUMBERS = 4;

export const DIRECTORY_NUMBER_KINDS = ['work', 'mobile', 'home', 'other'] as const;
export type DirectoryNumberKind = (typeof DIRECTORY_NUMBER_KINDS)[number];

// Main keeps names to 128 characters (code points); the limits here are in
// UTF-16 units, so a name of 128 emoji still fits.
export const DirectoryEntrySchema = z.object({
  name: z.string().min(1).max(256),
  numbers: z
    .array(z.object({ number: z.string().min(1).max(64), kind: z.enum(DIRECTORY_NUMBER_KINDS) }))
    .min(1)
    .max(DIRECTORY_MAX_NUMBERS),
  department: z.string().max(256).optional(),
  email: z.string().max(512).optional(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export const DirectoryStatusSchema = z.object({
  /** False when no policy names a directory: nothing to show. */
  configured: z.boolean(),
  /** The host the directory comes from (never the full URL: it may carry a token). */
  source: z.string().nullable(),
  /** When the copy in use was downloaded (ISO time), null before the first good download. */
  updatedAt: z.string().nullable(),
  count: z.number().int().min(0),
  /** Why the latest download was not used, in plain words; null when it was. */
  lastError: z.string().nullable(),
  /** Entries the latest good file had that could not be read (and were left out). */
  skipped: z.number().int().min(0),
  refreshing: z.boolean(),
});
export type DirectoryStatus = z.infer<typeof DirectoryStatusSchema>;

export const DirectoryGetRequestSchema = z
  .object({
    /** False: the status alone (Settings), without the entries. */
    entries: z.boolean().optional(),
  })
  .strict();

export const DirectoryViewSchema = z.object({
  status: DirectoryStatusSchema,
  entries: z.array(DirectoryEntrySchema).max(DIRECTORY_MAX_ENTRIES),
});
export type DirectoryView = z.infer<typeof DirectoryViewSchema>;

/** main → renderer after every download attempt: the renderer reloads what it shows. */
export const DirectoryChangedSchema = DirectoryStatusSchema;

/** Once a day unless policy says otherwise. */
export const DIRECTORY_DEFAULT_REFRESH_HOURS = 24;

export const DIRECTORY_KEYS = {
  'directory.url': {
    schema: z
      .string()
      .trim()
      .max(2048)
      .refine((url) => url === '' || /^https:\/\/[^\s/?#]+/i.test(url), 'an https:// URL')
      .nullable(),
    type: 'string (https:// URL) or null',
    description:
      'Company directory (vCard 3/4 or CSV) searched in the dial field; see "Company directory" below.',
  },
  'directory.refreshHours': {
    schema: z.number().int().min(1).max(168),
    type: 'integer (1–168)',
    description: 'Hours between downloads of the company directory (it can also be refreshed by hand).',
  },
} satisfies Record<string, KeySpec>;

export const DIRECTORY_DEFAULTS = {
  'directory.url': null,
  'directory.refreshHours': DIRECTORY_DEFAULT_REFRESH_HOURS,
} as const;

import { z } from 'zod';

// Local call recording: the settings, and the channels the renderer uses to
// hand main the recorder's chunks. Main alone decides where files go and
// which file a request may touch: the renderer names a recording by its
// history entry, never by a path.

export const RECORDING_MODES = ['off', 'demand', 'always'] as const;

export const RecordingSettingsSchema = z.object({
  /** off: never; demand: the Record button on a call; always: every answered call. */
  mode: z.enum(RECORDING_MODES),
  /** Absolute folder; '' is "DeskPhone recordings" in the user's Documents folder. */
  folder: z
    .string()
    .max(1024)
    .refine((f) => f === '' || /^(?:[A-Za-z]:[\\/]|[\\/])/.test(f), 'Choose a full folder path.'),
  /** What the other side hears when a recording starts: nothing, or a short tone. */
  notice: z.enum(['none', 'tone']),
});
export type RecordingSettings = z.infer<typeof RecordingSettingsSchema>;

export const defaultRecordingSettings: RecordingSettings = { mode: 'demand', folder: '', notice: 'none' };

/** A recording as the history shows it; main keeps the full path to itself. */
export const RecordingRefSchema = z.object({
  file: z.string().max(255),
  /** Epoch ms when recording started. */
  startedAt: z.number(),
  bytes: z.number().int().min(0),
  /** Full path, main's record of where it went (shown as "Saved in …"; never taken back as input). */
  path: z.string().max(2048),
  /** Set when the recording stopped early (disk full, folder gone). */
  problem: z.enum(['disk-full', 'folder-missing', 'no-permission', 'write-failed']).optional(),
});
export type RecordingRef = z.infer<typeof RecordingRefSchema>;

export const RecordingStartRequestSchema = z
  .object({
    /** The renderer's call id (what phone:report carries). */
    callId: z.string().min(1).max(64),
    direction: z.enum(['outgoing', 'incoming']),
    number: z.string().max(256),
    mimeType: z.enum(['audio/webm', 'audio/ogg']),
  })
  .strict();

/** Why a recording could not start or go on; the renderer says it in the user's language. */
export const RECORDING_PROBLEMS = [
  'off',
  'disk-full',
  'folder-missing',
  'no-permission',
  'write-failed',
] as const;
export const RecordingProblemSchema = z.enum(RECORDING_PROBLEMS);
export type RecordingProblem = z.infer<typeof RecordingProblemSchema>;

export const RecordingStartedSchema = z.union([
  z.object({
    id: z.string().max(64),
    file: z.string().max(255),
    /** The folder, for "Recording to …" (the user chose it or policy set it). */
    folder: z.string().max(1024),
  }),
  z.object({ problem: RecordingProblemSchema, folder: z.string().max(1024) }),
]);
export type RecordingStarted = z.infer<typeof RecordingStartedSchema>;

/** About 2 MB of recorder output per chunk at most (a recorder hands over one every second). */
export const MAX_CHUNK_BASE64 = 2_800_000;

export const RecordingAppendRequestSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** 0, 1, 2…: a chunk out of order is refused, so a file never has a hole in the middle. */
    seq: z.number().int().min(0),
    data: z
      .string()
      .max(MAX_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A chunk is base64 text.'),
  })
  .strict();

/** After a problem the recording is closed; later chunks are refused. */
export const RecordingProgressSchema = z.object({
  bytes: z.number().int().min(0),
  problem: RecordingProblemSchema.optional(),
});

export const RecordingStopRequestSchema = z.object({ id: z.string().min(1).max(64) }).strict();

/** Which recording of which history entry. */
export const RecordingPickSchema = z
  .object({ historyId: z.string().min(1).max(64), index: z.number().int().min(0).max(15) })
  .strict();

export const RecordingDataSchema = z.object({
  mimeType: z.string().max(64),
  data: z.string(),
});

import { z } from 'zod';

// The connection doctor and the support bundle. The doctor's network steps
// (name, TCP, TLS, WebSocket) run in main, where Node can see why a
// connection fails; SIP, ICE and microphone steps run in the renderer, where
// SIP.js and WebRTC live. Both produce the same step shape so one list shows
// them all.

export const DOCTOR_STEP_IDS = [
  'dns',
  'tcp',
  'tls',
  'websocket',
  'register',
  'ice',
  'microphone',
  'echo',
] as const;
export type DoctorStepId = (typeof DOCTOR_STEP_IDS)[number];

export const DoctorStatusSchema = z.enum(['pass', 'fail', 'skipped']);
export type DoctorStatus = z.infer<typeof DoctorStatusSchema>;

export const DoctorCertificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});

export const DoctorStepSchema = z.object({
  id: z.enum(DOCTOR_STEP_IDS),
  title: z.string(),
  status: DoctorStatusSchema,
  /** What happened, in plain words, with the fix when something is wrong. */
  message: z.string(),
  /** Low-level detail for support (error code, HTTP status, candidate counts). */
  detail: z.string().optional(),
  certificate: DoctorCertificateSchema.optional(),
});
export type DoctorStep = z.infer<typeof DoctorStepSchema>;

export const DoctorNetworkRequestSchema = z.object({ wsUrl: z.string().max(2048) }).strict();
export const DoctorNetworkResultSchema = z.object({ steps: z.array(DoctorStepSchema) });
export type DoctorNetworkResult = z.infer<typeof DoctorNetworkResultSchema>;

const MAX_TRACE_LINES = 500;
const MAX_LINE = 65_536;

/**
 * What only the renderer knows goes along with the request. Main redacts all
 * of it again (Authorization headers, password fields) before it is zipped,
 * so a careless renderer cannot leak a secret into the bundle.
 */
export const SupportExportRequestSchema = z
  .object({
    sipTrace: z.array(z.string().max(MAX_LINE)).max(MAX_TRACE_LINES).optional(),
    stats: z.array(z.unknown()).max(50).optional(),
    devices: z
      .array(z.object({ kind: z.string().max(64), label: z.string().max(512) }))
      .max(100)
      .optional(),
    /** The connection doctor's last report, when one was run. */
    doctorReport: z.string().max(MAX_LINE).optional(),
  })
  .strict();
export type SupportExportRequest = z.infer<typeof SupportExportRequestSchema>;

export const SupportExportResultSchema = z.object({
  /** False when the user cancelled the save dialog. */
  saved: z.boolean(),
  path: z.string().nullable(),
  /** The file names inside the zip, so the UI can say what was included. */
  files: z.array(z.string()),
});
export type SupportExportResult = z.infer<typeof SupportExportResultSchema>;

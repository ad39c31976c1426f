import { z } from 'zod';

// Certificates the user accepted for their PBX (pins). After the connection
// check showed a certificate this computer does not trust, together with its
// SHA-256 fingerprint, the user may accept exactly that certificate for that
// host once they have compared the fingerprint with their administrator.
// Pins are not secrets (a fingerprint is public), so they live in a plain
// file, not in the vault.

/** A DNS name or IP address as it appears in a wss:// URL (no port, no path). */
export const PinHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$|^\[?[0-9A-Fa-f:.]+\]?$/,
    'Enter the server name only, without wss:// or a port.',
  );

/** SHA-256, as X509Certificate.fingerprint256 writes it ("AB:CD:…"); case and colons are forgiven. */
export const FingerprintSchema = z
  .string()
  .trim()
  .max(128)
  .regex(/^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'That is not a SHA-256 certificate fingerprint.');

/**
 * Only a certificate main itself received from the configured PBX host, in
 * its latest connection check, can be accepted: by that check's id. Main then
 * asks the user natively, showing host and fingerprint.
 */
export const CertPinRequestSchema = z.object({ probeId: z.string().min(8).max(64) }).strict();
export const CertUnpinRequestSchema = z.object({ host: PinHostSchema }).strict();

export const CertPinsViewSchema = z.object({
  pins: z.array(z.object({ host: z.string(), fingerprint256: z.string() })).max(64),
});
export type CertPinsView = z.infer<typeof CertPinsViewSchema>;

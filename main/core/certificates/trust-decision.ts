import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

// Whether to trust a PBX certificate that the operating system does NOT
// trust. Company PBXes often use a private CA or a self-signed certificate;
// the two ways to accept one are narrow on purpose:
// - an administrator's CA (from policy) counts ONLY for the configured
//   WebSocket host: a company CA must not become a trust anchor for the
//   whole internet inside DeskPhone;
// - a fingerprint the user pinned after seeing it in the connection check
//   trusts exactly that one certificate, for that one host.
// Everything else stays refused, with a sentence saying why.

export type TrustReason =
  | 'os-trusted'
  | 'admin-ca'
  | 'pinned'
  | 'mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-host'
  | 'untrusted';

export interface TrustDecision {
  trusted: boolean;
  reason: TrustReason;
  /** Plain-language explanation for the log and the user. */
  message: string;
}

export interface TrustSettings {
  /** Host name of the account's WebSocket URL (null before an account exists). */
  configuredWsHost: string | null;
  /** CA certificates (PEM) the administrator distributed by policy. */
  adminCaPems: readonly string[];
  /** host → SHA-256 fingerprint ("AB:CD:…") the user accepted. */
  pinnedFingerprints: Readonly<Record<string, string>>;
}

export interface TrustRequest {
  host: string;
  /** Presented chain, leaf first; each PEM text or DER bytes. */
  chain: ReadonlyArray<string | Buffer>;
  now: Date;
  /** True when the OS/Chromium already verified the chain and the name. */
  osVerified?: boolean;
}

/** Chains longer than this are not walked: real PBX chains have 2–4 links. */
const MAX_CHAIN = 8;

export function normalizeHost(host: string): string {
  return host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** "ab:cd…" or "ABCD…" → "AB:CD:…"; null if it is not a SHA-256 fingerprint. */
export function normalizeFingerprint(value: string): string | null {
  const hex = value.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

function parse(cert: string | Buffer): X509Certificate | null {
  try {
    return new X509Certificate(cert);
  } catch {
    return null;
  }
}

function validity(cert: X509Certificate, now: Date): 'ok' | 'expired' | 'not-yet-valid' {
  if (now.getTime() < Date.parse(cert.validFrom)) return 'not-yet-valid';
  if (now.getTime() > Date.parse(cert.validTo)) return 'expired';
  return 'ok';
}

function namesHost(cert: X509Certificate, host: string): boolean {
  return isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
}

/** issuer really signed subject: names match and the signature verifies. */
function signedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Walks leaf → intermediates → an admin CA. Intermediates must be CA
 * certificates and currently valid; the anchor must be one of the admin CAs.
 */
function chainsToAdminCa(chain: X509Certificate[], cas: X509Certificate[], now: Date): boolean {
  let current = chain[0]!;
  const intermediates = chain.slice(1);
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (cas.some((ca) => ca.ca && validity(ca, now) === 'ok' && signedBy(current, ca))) return true;
    const next = intermediates.find((c) => c !== current && c.ca && signedBy(current, c));
    if (!next || validity(next, now) !== 'ok') return false;
    current = next;
  }
  return false;
}

const decision = (trusted: boolean, reason: TrustReason, message: string): TrustDecision => ({
  trusted,
  reason,
  message,
});

export function decideTrust(request: TrustRequest, settings: TrustSettings): TrustDecision {
  const host = normalizeHost(request.host);
  if (request.osVerified)
    return decision(true, 'os-trusted', `This computer trusts the certificate of ${host}.`);

  const configured = settings.configuredWsHost ? normalizeHost(settings.configuredWsHost) : null;
  if (host !== configured) {
    return decision(
      false,
      'untrusted',
      `This computer does not trust the certificate of ${host}, and ${host} is not your PBX's server, so DeskPhone makes no exception for it.`,
    );
  }
  const chain = request.chain.slice(0, MAX_CHAIN).map(parse);
  const leaf = chain[0];
  if (!leaf || chain.some((c) => c === null)) {
    return decision(false, 'untrusted', `The certificate ${host} presented could not be read.`);
  }
  const certs = chain as X509Certificate[];
  const time = validity(leaf, request.now);

  const pinned = Object.entries(settings.pinnedFingerprints).find(([h]) => normalizeHost(h) === host)?.[1];
  if (pinned !== undefined) {
    // A pin is a promise about exactly one certificate: a different one is
    // what pinning exists to catch, even if another rule would accept it.
    if (normalizeFingerprint(pinned) !== leaf.fingerprint256) {
      return decision(
        false,
        'mismatch',
        `The PBX at ${host} presented a different certificate from the one you accepted earlier. If your administrator renewed it, remove the accepted certificate and compare the new fingerprint with them; otherwise someone may be intercepting the connection.`,
      );
    }
    if (time !== 'ok') return timeDecision(time, host);
    return decision(
      true,
      'pinned',
      `You accepted this certificate for ${host} (fingerprint ${leaf.fingerprint256}).`,
    );
  }

  const cas = settings.adminCaPems.map(parse).filter((c): c is X509Certificate => c !== null);
  if (cas.length > 0 && chainsToAdminCa(certs, cas, request.now)) {
    if (time !== 'ok') return timeDecision(time, host);
    if (!namesHost(leaf, host)) {
      return decision(
        false,
        'wrong-host',
        `The PBX's certificate is from your company's certificate authority but is not made out for "${host}". Ask your administrator for a certificate that includes ${host}.`,
      );
    }
    return decision(
      true,
      'admin-ca',
      `The certificate of ${host} was issued by your company's certificate authority.`,
    );
  }
  return decision(
    false,
    'untrusted',
    `This computer does not trust the certificate of ${host}. Ask your administrator to distribute the company's certificate authority, or check the fingerprint with them and accept this certificate.`,
  );
}

function timeDecision(time: 'expired' | 'not-yet-valid', host: string): TrustDecision {
  return time === 'expired'
    ? decision(
        false,
        'expired',
        `The certificate of ${host} has expired. Ask your administrator to renew it, and check this computer's date and time.`,
      )
    : decision(
        false,
        'not-yet-valid',
        `The certificate of ${host} is not valid yet. Check this computer's date and time.`,
      );
}

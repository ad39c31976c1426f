import { randomUUID } from 'node:crypto';
import type { CertPinsView } from '../../../contract/certificates';
import type { ConfirmPort } from '../desk/ports';
import { UserFacingError } from '../errors';
import type { Logger } from '../logger';
import type { PinStore } from './pin-store';
import { decideTrust, normalizeHost, type TrustDecision } from './trust-decision';

// The certificate rules as the app uses them: the account's WebSocket host
// from settings, the administrator's CAs from policy (through a port, so this
// module does not depend on how policy is stored) and the user's pins. The
// Electron adapter (main/adapters/certificates.ts) asks verifyProcVerdict()
// for every TLS connection the renderer makes.

export interface CertificateTrustPorts {
  pins: PinStore;
  /** The account's WebSocket URL, or null before an account exists. */
  wsUrl: () => string | null;
  /** CA certificates (PEM) from policy; empty when the administrator set none. */
  adminCaPems: () => readonly string[];
  logger: Logger;
  now?: () => Date;
}

/** Chromium net error codes a trust exception may answer; all others keep Chromium's verdict. */
const OVERRIDABLE = new Map<number, string>([
  [-200, 'ERR_CERT_COMMON_NAME_INVALID'],
  [-201, 'ERR_CERT_DATE_INVALID'],
  [-202, 'ERR_CERT_AUTHORITY_INVALID'],
]);

/** setCertificateVerifyProc's answers: 0 trusts, -3 keeps Chromium's own result. */
export const VERIFY_TRUST = 0;
export const VERIFY_USE_CHROMIUM = -3;

export class CertificateTrust {
  /** The certificate the latest connection check received from the configured PBX host. */
  private sighting: { probeId: string; host: string; fingerprint256: string } | null = null;

  constructor(private readonly ports: CertificateTrustPorts) {}

  /**
   * The connection check was offered this certificate. Only one from the
   * configured PBX host can be accepted later; the id returned is how.
   */
  sighted(host: string, fingerprint256: string): string | undefined {
    const key = normalizeHost(host);
    if (key !== this.configuredHost()) return undefined;
    const probeId = randomUUID();
    this.sighting = { probeId, host: key, fingerprint256 };
    return probeId;
  }

  /** Accepts the sighted certificate, if the user confirms natively (host and fingerprint shown). */
  async pinSighted(probeId: string, confirm: ConfirmPort | undefined): Promise<CertPinsView> {
    const seen = this.sighting;
    if (!seen || seen.probeId !== probeId || seen.host !== this.configuredHost()) {
      throw new UserFacingError(
        'DeskPhone only accepts the certificate its own latest check of your phone server received. Check the connection again, then accept it.',
      );
    }
    const yes =
      (await confirm?.confirm({
        title: 'Trust this certificate?',
        message: `Trust the certificate of ${seen.host} for DeskPhone?`,
        detail:
          `SHA-256 fingerprint:\n${seen.fingerprint256}\n\n` +
          'Compare it with the fingerprint your administrator gave you. DeskPhone will accept exactly this certificate, for this server only.',
        confirmLabel: 'Trust this certificate',
      })) ?? false;
    if (!yes) throw new UserFacingError('The certificate was not accepted.');
    this.sighting = null;
    return this.pin(seen.host, seen.fingerprint256);
  }

  configuredHost(): string | null {
    const url = this.ports.wsUrl();
    if (!url) return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'wss:' ? normalizeHost(parsed.hostname) : null;
    } catch {
      return null;
    }
  }

  decide(host: string, chain: ReadonlyArray<string | Buffer>, osVerified = false): TrustDecision {
    return decideTrust(
      { host, chain, now: this.ports.now?.() ?? new Date(), osVerified },
      {
        configuredWsHost: this.configuredHost(),
        adminCaPems: this.ports.adminCaPems(),
        pinnedFingerprints: this.ports.pins.all(),
      },
    );
  }

  /**
   * For the connection check, which may probe a server before the account is
   * saved: a certificate the user accepted for exactly this host counts even
   * then; the administrator's CA still only for the configured host.
   */
  decideForProbe(host: string, chain: ReadonlyArray<string | Buffer>): TrustDecision {
    const key = normalizeHost(host);
    const pin = this.ports.pins.all()[key];
    if (pin === undefined || key === this.configuredHost()) return this.decide(host, chain);
    return decideTrust(
      { host, chain, now: this.ports.now?.() ?? new Date() },
      { configuredWsHost: key, adminCaPems: [], pinnedFingerprints: { [key]: pin } },
    );
  }

  /**
   * What to answer Chromium for one certificate it checked. A certificate
   * Chromium accepted keeps its verdict; so does every error other than an
   * unknown authority, a name mismatch or a date problem (a revoked or weak
   * certificate is never excused). Only then do our rules decide.
   */
  verifyProcVerdict(host: string, errorCode: number, chain: ReadonlyArray<string | Buffer>): number {
    if (errorCode === 0 || !OVERRIDABLE.has(errorCode)) return VERIFY_USE_CHROMIUM;
    const decision = this.decide(host, chain);
    if (decision.trusted) {
      this.ports.logger.info('Certificate trusted by DeskPhone rule', { host, reason: decision.reason });
      return VERIFY_TRUST;
    }
    // Logged only for the PBX host: every other site keeps Chromium's refusal without noise.
    if (normalizeHost(host) === this.configuredHost()) {
      this.ports.logger.warn('PBX certificate refused', {
        host,
        chromium: OVERRIDABLE.get(errorCode) ?? String(errorCode),
        reason: decision.reason,
      });
    }
    return VERIFY_USE_CHROMIUM;
  }

  view(): CertPinsView {
    return { pins: this.ports.pins.list() };
  }

  async pin(host: string, fingerprint256: string): Promise<CertPinsView> {
    try {
      await this.ports.pins.pin(host, fingerprint256);
    } catch (error) {
      this.ports.logger.warn('Accepting a certificate failed', { host });
      throw new UserFacingError(
        error instanceof Error && error.message.startsWith('Too many')
          ? 'DeskPhone keeps at most 64 accepted certificates. Remove one you no longer need first.'
          : 'DeskPhone could not save the accepted certificate. Please try again.',
      );
    }
    return this.view();
  }

  async unpin(host: string): Promise<CertPinsView> {
    await this.ports.pins.unpin(host);
    return this.view();
  }
}

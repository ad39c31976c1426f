import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideTrust, normalizeFingerprint, type TrustSettings } from './trust-decision';
import { CertFactory, opensslDate, type TestCa } from './test-certs';

// Real certificates from the openssl CLI (see test-certs.ts): a company CA,
// leaves it signed for the PBX and for another host, an expired and a
// not-yet-valid leaf, and a self-signed PBX certificate for pinning.

const PBX = 'pbx.example.test';
const OTHER = 'intranet.example.test';
// A moment after the certificates are made: openssl stamps notBefore with the second it runs,
// which can be later than a clock read when this module loaded.
const now = new Date(Date.now() + 5 * 60_000);

let certs: CertFactory;
let ca: TestCa;
let otherCa: TestCa;
let pbxLeaf: string;
let otherLeaf: string;
let expiredLeaf: string;
let futureLeaf: string;
let wrongNameLeaf: string;
let foreignLeaf: string;
let selfSigned: TestCa;

beforeAll(() => {
  certs = new CertFactory();
  ca = certs.selfSigned('Company CA', { ca: true });
  otherCa = certs.selfSigned('Someone Else CA', { ca: true });
  pbxLeaf = certs.leaf(ca, PBX, opensslDate(-1), opensslDate(10));
  otherLeaf = certs.leaf(ca, OTHER, opensslDate(-1), opensslDate(10));
  expiredLeaf = certs.leaf(ca, PBX, '20200101000000Z', '20200201000000Z');
  futureLeaf = certs.leaf(ca, PBX, opensslDate(5), opensslDate(30));
  wrongNameLeaf = certs.leaf(ca, 'asterisk.local', opensslDate(-1), opensslDate(10));
  foreignLeaf = certs.leaf(otherCa, PBX, opensslDate(-1), opensslDate(10));
  selfSigned = certs.selfSigned(PBX, { ca: false });
});
afterAll(() => certs.dispose());

const settings = (extra: Partial<TrustSettings> = {}): TrustSettings => ({
  configuredWsHost: PBX,
  adminCaPems: [ca.pem],
  pinnedFingerprints: {},
  ...extra,
});
const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

describe('decideTrust with an administrator CA', () => {
  it('trusts a leaf from the admin CA for the configured WebSocket host', () => {
    const result = decideTrust({ host: PBX, chain: [pbxLeaf, ca.pem], now }, settings());
    expect(result).toMatchObject({ trusted: true, reason: 'admin-ca' });
  });

  it('accepts DER as well as PEM, and the leaf alone without the CA in the chain', () => {
    const der = new X509Certificate(pbxLeaf).raw;
    expect(decideTrust({ host: 'PBX.Example.Test', chain: [der], now }, settings()).reason).toBe('admin-ca');
  });

  it('does not extend the admin CA to another host, even with a valid certificate for that host', () => {
    const result = decideTrust({ host: OTHER, chain: [otherLeaf, ca.pem], now }, settings());
    expect(result).toMatchObject({ trusted: false, reason: 'untrusted' });
    expect(result.message).toContain('not your PBX');
  });

  it('refuses an expired and a not-yet-valid leaf, with the reason', () => {
    expect(decideTrust({ host: PBX, chain: [expiredLeaf], now }, settings())).toMatchObject({
      trusted: false,
      reason: 'expired',
    });
    expect(decideTrust({ host: PBX, chain: [futureLeaf], now }, settings())).toMatchObject({
      trusted: false,
      reason: 'not-yet-valid',
    });
  });

  it('refuses a CA-signed leaf made out for a different name (wrong host)', () => {
    const result = decideTrust({ host: PBX, chain: [wrongNameLeaf], now }, settings());
    expect(result).toMatchObject({ trusted: false, reason: 'wrong-host' });
    expect(result.message).toContain(PBX);
  });

  it('refuses a leaf from a CA the administrator did not distribute', () => {
    const result = decideTrust({ host: PBX, chain: [foreignLeaf, otherCa.pem], now }, settings());
    expect(result).toMatchObject({ trusted: false, reason: 'untrusted' });
  });

  it('does not let the presented chain smuggle in its own root', () => {
    // The server sends its own CA along; only the administrator's list counts.
    const result = decideTrust(
      { host: PBX, chain: [foreignLeaf, otherCa.pem], now },
      settings({ adminCaPems: [] }),
    );
    expect(result.trusted).toBe(false);
  });
});

describe('decideTrust with a pinned fingerprint', () => {
  it('trusts the pinned self-signed certificate for its host', () => {
    const pins = { [PBX]: fingerprint(selfSigned.pem).replace(/:/g, '').toLowerCase() };
    const result = decideTrust(
      { host: PBX, chain: [selfSigned.pem], now },
      settings({ pinnedFingerprints: pins, adminCaPems: [] }),
    );
    expect(result).toMatchObject({ trusted: true, reason: 'pinned' });
  });

  it('refuses a different certificate than the pinned one, even one the admin CA would accept', () => {
    const pins = { [PBX]: fingerprint(selfSigned.pem) };
    const result = decideTrust(
      { host: PBX, chain: [pbxLeaf, ca.pem], now },
      settings({ pinnedFingerprints: pins }),
    );
    expect(result).toMatchObject({ trusted: false, reason: 'mismatch' });
  });

  it('does not apply a pin to another host', () => {
    const pins = { [OTHER]: fingerprint(selfSigned.pem) };
    const result = decideTrust(
      { host: OTHER, chain: [selfSigned.pem], now },
      settings({ pinnedFingerprints: pins }),
    );
    expect(result.trusted).toBe(false);
  });

  it('refuses a pinned certificate once it has expired', () => {
    const pins = { [PBX]: fingerprint(selfSigned.pem) };
    const later = new Date(now.getTime() + 60 * 86_400_000);
    expect(
      decideTrust({ host: PBX, chain: [selfSigned.pem], now: later }, settings({ pinnedFingerprints: pins }))
        .reason,
    ).toBe('expired');
  });
});

describe('decideTrust basics', () => {
  it('accepts whatever the operating system already verified', () => {
    expect(decideTrust({ host: OTHER, chain: [], now, osVerified: true }, settings()).reason).toBe(
      'os-trusted',
    );
  });

  it('refuses unreadable certificates and an unconfigured account', () => {
    expect(decideTrust({ host: PBX, chain: ['not a certificate'], now }, settings()).trusted).toBe(false);
    expect(
      decideTrust({ host: PBX, chain: [pbxLeaf], now }, settings({ configuredWsHost: null })).trusted,
    ).toBe(false);
  });

  it('normalises fingerprints and rejects anything that is not SHA-256', () => {
    expect(normalizeFingerprint('ab'.repeat(32))).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeFingerprint('AB:CD')).toBeNull();
  });
});

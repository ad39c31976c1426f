import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { CertificateTrust, VERIFY_TRUST, VERIFY_USE_CHROMIUM } from './certificate-trust';
import { PINS_FILE, PinStore } from './pin-store';
import { CertFactory, opensslDate, type TestCa } from './test-certs';

// The pin file and the verdicts the Electron verify proc gets, with real
// certificates from openssl.

const PBX = 'pbx.example.test';
let certs: CertFactory;
let ca: TestCa;
let leaf: string;
let selfSigned: TestCa;

beforeAll(() => {
  certs = new CertFactory();
  ca = certs.selfSigned('Company CA', { ca: true });
  leaf = certs.leaf(ca, PBX, opensslDate(-1), opensslDate(10));
  selfSigned = certs.selfSigned(PBX, { ca: false });
});
afterAll(() => certs.dispose());

async function setup(options: { wsUrl?: string | null; cas?: string[] } = {}) {
  const dir = await tempDir();
  const logger = createMemoryLogger();
  const pins = await PinStore.open(dir, logger);
  const trust = new CertificateTrust({
    pins,
    wsUrl: () => (options.wsUrl === undefined ? `wss://${PBX}:8089/ws` : options.wsUrl),
    adminCaPems: () => options.cas ?? [],
    logger,
  });
  return { dir, logger, pins, trust };
}

describe('PinStore', () => {
  it('keeps pins across a restart, normalised', async () => {
    const { dir, trust } = await setup();
    const fp = new X509Certificate(selfSigned.pem).fingerprint256;
    await trust.pin('PBX.example.test', fp.toLowerCase());
    const reopened = await PinStore.open(dir, createMemoryLogger());
    expect(reopened.all()).toEqual({ [PBX]: fp });
    expect(JSON.parse(await readFile(join(dir, PINS_FILE), 'utf8')).pins[PBX]).toBe(fp);
  });

  it('moves an unreadable file aside and starts with no pins', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, PINS_FILE), '{ not json');
    const logger = createMemoryLogger();
    const pins = await PinStore.open(dir, logger);
    expect(pins.all()).toEqual({});
    expect(logger.lines.join('\n')).toContain('could not be read');
  });

  it('unpins, and reports whether there was a pin', async () => {
    const { trust, pins } = await setup();
    await trust.pin(PBX, new X509Certificate(selfSigned.pem).fingerprint256);
    expect((await trust.unpin(PBX)).pins).toEqual([]);
    expect(await pins.unpin(PBX)).toBe(false);
  });
});

describe('CertificateTrust.verifyProcVerdict', () => {
  it('keeps Chromium’s verdict when Chromium accepted the certificate', async () => {
    const { trust } = await setup();
    expect(trust.verifyProcVerdict('example.com', 0, [])).toBe(VERIFY_USE_CHROMIUM);
  });

  it('trusts the admin CA for the configured host only', async () => {
    const { trust } = await setup({ cas: [ca.pem] });
    expect(trust.verifyProcVerdict(PBX, -202, [leaf])).toBe(VERIFY_TRUST);
    expect(trust.verifyProcVerdict('other.example.test', -202, [leaf])).toBe(VERIFY_USE_CHROMIUM);
  });

  it('trusts a pinned self-signed certificate once the user accepted it', async () => {
    const { trust, logger } = await setup();
    expect(trust.verifyProcVerdict(PBX, -202, [selfSigned.pem])).toBe(VERIFY_USE_CHROMIUM);
    expect(logger.lines.join('\n')).toContain('PBX certificate refused');
    await trust.pin(PBX, new X509Certificate(selfSigned.pem).fingerprint256);
    expect(trust.verifyProcVerdict(PBX, -202, [selfSigned.pem])).toBe(VERIFY_TRUST);
  });

  it('never excuses errors other than authority, name and date (e.g. revoked)', async () => {
    const { trust } = await setup({ cas: [ca.pem] });
    expect(trust.verifyProcVerdict(PBX, -206 /* ERR_CERT_REVOKED */, [leaf])).toBe(VERIFY_USE_CHROMIUM);
  });

  it('makes no exception for plain ws:// accounts or before an account exists', async () => {
    expect(
      (await setup({ wsUrl: `ws://${PBX}:8088/ws`, cas: [ca.pem] })).trust.verifyProcVerdict(PBX, -202, [
        leaf,
      ]),
    ).toBe(VERIFY_USE_CHROMIUM);
    expect((await setup({ wsUrl: null, cas: [ca.pem] })).trust.verifyProcVerdict(PBX, -202, [leaf])).toBe(
      VERIFY_USE_CHROMIUM,
    );
  });
});

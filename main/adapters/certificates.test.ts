import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Certificate, Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateTrust } from '../core/certificates/certificate-trust';
import { PinStore } from '../core/certificates/pin-store';
import { CertFactory, opensslDate, type TestCa } from '../core/certificates/test-certs';
import { createMemoryLogger } from '../core/logger';
import { tempDir } from '../core/test-helpers';
import { chainOf, installCertificateRules } from './certificates';

// Certificate errors are never bypassed globally in the Electron process: no
// 'certificate-error' handler (its only use would be to accept a bad
// certificate), no --ignore-certificate-errors switch, and exactly one verify
// proc, in certificates.ts, whose every answer comes from the core's rules.
// A read of the sources plus a run against a fake session, because none of
// this is observable without the Electron binary.

const MAIN = fileURLToPath(new URL('..', import.meta.url));

async function electronSideSources(): Promise<Array<{ file: string; text: string }>> {
  const files = ['index.ts'];
  for (const name of await readdir(join(MAIN, 'adapters'))) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(join('adapters', name));
  }
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(MAIN, file), 'utf8') })));
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['a certificate-error handler', /\.on\(\s*['"`]certificate-error['"`]/],
  ['the ignore-certificate-errors switch', /appendSwitch\(\s*['"`]ignore-certificate-errors/],
  ['the ignore-certificate-errors switch', /['"`]--ignore-certificate-errors/],
  ['NODE_TLS_REJECT_UNAUTHORIZED', /NODE_TLS_REJECT_UNAUTHORIZED/],
];

describe('certificate handling', () => {
  it('has no global certificate bypass in main/index.ts or the adapters', async () => {
    const sources = await electronSideSources();
    expect(sources.map((s) => s.file)).toContain('index.ts');
    for (const { file, text } of sources) {
      for (const [what, pattern] of FORBIDDEN) expect(pattern.test(text), `${what} in ${file}`).toBe(false);
      // The only verify proc is the rule-driven one.
      if (file !== join('adapters', 'certificates.ts'))
        expect(/setCertificateVerifyProc\s*\(/.test(text), `a verify proc in ${file}`).toBe(false);
    }
  });

  it('never answers the verify proc with a constant trust', async () => {
    const text = await readFile(join(MAIN, 'adapters', 'certificates.ts'), 'utf8');
    expect(text).not.toMatch(/callback\(\s*0\s*\)/);
  });
});

const PBX = 'pbx.example.test';
let certs: CertFactory;
let ca: TestCa;
let leaf: string;

beforeAll(() => {
  certs = new CertFactory();
  ca = certs.selfSigned('Company CA', { ca: true });
  leaf = certs.leaf(ca, PBX, opensslDate(-1), opensslDate(10));
});
afterAll(() => certs.dispose());

function electronCert(pem: string, issuer?: Certificate): Certificate {
  const x = new X509Certificate(pem);
  return { data: pem, fingerprint: x.fingerprint256, issuerCert: issuer } as unknown as Certificate;
}

type Proc = (
  request: { hostname: string; errorCode: number; certificate: Certificate },
  cb: (n: number) => void,
) => void;

async function installed(): Promise<Proc> {
  let proc: Proc | null = null;
  const session = { setCertificateVerifyProc: (p: Proc) => (proc = p) } as unknown as Session;
  const logger = createMemoryLogger();
  const trust = new CertificateTrust({
    pins: await PinStore.open(await tempDir(), logger),
    wsUrl: () => `wss://${PBX}/ws`,
    adminCaPems: () => [ca.pem],
    logger,
  });
  installCertificateRules(session, trust);
  return proc!;
}

const answer = (proc: Proc, hostname: string, errorCode: number, certificate: Certificate) =>
  new Promise<number>((resolve) => proc({ hostname, errorCode, certificate }, resolve));

describe('installCertificateRules', () => {
  it('walks issuerCert links and stops at a self-issued root', () => {
    const root = electronCert(ca.pem);
    (root as { issuerCert?: Certificate }).issuerCert = root;
    expect(chainOf(electronCert(leaf, root))).toEqual([leaf, ca.pem]);
  });

  it('trusts the admin-CA certificate of the configured PBX and keeps Chromium’s verdict elsewhere', async () => {
    const proc = await installed();
    const cert = electronCert(leaf, electronCert(ca.pem));
    expect(await answer(proc, PBX, -202, cert)).toBe(0);
    expect(await answer(proc, 'evil.example.test', -202, cert)).toBe(-3);
    expect(await answer(proc, 'example.com', 0, cert)).toBe(-3);
  });

  it('keeps Chromium’s verdict when the certificate cannot be read', async () => {
    const proc = await installed();
    expect(await answer(proc, PBX, -202, { data: 'junk' } as unknown as Certificate)).toBe(-3);
  });
});

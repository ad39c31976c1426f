import type { Certificate, Session } from 'electron';
import { VERIFY_USE_CHROMIUM, type CertificateTrust } from '../core/certificates/certificate-trust';

// Lets Chromium's certificate check of the renderer's connections (the SIP
// WebSocket) also accept the company PBX's certificate when DeskPhone's rules
// say so: an administrator's CA or a certificate the user accepted, for the
// configured PBX host only. Never a global bypass: every verdict comes from
// CertificateTrust.verifyProcVerdict(), which keeps Chromium's own result for
// anything it already accepted, for every other host, and for every error it
// must not excuse; a failure in our code also keeps Chromium's result.
//
// There is still no 'certificate-error' handler and no
// --ignore-certificate-errors switch (main/adapters/certificates.test.ts).

/** How far up issuerCert links are followed; real chains are 2–4 long. */
const MAX_CHAIN = 8;

/** The presented chain as PEM texts, leaf first. */
export function chainOf(certificate: Certificate): string[] {
  const chain: string[] = [];
  let current: Certificate | undefined = certificate;
  while (current && chain.length < MAX_CHAIN) {
    chain.push(current.data);
    // A self-signed root names itself as its issuer; stop there.
    if (!current.issuerCert || current.issuerCert.fingerprint === current.fingerprint) break;
    current = current.issuerCert;
  }
  return chain;
}

export function installCertificateRules(session: Session, trust: CertificateTrust): void {
  session.setCertificateVerifyProc((request, callback) => {
    let verdict: number;
    try {
      verdict = trust.verifyProcVerdict(request.hostname, request.errorCode, chainOf(request.certificate));
    } catch {
      verdict = VERIFY_USE_CHROMIUM;
    }
    callback(verdict);
  });
}

import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';

// Turns OpenSSL/BoringSSL error codes into sentences, and fetches the
// server's certificate so the user (or their administrator) can see which
// certificate the PBX actually presents. Company PBXes with self-signed or
// privately issued certificates are one of the most common support cases.

export interface CertificateSummary {
  subject: string;
  issuer: string;
  validTo: string;
  fingerprint256: string;
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const OTHER_CERT = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Whether a connection error is a TLS/certificate failure. */
export function isTlsErrorCode(code: string, message: string): boolean {
  return (
    SELF_SIGNED.has(code) ||
    UNKNOWN_ISSUER.has(code) ||
    OTHER_CERT.has(code) ||
    code === 'EPROTO' ||
    code.startsWith('ERR_SSL_') ||
    /WRONG_VERSION_NUMBER|wrong version number|packet length too long|ssl3_get_record/i.test(message)
  );
}

/** A plain explanation with the likely fix. `display` is host:port. */
export function describeTlsFailure(code: string, message: string, host: string, display: string): string {
  if (SELF_SIGNED.has(code)) {
    return `The PBX at ${display} uses a self-signed certificate, which this computer does not trust. Ask your administrator for a certificate from a trusted authority, or to install the company's certificate authority on this computer.`;
  }
  if (UNKNOWN_ISSUER.has(code)) {
    return `The PBX's certificate was issued by an authority this computer does not know (often a company-internal one). Ask your administrator to install that certificate authority on this computer.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The PBX's certificate is not made out for "${host}". Use the server name the certificate was issued for (shown below), or ask your administrator for a certificate that includes ${host}.`;
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return `The PBX's certificate has expired. Ask your administrator to renew it. Also check that this computer's date and time are correct.`;
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return `The PBX's certificate is not valid yet. Check that this computer's date and time are correct.`;
  }
  if (
    code === 'EPROTO' ||
    code.startsWith('ERR_SSL_') ||
    /WRONG_VERSION_NUMBER|wrong version number|packet length/i.test(message)
  ) {
    return `The server at ${display} does not speak secure WebSocket (TLS) on this port. If this is Asterisk's plain port (usually 8088), use wss:// with port 8089 instead, or ask your administrator to enable TLS.`;
  }
  return `The secure connection to ${display} failed because of its certificate (${code || 'TLS error'}). Ask your administrator to check the PBX's certificate.`;
}

/**
 * Connects once with verification off, only to read the certificate the
 * server presents. Nothing is sent on this connection. Null if the server
 * does not complete a handshake at all.
 */
export function fetchCertificate(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<CertificateSummary | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: CertificateSummary | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = tls.connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerX509Certificate();
      finish(raw ? summarize(raw) : null);
    });
    socket.once('error', () => finish(null));
  });
}

function summarize(cert: X509Certificate): CertificateSummary {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    validTo: cert.validTo,
    fingerprint256: cert.fingerprint256,
  };
}

/** X509Certificate prints names one attribute per line; show them as "CN=…, O=…". */
function oneLine(name: string): string {
  return name
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

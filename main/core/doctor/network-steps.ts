import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import tls from 'node:tls';
import type { DoctorStep } from '../../../contract/doctor';
import type { ProbeResult } from '../../../contract/ipc';
import { errorCode } from '../errors';
import { describeTlsFailure, fetchCertificate, isTlsErrorCode } from '../tls-diagnosis';
import { probeWebSocket } from '../websocket-probe';
import type { DoctorTarget } from './network-doctor';

// One function per network step, each answering one question in plain words:
// does the name resolve, does anything listen on the port, does the
// certificate check out, does the server open a WebSocket at this path.

/** DeskPhone's own certificate rules (admin CA, accepted certificates); chain is DER, leaf first. */
export type DoctorTrust = (host: string, chain: Buffer[]) => { trusted: boolean; message: string };

export interface StepOptions {
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), as for the connection check. */
  extraCa?: string[];
  /** Asked only after the system refused the certificate, as the phone's connection does. */
  trust?: DoctorTrust;
  /** The connection check to reuse for the WebSocket step (the app passes its configured one). */
  probe?: (wsUrl: string) => Promise<ProbeResult>;
}

export const STEP_TITLES = {
  dns: 'Server name',
  tcp: 'Connection to the server',
  tls: 'Secure connection (certificate)',
  websocket: 'WebSocket at the address',
} as const;

export async function dnsStep(target: DoctorTarget, opts: StepOptions): Promise<DoctorStep> {
  const base = { id: 'dns' as const, title: STEP_TITLES.dns };
  if (isIP(target.host)) {
    return { ...base, status: 'pass', message: `${target.host} is an address, so no name lookup is needed.` };
  }
  try {
    const found = await withTimeout(lookup(target.host, { all: true }), opts.timeoutMs);
    if (found === 'timeout') {
      return {
        ...base,
        status: 'fail',
        message: `Looking up ${target.host} took longer than ${seconds(opts.timeoutMs)} seconds. This computer's name server may be down or unreachable: check the network connection or VPN.`,
        detail: 'lookup timed out',
      };
    }
    const addresses = found.map((entry) => entry.address);
    return { ...base, status: 'pass', message: `${target.host} resolves to ${addresses.join(', ')}.` };
  } catch (error) {
    const code = errorCode(error) ?? 'error';
    return {
      ...base,
      status: 'fail',
      message: `The server name ${target.host} could not be found. Check the spelling in the WebSocket address, and whether you need to be connected to the company network or VPN.`,
      detail: `${code}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export function tcpStep(target: DoctorTarget, opts: StepOptions): Promise<DoctorStep> {
  const base = { id: 'tcp' as const, title: STEP_TITLES.tcp };
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (step: DoctorStep): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(step);
    };
    const timer = setTimeout(
      () =>
        finish({
          ...base,
          status: 'fail',
          message: `${target.display} did not answer within ${seconds(opts.timeoutMs)} seconds. A firewall may be silently dropping the connection, the port may be wrong, or you may need the company VPN.`,
          detail: `no answer after ${opts.timeoutMs} ms`,
        }),
      opts.timeoutMs,
    );
    socket.once('connect', () =>
      finish({ ...base, status: 'pass', message: `Something is listening at ${target.display}.` }),
    );
    socket.once('error', (error) => finish({ ...base, ...tcpFailure(target, error) }));
    socket.connect(target.port, target.host);
  });
}

function tcpFailure(target: DoctorTarget, error: Error): Pick<DoctorStep, 'status' | 'message' | 'detail'> {
  const code = errorCode(error) ?? '';
  const detail = `${code || error.name}: ${error.message}`;
  if (code === 'ECONNREFUSED') {
    const asterisk = target.secure
      ? 'tlsenable=yes in http.conf, usually port 8089'
      : 'enabled=yes in http.conf, usually port 8088';
    return {
      status: 'fail',
      message: `Nothing is listening at ${target.display}. Check the port in the address, and that the PBX's WebSocket server is turned on (Asterisk: ${asterisk}).`,
      detail,
    };
  }
  if (['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'].includes(code)) {
    return {
      status: 'fail',
      message: `This computer has no network route to ${target.host}. Check the network connection, or connect to the company VPN.`,
      detail,
    };
  }
  return {
    status: 'fail',
    message: `Connecting to ${target.display} failed (${code || error.message}). Check the address, or ask your administrator.`,
    detail,
  };
}

export function tlsStep(target: DoctorTarget, opts: StepOptions): Promise<DoctorStep> {
  const base = { id: 'tls' as const, title: STEP_TITLES.tls };
  if (!target.secure) {
    return Promise.resolve({
      ...base,
      status: 'skipped',
      message:
        'The address starts with ws://, so the connection is not encrypted and there is no certificate to check. Use wss:// (Asterisk: port 8089) unless your administrator says otherwise.',
    });
  }
  const ca = opts.extraCa && opts.extraCa.length > 0 ? [...tls.rootCertificates, ...opts.extraCa] : undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (step: DoctorStep): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(step);
    };
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: isIP(target.host) ? undefined : target.host,
      ...(ca ? { ca } : {}),
      // Verification stays on: this step is exactly the question "is it trusted?".
      rejectUnauthorized: true,
    });
    const timer = setTimeout(
      () =>
        finish({
          ...base,
          status: 'fail',
          message: `${target.display} accepted the connection but did not complete a secure (TLS) handshake within ${seconds(opts.timeoutMs)} seconds. The port may not be a TLS port.`,
          detail: `no handshake after ${opts.timeoutMs} ms`,
        }),
      opts.timeoutMs,
    );
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      const certificate = cert
        ? {
            subject: oneLine(cert.subject),
            issuer: oneLine(cert.issuer),
            validTo: cert.validTo,
            fingerprint256: cert.fingerprint256,
          }
        : undefined;
      finish({
        ...base,
        status: 'pass',
        message: certificate
          ? `The certificate is trusted and made out for ${target.host}. It is valid until ${certificate.validTo}.`
          : 'The secure connection was set up.',
        ...(certificate ? { certificate } : {}),
      });
    });
    socket.once('error', (error) => {
      const code = errorCode(error) ?? '';
      if (opts.trust && CERTIFICATE_REJECTION.test(code)) {
        void trustedByRules(target, opts).then((decision) => {
          if (decision?.trusted) finish({ ...base, status: 'pass', message: decision.message, detail: code });
          else void explain(code, error, decision?.message);
        });
        return;
      }
      void explain(code, error);
    });
    const explain = async (code: string, error: Error, ruleMessage?: string): Promise<void> => {
      const message = isTlsErrorCode(code, error.message)
        ? describeTlsFailure(code, error.message, target.host, target.display)
        : `The secure connection to ${target.display} failed (${code || error.message}).`;
      const certificate = await fetchCertificate(target.host, target.port, Math.min(opts.timeoutMs, 2000));
      finish({
        ...base,
        status: 'fail',
        message: ruleMessage ? `${message} ${ruleMessage}` : message,
        detail: `${code || error.name}: ${error.message}`,
        ...(certificate ? { certificate } : {}),
      });
    };
  });
}

/** TLS failures about the issuer, name or dates, which DeskPhone's rules may excuse. */
const CERTIFICATE_REJECTION = /CERT|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET_ISSUER)|ALTNAME/;

/** Reads the chain without verifying (nothing is sent) and asks DeskPhone's rules. */
function trustedByRules(
  target: DoctorTarget,
  opts: StepOptions,
): Promise<{ trusted: boolean; message: string } | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: isIP(target.host) ? undefined : target.host,
      rejectUnauthorized: false,
    });
    const done = (value: { trusted: boolean; message: string } | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), Math.min(opts.timeoutMs, 2000));
    socket.once('secureConnect', () => {
      const chain: Buffer[] = [];
      let cert = socket.getPeerCertificate(true);
      while (cert?.raw && !chain.some((der) => der.equals(cert.raw))) {
        chain.push(cert.raw);
        cert = cert.issuerCertificate;
      }
      done(opts.trust ? opts.trust(target.host, chain) : null);
    });
    socket.once('error', () => done(null));
  });
}

export async function webSocketStep(target: DoctorTarget, opts: StepOptions): Promise<DoctorStep> {
  const base = { id: 'websocket' as const, title: STEP_TITLES.websocket };
  const result = opts.probe
    ? await opts.probe(target.wsUrl)
    : await probeWebSocket(target.wsUrl, {
        timeoutMs: opts.timeoutMs,
        ...(opts.extraCa ? { extraCa: opts.extraCa } : {}),
      });
  return {
    ...base,
    status: result.outcome === 'ok' ? 'pass' : 'fail',
    message: result.message,
    detail: result.detail,
    ...(result.certificate ? { certificate: result.certificate } : {}),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** X509Certificate prints names one attribute per line; show them as "CN=…, O=…". */
function oneLine(name: string): string {
  return name
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

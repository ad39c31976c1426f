import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ProbeResult } from '../../contract/ipc';
import { webSocketUrlProblem } from '../../contract/account';
import { errorCode } from './errors';
import { describeTlsFailure, fetchCertificate, isTlsErrorCode } from './tls-diagnosis';

// A renderer only ever learns "WebSocket closed (1006)". Main can see why: it
// sends the same upgrade request the phone would and reports what happened in
// plain words: a wrong path, a certificate the computer does not trust,
// nothing listening, a name that does not resolve, a silent firewall.

export interface ProbeOptions {
  /** Give up after this long; default 4000 ms. */
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), e.g. a company CA, on top of the system ones. */
  extraCa?: string[];
  /**
   * DeskPhone's own certificate rules (admin CA for the PBX host, certificates
   * the user accepted), asked only after the system refused the certificate,
   * so the check agrees with what the phone's connection will accept.
   */
  trust?: ProbeTrust;
}

/** chain: DER, leaf first. */
export type ProbeTrust = (host: string, chain: Buffer[]) => { trusted: boolean; message: string };

/** TLS failures that are about who issued the certificate, its name or its dates (not protocol errors). */
const CERTIFICATE_REJECTION = /CERT|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET_ISSUER)|ALTNAME/;

export const DEFAULT_PROBE_TIMEOUT_MS = 4000;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

interface Target {
  url: URL;
  secure: boolean;
  host: string; // without IPv6 brackets
  port: number;
  display: string; // host:port as the user would write it
}

export async function probeWebSocket(wsUrl: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const parsed = parseTarget(wsUrl);
  if ('outcome' in parsed) return parsed;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const ca = opts.extraCa && opts.extraCa.length > 0 ? [...tls.rootCertificates, ...opts.extraCa] : undefined;
  let result = await sendUpgrade(parsed, timeoutMs, ca);
  if (result.outcome === 'tls' && opts.trust && CERTIFICATE_REJECTION.test(result.detail)) {
    // Once more, now judging the certificate by DeskPhone's rules instead of the system's.
    result = await sendUpgrade(parsed, timeoutMs, ca, opts.trust);
  }
  if (result.outcome === 'tls') {
    // Only to describe the certificate to the user; nothing is sent on this connection.
    const certificate = await fetchCertificate(parsed.host, parsed.port, Math.min(timeoutMs, 2000));
    if (certificate) return { ...result, certificate };
  }
  return result;
}

function parseTarget(raw: string): Target | ProbeResult {
  // Probing ws:// is harmless (nothing secret is sent), so insecure URLs are
  // allowed here; the account form decides whether they may be saved.
  const problem = webSocketUrlProblem(raw, true);
  if (problem) return { outcome: 'invalid-url', message: problem, detail: 'invalid URL' };
  const url = new URL(raw.trim());
  const secure = url.protocol === 'wss:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { url, secure, host, port, display: url.port ? url.host : `${url.host}:${port}` };
}

function sendUpgrade(
  target: Target,
  timeoutMs: number,
  ca: string[] | undefined,
  trust?: ProbeTrust,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const key = randomBytes(16).toString('base64');
    const options: https.RequestOptions = {
      method: 'GET',
      host: target.host,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      headers: {
        Host: target.url.host,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': 'sip',
        'User-Agent': 'DeskPhone connection check',
      },
      agent: false, // a fresh connection, so a cached one cannot hide a TLS problem
      ...(target.secure ? { ca, servername: isIP(target.host) ? undefined : target.host } : {}),
      // Only on the retry after the system refused the certificate: checked
      // below, before any answer counts. Nothing secret is sent by the probe.
      ...(trust ? { rejectUnauthorized: false } : {}),
    };
    let trustedBecause: string | null = null;

    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };

    const req = (target.secure ? https : http).request(options);
    const timer = setTimeout(() => finish(timeoutResult(target, timeoutMs)), timeoutMs);
    if (trust) {
      req.on('socket', (socket) => {
        socket.once('secureConnect', () => {
          const decision = trust(target.host, peerChain(socket as tls.TLSSocket));
          if (decision.trusted) trustedBecause = decision.message;
          else
            finish({
              outcome: 'tls',
              message: decision.message,
              detail: 'refused by DeskPhone certificate rules',
            });
        });
      });
    }

    req.on('upgrade', (res, socket) => {
      socket.destroy();
      const accept = res.headers['sec-websocket-accept'];
      const expected = createHash('sha1')
        .update(key + WS_GUID)
        .digest('base64');
      if (accept !== expected) {
        finish({
          outcome: 'other',
          httpStatus: 101,
          message: `Something at ${target.display} accepted the connection but did not answer like a WebSocket server. A proxy in between may be interfering.`,
          detail: 'HTTP 101 with a wrong Sec-WebSocket-Accept',
        });
        return;
      }
      const protocol = res.headers['sec-websocket-protocol'];
      if (trust && trustedBecause === null) return; // the certificate was never judged
      finish({
        outcome: 'ok',
        httpStatus: 101,
        message: `The server at ${target.display} accepted the WebSocket connection.${trustedBecause ? ` ${trustedBecause}` : ''}`,
        detail: `HTTP 101; subprotocol ${protocol ?? '(none)'}`,
      });
    });

    req.on('response', (res) => {
      res.resume(); // drain; the body is not needed
      if (trust && trustedBecause === null) return;
      finish(httpStatusResult(target, res.statusCode ?? 0, res.statusMessage ?? '', res.headers.location));
    });

    req.on('error', (error) => finish(networkErrorResult(target, error, timeoutMs)));
    req.end();
  });
}

function httpStatusResult(
  target: Target,
  status: number,
  statusText: string,
  location: string | undefined,
): ProbeResult {
  const detail = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const base = { outcome: 'http-status' as const, httpStatus: status, detail };
  const path = target.url.pathname;
  if (status === 404) {
    const example = `${target.url.protocol}//${target.url.host}/ws`;
    return {
      ...base,
      message: `The server has no WebSocket at the path ${path}. Asterisk serves it at /ws (for example ${example}).`,
    };
  }
  if (status === 426) {
    return {
      ...base,
      message: `The server at ${target.display} answered as a plain web server and asked for an upgrade (HTTP 426). Either the address uses the wrong scheme or port (Asterisk: wss:// on 8089, ws:// on 8088), or a proxy in between removes the WebSocket upgrade.`,
    };
  }
  if (status >= 300 && status < 400) {
    const where = location ? ` to ${location}` : '';
    return {
      ...base,
      message: `The server redirects this address${where} (HTTP ${status}). WebSocket connections do not follow redirects: enter the final address instead, with wss:// in place of https://.`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      ...base,
      message: `The server at ${target.display} refused the WebSocket connection (HTTP ${status}). Asterisk itself does not ask for a login here, so a proxy or firewall in front of it is probably blocking the app. Ask your administrator.`,
    };
  }
  if (status >= 500) {
    return {
      ...base,
      message: `The server at ${target.display} had an internal problem (HTTP ${status}). If a proxy sits in front of the PBX, it may not reach Asterisk. Try again later or ask your administrator.`,
    };
  }
  return {
    ...base,
    message: `The server at ${target.display} answered with HTTP ${status} instead of opening the WebSocket. Check the address with your administrator.`,
  };
}

function timeoutResult(target: Target, timeoutMs: number): ProbeResult {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return {
    outcome: 'timeout',
    message: `The server at ${target.display} did not answer within ${seconds} seconds. A firewall may be silently dropping the connection, the port may be wrong, or you may need to connect to the company VPN.`,
    detail: `no answer after ${timeoutMs} ms`,
  };
}

function networkErrorResult(target: Target, error: Error, timeoutMs: number): ProbeResult {
  const code = errorCode(error) ?? '';
  const detail = `${code || error.name}: ${error.message}`;
  if (target.secure && isTlsErrorCode(code, error.message)) {
    return {
      outcome: 'tls',
      message: describeTlsFailure(code, error.message, target.host, target.display),
      detail,
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return {
        outcome: 'refused',
        message: `Nothing is listening at ${target.display}. Check the port, and that the PBX's ${target.secure ? 'secure WebSocket (HTTPS/WSS)' : 'WebSocket (HTTP/WS)'} server is turned on (Asterisk: ${target.secure ? 'tlsenable=yes in http.conf, usually port 8089' : 'enabled=yes in http.conf, usually port 8088'}).`,
        detail,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return {
        outcome: 'dns',
        message: `The server name ${target.host} could not be found. Check the spelling, and whether you need to be connected to the company network or VPN.`,
        detail,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return {
        outcome: 'unreachable',
        message: `This computer has no network route to ${target.host}. Check your network connection, or connect to the company VPN.`,
        detail,
      };
    case 'ETIMEDOUT':
      return timeoutResult(target, timeoutMs);
    case 'ECONNRESET':
      return {
        outcome: 'other',
        message: `The connection to ${target.display} was cut off before the server answered. A firewall or proxy may be blocking WebSocket connections${target.secure ? '' : ', or the server expects wss:// here'}.`,
        detail,
      };
    default:
      return {
        outcome: 'other',
        message: `The connection to ${target.display} failed (${code || error.message}). Check the address, or ask your administrator.`,
        detail,
      };
  }
}

/** The presented chain as DER, leaf first (issuerCertificate links, stopping at a self-issued root). */
function peerChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && chain.length < 8) {
    chain.push(cert.raw);
    if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate;
  }
  return chain;
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeWebSocket } from './websocket-probe';

// Real local servers only: the point of the probe is how real TLS and HTTP
// stacks fail, which mocks would not show.

let certDir: string;
let cert: string;
let key: string;
let otherCert: string;
let otherKey: string;
const servers: net.Server[] = [];

/** A self-signed certificate from the openssl CLI, as a PBX administrator would make one. */
function selfSigned(name: string, subject: string, altNames: string): { cert: string; key: string } {
  const keyPath = join(certDir, `${name}.key.pem`);
  const certPath = join(certDir, `${name}.cert.pem`);
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', subject, '-addext', `subjectAltName=${altNames}`,
  ], { stdio: 'ignore' });
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

beforeAll(() => {
  certDir = mkdtempSync(join(tmpdir(), 'deskphone-cert-'));
  ({ cert, key } = selfSigned('pbx', '/CN=localhost/O=DeskPhone Test PBX', 'DNS:localhost,IP:127.0.0.1'));
  ({ cert: otherCert, key: otherKey } = selfSigned(
    'other',
    '/CN=pbx.other.example',
    'DNS:pbx.other.example',
  ));
});

afterAll(() => rmSync(certDir, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<T extends net.Server>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** Answers upgrades like Asterisk's res_http_websocket; other paths get `status`. */
function answerUpgrade(server: http.Server, wsPath = '/ws', status = 404): void {
  server.on('upgrade', (req, socket) => {
    if (req.url !== wsPath) {
      socket.end(`HTTP/1.1 ${status} Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.end(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
    );
  });
}

describe('probeWebSocket', () => {
  it('reports ok when the server switches protocols', async () => {
    const server = http.createServer((_req, res) => res.writeHead(426).end());
    answerUpgrade(server);
    const port = await listen(server);
    const result = await probeWebSocket(`ws://127.0.0.1:${port}/ws`);
    expect(result).toMatchObject({ outcome: 'ok', httpStatus: 101 });
    expect(result.detail).toContain('sip');
  });

  it('explains a 404 as a wrong path and names /ws', async () => {
    const server = http.createServer();
    answerUpgrade(server);
    const port = await listen(server);
    const result = await probeWebSocket(`ws://127.0.0.1:${port}/xyz`);
    expect(result).toMatchObject({ outcome: 'http-status', httpStatus: 404 });
    expect(result.message).toBe(
      `The server has no WebSocket at the path /xyz. Asterisk serves it at /ws (for example ws://127.0.0.1:${port}/ws).`,
    );
  });

  it('explains a 426 from a plain HTTP server', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(426, { Upgrade: 'websocket' }).end('Upgrade Required'),
    );
    const port = await listen(server);
    const result = await probeWebSocket(`ws://127.0.0.1:${port}/ws`);
    expect(result).toMatchObject({ outcome: 'http-status', httpStatus: 426 });
    expect(result.message).toMatch(/plain web server.*wrong scheme or port.*proxy/);
  });

  it('reports a redirect instead of following it', async () => {
    const server = http.createServer((_req, res) =>
      res.writeHead(301, { Location: 'https://pbx.example.com/ws' }).end(),
    );
    const port = await listen(server);
    const result = await probeWebSocket(`ws://127.0.0.1:${port}/ws`);
    expect(result).toMatchObject({ outcome: 'http-status', httpStatus: 301 });
    expect(result.message).toContain('redirects this address to https://pbx.example.com/ws');
  });

  it('explains a self-signed certificate and describes it', async () => {
    const server = https.createServer({ cert, key });
    answerUpgrade(server);
    const port = await listen(server);
    const result = await probeWebSocket(`wss://localhost:${port}/ws`);
    expect(result.outcome).toBe('tls');
    expect(result.detail).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(result.message).toMatch(/self-signed certificate, which this computer does not trust/);
    expect(result.certificate?.subject).toContain('CN=localhost');
    expect(result.certificate?.issuer).toContain('O=DeskPhone Test PBX');
    expect(result.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(result.certificate?.validTo).toMatch(/GMT$/);
  });

  it('trusts a certificate given as extra CA', async () => {
    const server = https.createServer({ cert, key });
    answerUpgrade(server);
    const port = await listen(server);
    const result = await probeWebSocket(`wss://localhost:${port}/ws`, { extraCa: [cert] });
    expect(result.outcome).toBe('ok');
  });

  it('reports a certificate made out for another name', async () => {
    const server = https.createServer({ cert: otherCert, key: otherKey });
    answerUpgrade(server);
    const port = await listen(server);
    const result = await probeWebSocket(`wss://localhost:${port}/ws`, { extraCa: [otherCert] });
    expect(result.outcome).toBe('tls');
    expect(result.detail).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(result.message).toContain('not made out for "localhost"');
    expect(result.certificate?.subject).toBe('CN=pbx.other.example');
  });

  it('explains wss:// against a plain HTTP port', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    const port = await listen(server);
    const result = await probeWebSocket(`wss://127.0.0.1:${port}/ws`);
    expect(result.outcome).toBe('tls');
    expect(result.message).toMatch(/does not speak secure WebSocket \(TLS\) on this port/);
  });

  it('reports a closed port as refused', async () => {
    const port = await listen(net.createServer());
    await new Promise((r) => servers.pop()!.close(r));
    const result = await probeWebSocket(`wss://127.0.0.1:${port}/ws`);
    expect(result.outcome).toBe('refused');
    expect(result.message).toContain(`Nothing is listening at 127.0.0.1:${port}`);
    expect(result.message).toContain('8089');
  });

  it('times out on a server that accepts but never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    server.on('close', () => sockets.forEach((s) => s.destroy()));
    const port = await listen(server);
    const started = Date.now();
    const result = await probeWebSocket(`ws://127.0.0.1:${port}/ws`, { timeoutMs: 300 });
    sockets.forEach((s) => s.destroy());
    expect(result.outcome).toBe('timeout');
    expect(result.message).toMatch(/did not answer within 0.3 seconds/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects invalid URLs without connecting', async () => {
    for (const url of ['not a url', 'https://pbx.example.com/ws', 'wss://user:pw@pbx.example.com/ws']) {
      const result = await probeWebSocket(url);
      expect(result.outcome).toBe('invalid-url');
      expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('reports a name that does not resolve', async () => {
    const result = await probeWebSocket('wss://no-such-host.invalid:8089/ws', { timeoutMs: 3000 });
    expect(['dns', 'timeout']).toContain(result.outcome);
    if (result.outcome === 'dns') expect(result.message).toContain('no-such-host.invalid could not be found');
  });
});

import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { probeWebSocket } from '../websocket-probe';
import { CertificateTrust } from './certificate-trust';
import { PinStore } from './pin-store';
import { CertFactory, opensslDate, type TestCa } from './test-certs';

// The connection check agrees with the phone's connection: a PBX with a
// self-signed certificate is refused until the user accepts that exact
// certificate, then the check passes; a company-CA certificate passes for
// the configured host. Real TLS servers on 127.0.0.1 with openssl certificates.

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HOST = '127.0.0.1';
let certs: CertFactory;
let selfSigned: TestCa;
let ca: TestCa;
const servers: https.Server[] = [];

beforeAll(() => {
  certs = new CertFactory();
  selfSigned = certs.selfSigned('asterisk', { ca: false, san: `IP:${HOST}` });
  ca = certs.selfSigned('Company CA', { ca: true });
});
afterAll(() => certs.dispose());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A WebSocket endpoint at /ws, like Asterisk's. */
async function pbx(cert: string, key: string): Promise<string> {
  const server = https.createServer({ cert, key });
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1')
      .update(String(req.headers['sec-websocket-key']) + WS_GUID)
      .digest('base64');
    socket.end(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
    );
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, HOST, r));
  return `wss://${HOST}:${(server.address() as AddressInfo).port}/ws`;
}

async function trustFor(wsUrl: string | null, cas: string[] = []) {
  const logger = createMemoryLogger();
  const trust = new CertificateTrust({
    pins: await PinStore.open(await tempDir(), logger),
    wsUrl: () => wsUrl,
    adminCaPems: () => cas,
    logger,
  });
  return { trust, options: { timeoutMs: 3000, trust: trust.decideForProbe.bind(trust) } };
}

describe('connection check with DeskPhone certificate rules', () => {
  it('refuses a self-signed PBX until the user accepts its fingerprint, then passes', async () => {
    const url = await pbx(selfSigned.pem, readFileSync(selfSigned.keyPath, 'utf8'));
    const { trust, options } = await trustFor(null);
    const before = await probeWebSocket(url, options);
    expect(before.outcome).toBe('tls');
    expect(before.certificate?.fingerprint256).toBe(new X509Certificate(selfSigned.pem).fingerprint256);

    await trust.pin(HOST, before.certificate!.fingerprint256);
    const after = await probeWebSocket(url, options);
    expect(after.outcome).toBe('ok');
    expect(after.message).toContain('You accepted this certificate');
  });

  it('refuses when the server presents a different certificate than the accepted one', async () => {
    const url = await pbx(selfSigned.pem, readFileSync(selfSigned.keyPath, 'utf8'));
    const { trust, options } = await trustFor(null);
    await trust.pin(HOST, 'AB'.repeat(32));
    const result = await probeWebSocket(url, options);
    expect(result.outcome).toBe('tls');
    expect(result.message).toContain('different certificate');
  });

  it('passes a company-CA certificate for the configured host only', async () => {
    const leafPem = certs.leaf(ca, HOST, opensslDate(-1), opensslDate(5));
    const url = await pbx(leafPem, certs.keyFor(leafPem));
    const configured = await trustFor(url, [ca.pem]);
    const result = await probeWebSocket(url, configured.options);
    expect(result.outcome).toBe('ok');
    expect(result.message).toContain("company's certificate authority");
    const elsewhere = await trustFor('wss://pbx.example.test/ws', [ca.pem]);
    const refused = await probeWebSocket(url, elsewhere.options);
    expect(refused.outcome).toBe('tls');
    expect(refused.message).toContain('not your PBX');
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorStep } from '../../../contract/doctor';
import { runNetworkDoctor } from './network-doctor';

// Real local servers only, as for the connection check: the doctor is worth
// something only if it reads real TCP, TLS and HTTP failures correctly.

let certDir: string;
let cert: string;
let key: string;
const servers: net.Server[] = [];

beforeAll(() => {
  certDir = mkdtempSync(join(tmpdir(), 'deskphone-doctor-'));
  const keyPath = join(certDir, 'pbx.key.pem');
  const certPath = join(certDir, 'pbx.cert.pem');
  // prettier-ignore
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost/O=Doctor Test PBX',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  cert = readFileSync(certPath, 'utf8');
  key = readFileSync(keyPath, 'utf8');
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

/** Switches protocols at /ws like Asterisk; 404 elsewhere. */
function answerUpgrade(server: http.Server): void {
  server.on('upgrade', (req, socket) => {
    if (req.url !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
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

const statuses = (steps: DoctorStep[]): string[] => steps.map((s) => `${s.id}:${s.status}`);

describe('runNetworkDoctor', () => {
  it('passes every step against a trusted wss server', async () => {
    const server = https.createServer({ cert, key });
    answerUpgrade(server);
    const port = await listen(server);
    const { steps } = await runNetworkDoctor(`wss://localhost:${port}/ws`, { extraCa: [cert] });
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:pass', 'tls:pass', 'websocket:pass']);
    expect(steps[0]!.message).toContain('127.0.0.1');
    expect(steps[2]!.certificate).toMatchObject({ subject: expect.stringContaining('CN=localhost') });
    expect(steps[2]!.message).toMatch(/valid until/);
  });

  it('reports an unresolvable name and skips the rest with the reason', async () => {
    const { steps } = await runNetworkDoctor('wss://no-such-host.invalid:8089/ws', { timeoutMs: 3000 });
    expect(statuses(steps)).toEqual(['dns:fail', 'tcp:skipped', 'tls:skipped', 'websocket:skipped']);
    expect(steps[0]!.message).toContain('no-such-host.invalid could not be found');
    expect(steps[1]!.message).toContain('"Server name" failed');
  });

  it('reports a closed port as nothing listening, naming Asterisk’s setting', async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await new Promise((r) => probe.close(r));
    servers.splice(servers.indexOf(probe), 1);
    const { steps } = await runNetworkDoctor(`wss://127.0.0.1:${port}/ws`);
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:fail', 'tls:skipped', 'websocket:skipped']);
    expect(steps[1]!.message).toContain('Nothing is listening');
    expect(steps[1]!.message).toContain('tlsenable=yes');
    expect(steps[1]!.detail).toContain('ECONNREFUSED');
  });

  it('explains an untrusted self-signed certificate and shows it', async () => {
    const server = https.createServer({ cert, key });
    answerUpgrade(server);
    const port = await listen(server);
    const { steps } = await runNetworkDoctor(`wss://127.0.0.1:${port}/ws`);
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:pass', 'tls:fail', 'websocket:skipped']);
    expect(steps[2]!.message).toContain('self-signed');
    expect(steps[2]!.certificate).toMatchObject({
      subject: expect.stringContaining('Doctor Test PBX'),
      issuer: expect.stringContaining('CN=localhost'),
      validTo: expect.any(String),
    });
  });

  it('asks DeskPhone’s certificate rules after the system refused, as the phone does', async () => {
    const server = https.createServer({ cert, key });
    answerUpgrade(server);
    const port = await listen(server);
    const seen: number[] = [];
    const trust = (_host: string, chain: Buffer[]): { trusted: boolean; message: string } => {
      seen.push(chain.length);
      return { trusted: true, message: 'You accepted this certificate earlier.' };
    };
    const { steps } = await runNetworkDoctor(`wss://127.0.0.1:${port}/ws`, {
      trust,
      probe: () => Promise.resolve({ outcome: 'ok', message: 'accepted', detail: 'HTTP 101' }),
    });
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:pass', 'tls:pass', 'websocket:pass']);
    expect(steps[2]!.message).toBe('You accepted this certificate earlier.');
    expect(seen).toEqual([1]);
  });

  it('explains wss:// against a plain HTTP port', async () => {
    const port = await listen(http.createServer((_req, res) => res.end()));
    const { steps } = await runNetworkDoctor(`wss://127.0.0.1:${port}/ws`);
    expect(steps[2]).toMatchObject({ id: 'tls', status: 'fail' });
    expect(steps[2]!.message).toContain('does not speak secure WebSocket');
  });

  it('explains a 404 as the wrong path and names /ws', async () => {
    const server = http.createServer();
    answerUpgrade(server);
    const port = await listen(server);
    const { steps } = await runNetworkDoctor(`ws://127.0.0.1:${port}/wrong`);
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:pass', 'tls:skipped', 'websocket:fail']);
    expect(steps[2]!.message).toContain('not encrypted');
    expect(steps[3]!.message).toContain('no WebSocket at the path /wrong');
    expect(steps[3]!.message).toContain('/ws');
    expect(steps[3]!.detail).toContain('404');
  });

  it('explains a 426 from a plain web server', async () => {
    const server = http.createServer((_req, res) => res.writeHead(426).end('Upgrade Required'));
    server.on('upgrade', (_req, socket) => {
      socket.end('HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    const port = await listen(server);
    const { steps } = await runNetworkDoctor(`ws://127.0.0.1:${port}/ws`);
    expect(steps[3]).toMatchObject({ id: 'websocket', status: 'fail' });
    expect(steps[3]!.message).toContain('HTTP 426');
    expect(steps[3]!.message).toMatch(/wrong scheme or port/);
  });

  it('fails the first step for an invalid address and checks nothing', async () => {
    const { steps } = await runNetworkDoctor('https://pbx.example.com/ws');
    expect(statuses(steps)).toEqual(['dns:fail', 'tcp:skipped', 'tls:skipped', 'websocket:skipped']);
    expect(steps[1]!.message).toContain('not valid');
  });

  it('times out on a port that accepts but never speaks TLS', async () => {
    // Reads nothing and never answers; its sockets are destroyed so close() can return.
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    const port = await listen(silent);
    const started = Date.now();
    const { steps } = await runNetworkDoctor(`wss://127.0.0.1:${port}/ws`, { timeoutMs: 300 });
    expect(statuses(steps)).toEqual(['dns:pass', 'tcp:pass', 'tls:fail', 'websocket:skipped']);
    expect(steps[2]!.message).toContain('did not complete');
    expect(Date.now() - started).toBeLessThan(3000);
    held.forEach((socket) => socket.destroy());
  });
});

import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { finishedResults, runDoctorFromSettings, step, untrustedCertificate } from '../fixtures/doctor';
import { expect, test, USERS } from '../fixtures/test';
import { openAdvanced, setupAccount } from '../fixtures/ui';

// The connection doctor against real failures: Kamailio's wrong path, a plain
// web server, a certificate nobody trusts, a wrong password, a closed port and
// a STUN server that never answers. Then the support bundle, unzipped and
// searched for the password.

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return (server.address() as AddressInfo).port;
}

async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}

test('a wrong path (HTTP 404) is diagnosed at the WebSocket step, naming /ws', async ({
  phones,
  kamailio,
}) => {
  const phone = await phones.open('doctor-path');
  await setupAccount(phone.page, phones.account('alice', { wsUrl: kamailio.wrongPathUrl }));
  const results = await runDoctorFromSettings(phone.page);
  for (const id of ['dns', 'tcp', 'tls'])
    await expect(step(results, id)).toHaveAttribute('data-status', 'pass');
  await expect(step(results, 'tls')).toContainText('Certificate');
  await expect(step(results, 'websocket')).toHaveAttribute('data-status', 'fail');
  await expect(step(results, 'websocket')).toContainText('no WebSocket at the path /wrong-path');
  await expect(step(results, 'websocket')).toContainText('/ws');
  await expect(step(results, 'register')).toHaveAttribute('data-status', 'skipped');
});

test('plain HTTP on the WebSocket URL (HTTP 426) is explained as wrong scheme or port', async ({
  phones,
}) => {
  const server = http.createServer((_req, res) => res.writeHead(426, { Upgrade: 'websocket' }).end());
  server.on('upgrade', (_req, socket) =>
    socket.end('HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
  );
  const port = await listen(server);
  try {
    const phone = await phones.open('doctor-426');
    await openAdvanced(phone.page);
    await phone.page.getByLabel('Allow insecure connection').check();
    await setupAccount(phone.page, phones.account('alice', { wsUrl: `ws://127.0.0.1:${port}/ws` }));
    const results = await runDoctorFromSettings(phone.page);
    await expect(step(results, 'tcp')).toHaveAttribute('data-status', 'pass');
    await expect(step(results, 'tls')).toHaveAttribute('data-status', 'skipped');
    await expect(step(results, 'tls')).toContainText('not encrypted');
    await expect(step(results, 'websocket')).toHaveAttribute('data-status', 'fail');
    await expect(step(results, 'websocket')).toContainText('HTTP 426');
    await expect(step(results, 'websocket')).toContainText('wrong scheme or port');
  } finally {
    await close(server);
  }
});

test('an untrusted self-signed certificate is named, with its subject and issuer', async ({ phones }) => {
  const certificate = untrustedCertificate();
  const pem = certificate.cert;
  const server = https.createServer(certificate, (_req, res) => res.writeHead(404).end());
  const port = await listen(server);
  try {
    const phone = await phones.open('doctor-cert');
    await setupAccount(phone.page, phones.account('alice', { wsUrl: `wss://127.0.0.1:${port}/ws` }));
    const results = await runDoctorFromSettings(phone.page);
    const tls = step(results, 'tls');
    await expect(tls).toHaveAttribute('data-status', 'fail');
    await expect(tls).toContainText('self-signed certificate');
    await expect(tls).toContainText('Untrusted Test PBX');
    await expect(tls).toContainText('Valid until');
    await expect(step(results, 'websocket')).toHaveAttribute('data-status', 'skipped');

    // Once the user accepts this certificate, the doctor judges it as the phone will: trusted.
    const fingerprint = new X509Certificate(pem).fingerprint256;
    await phone.core.certificates.pin('127.0.0.1', fingerprint);
    await phone.page.getByRole('button', { name: 'Run again' }).click();
    // The list is emptied when a run starts, so these wait for the new run's steps.
    await expect(step(results, 'tls')).toHaveAttribute('data-status', 'pass', { timeout: 20_000 });
    await expect(step(results, 'websocket')).toHaveAttribute('data-status', 'fail');
    await expect(step(results, 'websocket')).toContainText('HTTP 404');
  } finally {
    await close(server);
  }
});

test('a wrong password fails the sign-in step with "wrong user name or password"', async ({ phones }) => {
  const phone = await phones.open('doctor-password');
  await setupAccount(phone.page, phones.account('alice', { password: 'not-the-password' }));
  const results = await runDoctorFromSettings(phone.page);
  await expect(step(results, 'websocket')).toHaveAttribute('data-status', 'pass');
  await expect(step(results, 'register')).toHaveAttribute('data-status', 'fail');
  await expect(step(results, 'register')).toContainText('Wrong user name or password');
});

test('an unreachable server (closed port) fails the connection step; later steps say why they were skipped', async ({
  phones,
}) => {
  const phone = await phones.open('doctor-closed');
  await setupAccount(phone.page, phones.account('alice', { wsUrl: 'wss://127.0.0.1:1/ws' }));
  const results = await runDoctorFromSettings(phone.page);
  await expect(step(results, 'dns')).toHaveAttribute('data-status', 'pass');
  await expect(step(results, 'tcp')).toHaveAttribute('data-status', 'fail');
  await expect(step(results, 'tcp')).toContainText('Nothing is listening at 127.0.0.1:1');
  await expect(step(results, 'tls')).toContainText('"Connection to the server" failed');
});

test('from the tray: a dead STUN server is reported, and the support bundle holds no password', async ({
  phones,
}) => {
  // A STUN server that swallows every request, as in ice-cap.spec.ts.
  const stun = createSocket('udp4');
  await new Promise<void>((ok) => stun.bind(0, '127.0.0.1', ok));
  try {
    const phone = await phones.registered('alice', {
      iceServers: [`stun:127.0.0.1:${stun.address().port}`],
      iceTimeoutMs: 500,
    });
    await phone.core.desk.onTrayItem('doctor');
    const dialog = phone.page.getByRole('dialog', { name: 'Connection doctor' });
    await expect(dialog).toBeVisible();
    const results = await finishedResults(phone.page);
    for (const id of ['dns', 'tcp', 'tls', 'websocket', 'register']) {
      await expect(step(results, id)).toHaveAttribute('data-status', 'pass');
    }
    const ice = step(results, 'ice');
    await expect(ice).toHaveAttribute('data-status', 'fail');
    await expect(ice).toContainText('did not answer');
    await expect(ice).toContainText('Calls still start quickly');
    await expect(ice).toContainText('500 ms');
    await expect(step(results, 'microphone')).toHaveAttribute('data-status', 'pass');
    await expect(step(results, 'echo')).toContainText('Not configured');
    await expect(dialog.getByTestId('doctor-report')).not.toContainText(USERS.alice);

    await dialog.getByRole('button', { name: 'Save support bundle…' }).click();
    await expect(dialog.getByRole('status')).toContainText('Support bundle saved');
    const saved = phone.ipcLog.filter((r) => r.channel === 'support:export').at(-1)?.response as {
      path: string;
      files: string[];
    };
    const files = unzipSync(new Uint8Array(await readFile(saved.path)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['logs/main.log', 'sip-trace.txt', 'system.json']),
    );
    // The doctor's REGISTER went through a digest challenge: the trace had an Authorization header.
    const trace = strFromU8(files['sip-trace.txt']!);
    expect(trace).toContain('Authorization: [redacted]');
    // The phone's own signalling is in it too: its REGISTER carries reg-id (the doctor's does not).
    expect(trace).toContain('reg-id=1');
    expect(Object.keys(files)).toContain('webrtc-stats.json');
    for (const [name, data] of Object.entries(files)) {
      expect(strFromU8(data), name).not.toContain(USERS.alice);
    }
  } finally {
    stun.close();
  }
});

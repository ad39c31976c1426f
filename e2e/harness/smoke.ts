/**
 * Dev check for the Kamailio harness: starts a real Kamailio and exercises it
 * with hand-made SIP over WSS. Run:
 *
 *   npx esbuild e2e/harness/smoke.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/smoke.mjs && node --experimental-websocket /tmp/smoke.mjs
 *
 * Exit code 0 when every check passes. Set E2E_KAMAILIO_LOG=1 to echo
 * Kamailio's output.
 */
import { request as httpsRequest } from 'node:https';
import { existsSync } from 'node:fs';
import { startKamailio, type KamailioHandle } from './kamailio';
import { openWebSocket, randomToken, SipWsEndpoint } from './sip-raw';
import { runCallChecks } from './smoke-calls';
import { check, failureCount, ms, register, registerWithAuth } from './smoke-sip';

// Node 20's global WebSocket (undici) has no per-connection CA option, so the
// smoke (and only the smoke, a separate process) accepts the self-signed cert
// globally. The raw HTTPS check below pins the cert via `ca` instead.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const USERS = { alice: 'alice-Secret1', bob: 'bob-Secret2' };

/** Raw HTTPS GET with WebSocket upgrade headers; resolves with the HTTP status. */
function upgradeGet(k: KamailioHandle, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1',
      port: k.port,
      path,
      ca: k.certPem,
      rejectUnauthorized: true,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from(randomToken(8)).toString('base64'),
        'Sec-WebSocket-Protocol': 'sip',
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 101);
    });
    req.on('error', reject);
    req.end();
  });
}

async function connect(url: string): Promise<SipWsEndpoint> {
  const r = await openWebSocket(url, ['sip']);
  if (!r.ok) throw new Error(`WebSocket to ${url} failed: ${r.error}`);
  return new SipWsEndpoint(r.ws);
}

async function main(): Promise<void> {
  if (typeof WebSocket === 'undefined') {
    throw new Error('global WebSocket missing: run with node --experimental-websocket (Node 20)');
  }
  let t0 = performance.now();
  const k = await startKamailio({ users: USERS });
  console.log(`kamailio pid ${k.pid} on ${k.wssUrl} started in ${ms(performance.now() - t0)}`);

  try {
    // (a) the /ws handshake negotiates the "sip" subprotocol.
    const a = await openWebSocket(k.wssUrl, ['sip']);
    check(
      '(a) /ws WebSocket handshake',
      a.ok && a.protocol === 'sip',
      a.ok ? `protocol=${a.protocol}, ${ms(a.ms)}` : a.error,
    );
    if (!a.ok) throw new Error('cannot continue without a WebSocket');
    const alice = new SipWsEndpoint(a.ws);

    // (b) any other path fails the handshake with HTTP 404.
    const b = await openWebSocket(k.wrongPathUrl, ['sip']);
    if (b.ok) b.ws.close();
    check('(b) /wrong-path WebSocket handshake fails', !b.ok, `${ms(b.ms)}`);
    t0 = performance.now();
    const status = await upgradeGet(k, '/wrong-path');
    check(
      '(b) raw HTTPS upgrade GET /wrong-path is 404',
      status === 404,
      `status=${status}, ${ms(performance.now() - t0)}`,
    );
    await k.waitForLog(/E2E HTTP-404 .*path=\/wrong-path/, 2_000);

    // (c) digest auth on REGISTER.
    const callId = randomToken(10);
    t0 = performance.now();
    const r1 = await register(alice, 'alice', USERS.alice, 1, callId);
    const challenge = r1.header('WWW-Authenticate') ?? '';
    check(
      '(c) REGISTER without credentials -> 401',
      r1.status === 401 && /Digest/.test(challenge),
      `${r1.status}, ${ms(performance.now() - t0)}`,
    );
    t0 = performance.now();
    const r2 = await register(alice, 'alice', USERS.alice, 2, callId, challenge);
    check(
      '(c) REGISTER with correct digest -> 200',
      r2.status === 200,
      `${r2.status}, ${ms(performance.now() - t0)}; Contact: ${r2.header('Contact') ?? '-'}`,
    );
    await k.waitForLog(/E2E REGISTER-OK .*user=alice/, 2_000);
    t0 = performance.now();
    const r3 = await register(alice, 'alice', 'wrong-password', 3, callId, challenge);
    check(
      '(c) REGISTER with wrong password -> 401/403',
      r3.status === 401 || r3.status === 403,
      `${r3.status}, ${ms(performance.now() - t0)}`,
    );

    // Calls: 480, a full dialog, and a CANCEL (see smoke-calls.ts).
    const bob = await connect(k.wssUrl);
    await runCallChecks(k, alice, bob, USERS);
    alice.close();
    bob.close();

    // kill() + restart(): same port and cert, registrations gone.
    const oldPid = k.pid;
    t0 = performance.now();
    await k.kill();
    const killMs = performance.now() - t0;
    t0 = performance.now();
    await k.restart();
    const again = await connect(k.wssUrl);
    const regMs = await registerWithAuth(again, 'bob', USERS.bob);
    again.close();
    check(
      'kill() then restart() on the same port',
      k.pid !== oldPid && !existsSync(`/proc/${oldPid}`),
      `kill ${ms(killMs)}, restart+connect ${ms(performance.now() - t0 - regMs)}, REGISTER ${ms(regMs)}`,
    );
  } finally {
    // (d) stop() leaves no process behind.
    const pid = k.pid;
    const t1 = performance.now();
    await k.stop();
    let groupGone = false;
    try {
      process.kill(-pid, 0);
    } catch {
      groupGone = true;
    }
    check(
      '(d) stop() leaves no kamailio process',
      !existsSync(`/proc/${pid}`) && groupGone,
      `pid ${pid}, ${ms(performance.now() - t1)}`,
    );
  }
}

const started = performance.now();
main()
  .catch((err: unknown) =>
    check('smoke aborted', false, err instanceof Error ? (err.stack ?? err.message) : String(err)),
  )
  .finally(() => {
    const failures = failureCount();
    console.log(
      `${failures === 0 ? 'SMOKE OK' : `SMOKE FAILED (${failures})`} in ${ms(performance.now() - started)}`,
    );
    process.exitCode = failures === 0 ? 0 : 1;
  });

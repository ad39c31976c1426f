/**
 * Starts and stops a real TURN server (Debian's coturn 4.6, `turnserver`)
 * for the TURN-only call tests.
 *
 * Why these settings:
 * - `-c <own file>`: without -c, turnserver reads /etc/turnserver.conf; the
 *   package's file must not leak into tests. The pid file and the user
 *   database live in the same temp dir (the defaults are /var/run, /var/db).
 * - Listening and relaying on 10.213.0.1 (ICE_LOOPBACK_ALIAS): that address
 *   exists only on the test namespace's `lo`; Chromium reaches it like any
 *   local address, and with `--allow-loopback-in-peer-connection` its host
 *   candidates (127.0.0.1, 10.213.0.1) are peers the relay can send to.
 * - `allow-loopback-peers`: coturn refuses peers on 127.x by default (a real
 *   server must: it would let a client reach the server's own services); a
 *   browser that is not relay-only offers its 127.0.0.1 host candidate.
 * - Long-term credentials (`lt-cred-mech`, one user, one realm): what a
 *   browser's RTCIceServer { username, credential } speaks.
 * - `no-tls`, `no-dtls`, `no-cli`: plain turn: over UDP/TCP is enough to
 *   prove relaying; no telnet CLI port.
 * - Relay ports 31000-31499: below Linux's ephemeral range (where Chromium and
 *   the harness's picked ports live) and apart from rtpengine (30000-30499)
 *   and baresip (30500-30999).
 * - `log-file=stdout` with `verbose`: every line reaches the harness, which
 *   keeps them (allocations show as "ALLOCATE processed, success").
 * Readiness is a STUN Binding request answered on the port, not a log line.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ICE_LOOPBACK_ALIAS } from './asterisk-config';
import { pickFreeUdpPort } from './kamailio';
import { sleep, spawnManaged } from './managed-process';

export const TURN_BIN = '/usr/bin/turnserver';
const READY_TIMEOUT_MS = 10_000;

export interface StartTurnOptions {
  /** Address to listen and relay on; default 10.213.0.1 (ICE_LOOPBACK_ALIAS). */
  ip?: string;
  /** Listening port (UDP and TCP); a free one is picked when omitted. */
  port?: number;
  username?: string;
  credential?: string;
  realm?: string;
}

export interface TurnHandle {
  readonly pid: number;
  /** turn:IP:PORT, for an RTCIceServer's urls (UDP). */
  readonly url: string;
  readonly username: string;
  readonly credential: string;
  readonly realm: string;
  /** Every log line so far. */
  logs(): string[];
  waitForLog(re: RegExp, timeoutMs?: number, since?: number): Promise<RegExpMatchArray>;
  /** Allocations the server granted so far (one per relay candidate a browser gathered). */
  allocations(): number;
  stop(): Promise<void>;
}

/** Whether coturn is installed (scripts/ensure-system-deps.mjs installs it for `npm test`). */
export function turnserverInstalled(): boolean {
  return existsSync(TURN_BIN);
}

/** One STUN Binding request (RFC 5389); true when a Binding success response comes back. */
export function stunPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const transaction = randomBytes(12);
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('error', () => finish(false));
    sock.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(transaction)) {
        finish(true);
      }
    });
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request
    request.writeUInt16BE(0, 2); // no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    transaction.copy(request, 8);
    sock.send(request, port, host, (err) => {
      if (err) finish(false);
    });
  });
}

export function renderTurnConfig(o: {
  ip: string;
  port: number;
  username: string;
  credential: string;
  realm: string;
  dir: string;
}): string {
  return [
    `listening-ip=${o.ip}`,
    `relay-ip=${o.ip}`,
    `listening-port=${o.port}`,
    'min-port=31000',
    'max-port=31499',
    'lt-cred-mech',
    `user=${o.username}:${o.credential}`,
    `realm=${o.realm}`,
    'fingerprint',
    'allow-loopback-peers',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    'verbose',
    'log-file=stdout',
    'simple-log',
    `pidfile=${join(o.dir, 'turnserver.pid')}`,
    `userdb=${join(o.dir, 'turndb')}`,
    '',
  ].join('\n');
}

export async function startTurn(opts: StartTurnOptions = {}): Promise<TurnHandle> {
  const ip = opts.ip ?? ICE_LOOPBACK_ALIAS;
  const username = opts.username ?? 'deskphone-turn';
  const credential = opts.credential ?? `turn-Pw-${randomBytes(6).toString('hex')}`;
  const realm = opts.realm ?? 'turn.deskphone.test';
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await pickFreeUdpPort());
    const dir = await mkdtemp(join(tmpdir(), 'deskphone-turn-'));
    const configPath = join(dir, 'turnserver.conf');
    await writeFile(configPath, renderTurnConfig({ ip, port, username, credential, realm, dir }), {
      mode: 0o600,
    });
    const proc = spawnManaged(TURN_BIN, ['-c', configPath], { name: 'turnserver', echoEnv: 'E2E_TURN_LOG' });
    proc.note(`started ${TURN_BIN} -c ${configPath} (turn:${ip}:${port})`);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready = false;
    while (Date.now() < deadline && !proc.exitInfo()) {
      if (await stunPing(ip, port, 300)) {
        ready = true;
        break;
      }
      await sleep(50);
    }
    if (!ready) {
      await proc.kill();
      await rm(dir, { recursive: true, force: true });
      const output = proc.lines().join('\n');
      if (opts.port === undefined && attempt < 3 && /address already in use|cannot bind/i.test(output))
        continue;
      throw new Error(
        `turnserver did not answer a STUN Binding request on ${ip}:${port} within ${READY_TIMEOUT_MS} ms` +
          ` (${proc.exitInfo() ?? 'killed'}); is ${ip} on lo (run through scripts/run-e2e.mjs)?` +
          `\n--- turnserver output ---\n${output}`,
      );
    }
    proc.note(`turnserver pid ${proc.pid} ready on ${ip}:${port}`);
    return {
      pid: proc.pid,
      url: `turn:${ip}:${port}`,
      username,
      credential,
      realm,
      logs: () => proc.lines(),
      waitForLog: (re, timeoutMs = 5_000, since = 0) => proc.waitForLine(re, timeoutMs, since),
      allocations: () => proc.lines().filter((line) => /ALLOCATE processed, success/.test(line)).length,
      stop: async () => {
        await proc.stop(3_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

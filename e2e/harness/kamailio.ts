/**
 * Starts and stops a real Kamailio (registrar + proxy over WSS on 127.0.0.1)
 * for end-to-end tests.
 *
 * Process model, and why:
 * - Kamailio runs in the foreground (-DD) and logs to stderr (-E), so the
 *   harness stays its parent, reads every log line, and needs no syslog.
 * - Kamailio forks worker processes. If only the main process is SIGKILLed,
 *   the workers are orphaned and KEEP LISTENING on the port (verified on
 *   5.6.3), so a restart on the same port would fail. Kamailio is therefore
 *   spawned `detached`, i.e. as the leader of its own process group, and a
 *   hard kill signals that group (`-pid`): exactly the processes this harness
 *   started, never anything found by name.
 * - A graceful stop sends SIGTERM to the main pid, which lets Kamailio stop
 *   its own workers; SIGKILL to the group follows after 3 s if it hangs.
 * - Being detached, Kamailio would not see a Ctrl-C aimed at the test run, so
 *   exit/signal hooks kill every live group before Node goes away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { generateSelfSignedCert } from './certs';
import { createSocket } from 'node:dgram';
import { renderKamailioConfig, type MediaRelayConfig } from './kamailio-config';
import { LogBook, type InfoRecord, type InviteReceipt, type ReplyRecord } from './kamailio-logs';
import { groupAlive, killGroup, settleWithin, sleep, trackGroup, untrackGroup } from './process-groups';

export type { InfoRecord, InviteReceipt, ReplyRecord } from './kamailio-logs';
export type { MediaRelayConfig } from './kamailio-config';

export interface StartKamailioOptions {
  /** username -> password; every user may REGISTER and place calls. */
  users: Record<string, string>;
  /** Fixed TLS port; a free one is picked when omitted. */
  port?: number;
  /** Directory for cert, cfg, pid file and runtime files; a temp dir by default. */
  workDir?: string;
  /**
   * Also listen for plain SIP on udp:127.0.0.1 (for baresip): true picks a
   * free port, a number fixes it. Default: WSS only.
   */
  udp?: boolean | number;
  /**
   * Relay media through rtpengine for calls to or from these plain-RTP users
   * (see startRtpengine() for `ngSocket`). Default: no relay, SDP untouched.
   */
  mediaRelay?: MediaRelayConfig;
}

export interface KamailioHandle {
  readonly port: number;
  /** wss://127.0.0.1:PORT/ws — the path on which the WebSocket upgrade is accepted. */
  wssUrl: string;
  /** wss://127.0.0.1:PORT/wrong-path — answered with HTTP 404 (Asterisk's wrong-path case). */
  wrongPathUrl: string;
  domain: '127.0.0.1';
  /** The plain-SIP UDP port on 127.0.0.1, when started with `udp`; else undefined. */
  readonly udpPort: number | undefined;
  certPem: string;
  certPath: string;
  /** Holds the cert, key and kamailio.cfg; kept after stop() for post-mortems. */
  workDir: string;
  /** Pid of the current Kamailio main process (changes on restart()). */
  readonly pid: number;
  /** Every output line seen so far, across restarts. */
  logs(): string[];
  /**
   * Resolves with the first line matching `re` at index >= `since` (default 0,
   * i.e. lines already seen count too; pass `logs().length` to wait for a new one).
   */
  waitForLog(re: RegExp, timeoutMs?: number, since?: number): Promise<RegExpMatchArray>;
  /** Initial INVITEs seen by Kamailio, from its E2E INVITE-RECEIVED lines. */
  inviteReceipts(): InviteReceipt[];
  /** Replies relayed (source 'remote') or generated (source 'local', e.g. 480). */
  replies(): ReplyRecord[];
  /** SIP INFO requests seen (either direction), optionally of one SIP Call-ID. */
  infoRequests(callId?: string): InfoRecord[];
  /**
   * DTMF digits carried by SIP INFO (application/dtmf-relay `Signal=` or
   * application/dtmf), in order, joined: e.g. '12#'. `callId` is the SIP
   * Call-ID (as in inviteReceipts()), not the app's call id.
   */
  infoDigits(callId?: string): string;
  /** Graceful stop: SIGTERM, then SIGKILL to the process group after 3 s. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL to the process group), for fault-injection tests. */
  kill(): Promise<void>;
  /** Starts again on the same port with the same cert; registrations are lost. */
  restart(): Promise<void>;
}

const KAMAILIO_BIN = 'kamailio';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

/** Asks the OS for a free port by binding :0 on loopback, then releases it. */
export async function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port from :0 bind'))));
    });
  });
}

/** Like pickFreePort() but for UDP (a TCP-free port can be UDP-busy and vice versa). */
export async function pickFreeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    sock.unref();
    sock.once('error', reject);
    sock.bind(0, '127.0.0.1', () => {
      const { port } = sock.address();
      sock.close(() => (port ? resolve(port) : reject(new Error('no port from :0 bind'))));
    });
  });
}

/** One TLS handshake against the port; true when Kamailio answers it. */
function tlsProbe(port: number, certPem: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tlsConnect({ host: '127.0.0.1', port, ca: certPem, timeout: 1_000 });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.once('secureConnect', () => done(true));
    sock.once('error', () => done(false));
    sock.once('timeout', () => done(false));
  });
}

export async function startKamailio(opts: StartKamailioOptions): Promise<KamailioHandle> {
  const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'e2e-kamailio-')));
  const cert = await generateSelfSignedCert(workDir);
  const book = new LogBook();
  const cfgPath = join(workDir, 'kamailio.cfg');
  const pidFile = join(workDir, 'kamailio.pid');

  let port = opts.port ?? (await pickFreePort());
  let udpPort =
    opts.udp === undefined || opts.udp === false
      ? undefined
      : typeof opts.udp === 'number'
        ? opts.udp
        : await pickFreeUdpPort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  /** Spawns Kamailio on `port` and resolves once a TLS handshake succeeds. */
  const launch = async (): Promise<void> => {
    const cfg = renderKamailioConfig({
      port,
      certPath: cert.certPath,
      keyPath: cert.keyPath,
      users: opts.users,
      domain: '127.0.0.1',
      udpPort,
      mediaRelay: opts.mediaRelay,
    });
    await writeFile(cfgPath, cfg, 'utf8');
    book.push(
      `[harness] starting kamailio on tls:127.0.0.1:${port}` +
        (udpPort ? ` and udp:127.0.0.1:${udpPort}` : ''),
    );
    const firstLine = book.lines.length;
    const proc = spawn(KAMAILIO_BIN, ['-f', cfgPath, '-DD', '-E', '-P', pidFile, '-Y', workDir], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let exitInfo: string | undefined;
    exited = new Promise<void>((resolve) => {
      const onGone = (info: string): void => {
        if (exitInfo) return;
        exitInfo = info;
        book.flush();
        book.push(`[harness] kamailio pid ${proc.pid ?? '?'} ${info}`);
        if (proc.pid) untrackGroup(proc.pid);
        resolve();
      };
      proc.once('exit', (code, signal) => onGone(`exited (code=${code} signal=${signal})`));
      // A spawn failure (e.g. kamailio not installed) emits 'error' and no 'exit'.
      proc.once('error', (err) => onGone(`failed to spawn: ${err.message}`));
    });
    proc.stdout?.on('data', (d: Buffer) => book.feed(d));
    proc.stderr?.on('data', (d: Buffer) => book.feed(d));
    if (proc.pid) trackGroup(proc.pid);

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exitInfo) break;
      if (await tlsProbe(port, cert.certPem)) {
        book.push(`[harness] kamailio pid ${proc.pid} ready on port ${port}`);
        return;
      }
      await sleep(50);
    }
    // Sweep the group even if the main process already died: its workers
    // could otherwise linger on the port.
    if (proc.pid) killGroup(proc.pid);
    await settleWithin(exited, 1_000);
    const output = book.lines.slice(firstLine).join('\n');
    throw new Error(
      (exitInfo
        ? `kamailio ${exitInfo} before accepting TLS on 127.0.0.1:${port}`
        : `kamailio did not accept TLS on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms (killed)`) +
        `; cfg: ${cfgPath}\n--- kamailio output ---\n${output}`,
    );
  };

  // An auto-picked port can be taken between the probe bind and Kamailio's
  // bind; retry with a new port a couple of times before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      const autoPicked = opts.port === undefined || opts.udp === true;
      if (!autoPicked || attempt >= 3) throw err;
      if (opts.port === undefined) port = await pickFreePort();
      if (opts.udp === true) udpPort = await pickFreeUdpPort();
    }
  }

  const terminate = async (gracefulMs: number): Promise<void> => {
    const proc = child;
    if (!proc?.pid) return;
    const pid = proc.pid;
    const running = proc.exitCode === null && proc.signalCode === null;
    if (running && gracefulMs > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await settleWithin(exited, gracefulMs);
    }
    // Sweep the group after a hard kill, a hung SIGTERM, or a main process
    // that died before its workers: orphaned workers keep the port bound.
    if (groupAlive(pid)) killGroup(pid);
    await exited;
    untrackGroup(pid);
  };

  const handle: KamailioHandle = {
    get port() {
      return port;
    },
    get wssUrl() {
      return `wss://127.0.0.1:${port}/ws`;
    },
    get wrongPathUrl() {
      return `wss://127.0.0.1:${port}/wrong-path`;
    },
    domain: '127.0.0.1',
    get udpPort() {
      return udpPort;
    },
    certPem: cert.certPem,
    certPath: cert.certPath,
    workDir,
    get pid() {
      return child?.pid ?? -1;
    },
    logs: () => book.snapshot(),
    waitForLog: (re, timeoutMs = 5_000, since = 0) => book.waitFor(re, timeoutMs, since),
    inviteReceipts: () => book.inviteReceipts(),
    replies: () => book.replies(),
    infoRequests: (callId) => book.infoRequests(callId),
    infoDigits: (callId) => book.infoDigits(callId),
    stop: () => terminate(STOP_GRACE_MS),
    kill: () => terminate(0),
    restart: async () => {
      await terminate(STOP_GRACE_MS);
      book.push('[harness] restart');
      // Kamailio 5.6 now and then aborts while setting up TLS (a double free in
      // tls_init.c, "core was generated"); a second start on the same port works.
      await launch().catch(async (error: unknown) => {
        book.push(`[harness] restart failed, starting once more: ${String(error).split('\n')[0]}`);
        await launch();
      });
    },
  };
  return handle;
}

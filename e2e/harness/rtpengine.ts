/**
 * Starts and stops a real rtpengine (Debian's rtpengine-daemon 10.5) as a
 * media relay between the browser's WebRTC media (ICE, DTLS-SRTP, AVPF,
 * rtcp-mux) and a plain-RTP far end (baresip), for end-to-end tests.
 *
 * Why these options:
 * - `--table=-1`: userspace forwarding only; no kernel module, no iptables.
 * - `--foreground --log-stderr`: the harness stays the parent and reads every
 *   log line; nothing goes to syslog. `--config-file=none`: the package's
 *   /etc/rtpengine/rtpengine.conf must not leak into tests.
 * - `--interface=127.0.0.1`: media on loopback only.
 * - ng control on udp:127.0.0.1:<free port>: Kamailio's rtpengine module talks
 *   to it (see kamailio-config.ts, `mediaRelay`).
 * - Media ports 30000-30499 by default: below Linux's ephemeral range
 *   (32768-60999), where Chromium and the harness's auto-picked ports live,
 *   and apart from baresip's default RTP range (30500-30999, baresip.ts).
 *   rtpengine skips a port it cannot bind, so a clash costs nothing.
 * Readiness is an ng "ping" answered with "pong", not a log line.
 */
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { pickFreeUdpPort } from './kamailio';
import { sleep, spawnManaged, type ManagedProcess } from './managed-process';

export interface StartRtpengineOptions {
  /** ng control port on 127.0.0.1 (UDP); a free one is picked when omitted. */
  ngPort?: number;
  /** Media port range; default 30000-30499. */
  portMin?: number;
  portMax?: number;
  /** rtpengine log level (syslog numbers); default 6 (info: call set-up and teardown). */
  logLevel?: number;
}

export interface RtpengineHandle {
  readonly pid: number;
  readonly ngPort: number;
  /** For Kamailio's `mediaRelay.ngSocket`: 'udp:127.0.0.1:PORT'. */
  readonly ngSocket: string;
  logs(): string[];
  waitForLog(re: RegExp, timeoutMs?: number, since?: number): Promise<RegExpMatchArray>;
  /** Sends an ng ping; true when rtpengine answers pong within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** SIGTERM, then SIGKILL to its process group after 3 s. */
  stop(): Promise<void>;
}

const BIN = 'rtpengine';
const READY_TIMEOUT_MS = 10_000;

/** One ng ping over UDP (bencode: d7:command4:pinge → d6:result4:ponge). */
export function ngPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const cookie = randomBytes(6).toString('hex');
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
      const text = msg.toString();
      if (text.startsWith(`${cookie} `)) finish(text.includes('4:pong'));
    });
    sock.send(`${cookie} d7:command4:pinge`, port, '127.0.0.1', (err) => {
      if (err) finish(false);
    });
  });
}

export async function startRtpengine(opts: StartRtpengineOptions = {}): Promise<RtpengineHandle> {
  const portMin = opts.portMin ?? 30000;
  const portMax = opts.portMax ?? 30499;
  for (let attempt = 1; ; attempt++) {
    const ngPort = opts.ngPort ?? (await pickFreeUdpPort());
    const args = [
      '--config-file=none',
      '--table=-1',
      '--foreground',
      '--log-stderr',
      `--log-level=${opts.logLevel ?? 6}`,
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      `--port-min=${portMin}`,
      `--port-max=${portMax}`,
      // Two worker threads are plenty for a test and light on 2 cores.
      '--num-threads=2',
      // Forget a deleted call at once (default 30 s keeps it around).
      '--delete-delay=0',
    ];
    const proc: ManagedProcess = spawnManaged(BIN, args, { name: 'rtpengine', echoEnv: 'E2E_RTPENGINE_LOG' });
    proc.note(`started ${BIN} ${args.join(' ')}`);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let ready = false;
    while (Date.now() < deadline && !proc.exitInfo()) {
      if (await ngPing(ngPort, 300)) {
        ready = true;
        break;
      }
      await sleep(50);
    }
    if (!ready) {
      await proc.kill();
      const output = proc.lines().join('\n');
      // A port grabbed between the probe and rtpengine's bind: try another.
      if (opts.ngPort === undefined && attempt < 3 && /address already in use/i.test(output)) continue;
      throw new Error(
        `rtpengine did not answer an ng ping on udp:127.0.0.1:${ngPort} within ${READY_TIMEOUT_MS} ms` +
          ` (${proc.exitInfo() ?? 'killed'}); is rtpengine-daemon installed?\n--- rtpengine output ---\n${output}`,
      );
    }
    proc.note(`rtpengine pid ${proc.pid} ready, ng on udp:127.0.0.1:${ngPort}`);
    return {
      pid: proc.pid,
      ngPort,
      ngSocket: `udp:127.0.0.1:${ngPort}`,
      logs: () => proc.lines(),
      waitForLog: (re, timeoutMs = 5_000, since = 0) => proc.waitForLine(re, timeoutMs, since),
      ping: (timeoutMs = 500) => ngPing(ngPort, timeoutMs),
      stop: () => proc.stop(3_000),
    };
  }
}

/**
 * Starts and stops a real Asterisk 22 (the prebuilt, relocatable build found
 * by asterisk-build.ts) for end-to-end tests: SIP over WS and WSS on
 * 127.0.0.1, WebRTC endpoints, a dialplan with echo, tones, silence, a DTMF
 * reader, busy, congestion and hang-up cases (asterisk-config.ts).
 *
 * Process model: Asterisk runs in the foreground (-f, no console) as a
 * detached child of the test process (managed-process.ts), so only the pid we
 * started is ever signalled. Its console output is kept and parsed: with
 * `pjsip set logger on` every SIP message is in it (asterisk-sip-log.ts).
 *
 * Media: Asterisk never offers a loopback ICE candidate; the run's private
 * network namespace has ICE_LOOPBACK_ALIAS on `lo`, which rtp.conf maps to
 * 127.0.0.1. Outside such a namespace media would not flow, so start() refuses.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { locateAsterisk, type AsteriskBuild, type Located } from './asterisk-build';
import {
  ICE_LOOPBACK_ALIAS,
  renderAsteriskConfig,
  type AsteriskEndpoint,
  type AsteriskLayout,
} from './asterisk-config';
import { SipLogBook, type SipRecord } from './asterisk-sip-log';
import { prepareDataDir } from './asterisk-sounds';
import { generateSelfSignedCert } from './certs';
import { pickFreePort, pickFreeUdpPort } from './kamailio';
import { sleep, spawnManaged, type ManagedProcess } from './managed-process';

export { EXTENSIONS, type AsteriskEndpoint } from './asterisk-config';
export { inboxDir } from './asterisk-sounds';
export type { SipRecord } from './asterisk-sip-log';

const execFileAsync = promisify(execFile);
const READY_TIMEOUT_MS = 20_000;

export interface AsteriskHandle {
  readonly build: AsteriskBuild;
  domain: '127.0.0.1';
  /** wss://127.0.0.1:TLS/ws: what a user types (Asterisk serves the WebSocket at /ws only). */
  wssUrl: string;
  /** Same server, a path Asterisk answers with HTTP 404. */
  wrongPathUrl: string;
  certPem: string;
  workDir: string;
  readonly pid: number;
  /** Every console line so far, across restarts. */
  logs(): string[];
  /** First console line matching `re` at index >= since (default: lines seen so far count). */
  waitForLog(re: RegExp, timeoutMs?: number, since?: number): Promise<RegExpMatchArray>;
  /** Every SIP message Asterisk received or sent so far. */
  sip: SipLogBook;
  /** Runs one CLI command (`asterisk -rx`) and returns its output. */
  cli(command: string): Promise<string>;
  /** Digits the DTMF reader extension logged for this endpoint, in order. */
  dtmfDigits(endpoint: string): string;
  stop(): Promise<void>;
  /**
   * Stops, stays down for `downForMs` (default 0), and starts again on the
   * same ports with the same certificate; resolves once it listens, with the
   * moment its WebSocket port first accepted a TLS connection again.
   */
  restart(downForMs?: number): Promise<{ listeningAt: number }>;
}

export interface StartAsteriskOptions {
  endpoints: AsteriskEndpoint[];
  /** Which Asterisk and which SIP channel driver; default Asterisk 22 with PJSIP. */
  variant?: AsteriskVariant;
}

/** A build and the configuration it runs with (asterisk-chansip-config.ts has the chan_sip one). */
export interface AsteriskVariant {
  locate(): Located;
  render(layout: Omit<AsteriskLayout, 'endpoints'>): Record<string, string>;
  /** The CLI command that makes Asterisk print every SIP message on its console. */
  sipLogger: string;
}

function pjsipVariant(endpoints: AsteriskEndpoint[]): AsteriskVariant {
  return {
    locate: locateAsterisk,
    render: (layout) => renderAsteriskConfig({ ...layout, endpoints }),
    sipLogger: 'pjsip set logger on',
  };
}

/** The address rtp.conf maps to 127.0.0.1 must exist, or Asterisk offers no usable ICE candidate. */
function loopbackAliasPresent(): boolean {
  return Object.values(networkInterfaces())
    .flat()
    .some((info) => info?.address === ICE_LOOPBACK_ALIAS);
}

function tlsAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    // A polite close (close_notify, FIN), so Asterisk does not log an SSL error for every probe.
    socket.once('secureConnect', () => {
      socket.end(() => resolve(true));
      setTimeout(() => done(true), 200).unref();
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export async function startAsterisk(options: StartAsteriskOptions): Promise<AsteriskHandle> {
  const variant = options.variant ?? pjsipVariant(options.endpoints);
  const located = variant.locate();
  if (!located.ok) throw new Error(`Asterisk is not available: ${located.reason}`);
  if (!loopbackAliasPresent()) {
    throw new Error(
      `Asterisk needs ${ICE_LOOPBACK_ALIAS} on lo inside the test's private network namespace ` +
        '(scripts/run-e2e.mjs adds it when run as root); without it no media can flow.',
    );
  }
  const build = located.build;
  const workDir = await mkdtemp(join(tmpdir(), 'e2e-asterisk-'));
  const etcDir = join(workDir, 'etc');
  for (const sub of ['etc', 'lib', 'db', 'keys', 'spool', 'run', 'log', 'moh']) {
    await mkdir(join(workDir, sub), { recursive: true });
  }
  const cert = await generateSelfSignedCert(join(workDir, 'keys'));
  await prepareDataDir(join(workDir, 'data'), build.dataDir);
  const ports = { http: await pickFreePort(), tls: await pickFreePort(), udp: await pickFreeUdpPort() };
  const files = variant.render({
    etcDir,
    modulesDir: build.modulesDir,
    dataDir: join(workDir, 'data'),
    varDir: workDir,
    httpPort: ports.http,
    tlsPort: ports.tls,
    udpPort: ports.udp,
    certPath: cert.certPath,
    keyPath: cert.keyPath,
  });
  for (const [name, text] of Object.entries(files)) await writeFile(join(etcDir, name), text, 'utf8');
  const confPath = join(etcDir, 'asterisk.conf');
  const env = { ...process.env, LD_LIBRARY_PATH: build.libDir };

  const lines: string[] = [];
  const sip = new SipLogBook();
  let flushTimer: NodeJS.Timeout | undefined;
  let proc: ManagedProcess | undefined;
  let listeningAt = 0;

  const cli = async (command: string): Promise<string> => {
    const { stdout } = await execFileAsync(build.binary, ['-C', confPath, '-rx', command], {
      env,
      timeout: 10_000,
    });
    return stdout;
  };

  const launch = async (): Promise<void> => {
    const started = spawnManaged(build.binary, ['-C', confPath, '-f', '-n', '-vvv'], {
      name: 'asterisk',
      env,
      echoEnv: 'E2E_ASTERISK',
    });
    proc = started;
    const firstLine = lines.length;
    started.onLine((line) => {
      lines.push(line);
      sip.feed(line);
      clearTimeout(flushTimer);
      flushTimer = setTimeout(() => sip.flush(), 30);
    });
    // Probe from the first moment: a phone may reconnect before Asterisk prints "Ready",
    // and restart() reports when the socket really began to answer.
    listeningAt = 0;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const probing = (async () => {
      while (!listeningAt && !started.exitInfo() && Date.now() < deadline) {
        if (await tlsAnswers(ports.tls)) listeningAt = Date.now();
        else await sleep(25);
      }
    })();
    await started.waitForLine(/Asterisk Ready/, READY_TIMEOUT_MS);
    await probing;
    if (!listeningAt) {
      await started.kill();
      throw new Error(
        `Asterisk did not accept TLS on 127.0.0.1:${ports.tls}; config in ${etcDir}\n` +
          lines.slice(firstLine).slice(-40).join('\n'),
      );
    }
    await cli(variant.sipLogger);
    started.note(`asterisk pid ${started.pid} ready: wss 127.0.0.1:${ports.tls}, ws ${ports.http}`);
  };

  await launch();

  const stop = async (): Promise<void> => {
    clearTimeout(flushTimer);
    // SIGTERM makes Asterisk end its calls and close its sockets; the group is killed if it hangs.
    await proc?.stop(5_000);
  };

  return {
    build,
    domain: '127.0.0.1',
    wssUrl: `wss://127.0.0.1:${ports.tls}/ws`,
    wrongPathUrl: `wss://127.0.0.1:${ports.tls}/wrong-path`,
    certPem: cert.certPem,
    workDir,
    get pid() {
      return proc?.pid ?? -1;
    },
    logs: () => [...lines],
    waitForLog: async (re, timeoutMs = 5_000, since = 0) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (let i = since; i < lines.length; i++) {
          const m = lines[i]!.match(re);
          if (m) return m;
        }
        if (Date.now() > deadline) throw new Error(`no Asterisk log line matched ${re} in ${timeoutMs} ms`);
        await sleep(25);
      }
    },
    sip,
    cli,
    dtmfDigits: (endpoint) =>
      lines
        // The NOTICE line itself ("… @ phones: DESKPHONE-DTMF …"), not the verbose "Executing Log(…)" echo of it.
        .map((line) => new RegExp(`: DESKPHONE-DTMF ${endpoint} (\\S)`).exec(line)?.[1])
        .filter((d): d is string => Boolean(d))
        .join(''),
    stop,
    restart: async (downForMs = 0) => {
      await stop();
      if (downForMs > 0) await sleep(downForMs);
      await launch();
      return { listeningAt };
    },
  };
}

/** Requests of one method that Asterisk received, optionally only those of one Call-ID. */
export function received(records: SipRecord[], method: string, callId?: string): SipRecord[] {
  return records.filter(
    (r) => r.direction === 'in' && r.status === 0 && r.method === method && (!callId || r.callId === callId),
  );
}

/**
 * A machine far end for end-to-end tests: baresip 1.0 (Debian's baresip-core)
 * registered to the test Kamailio over plain UDP SIP as one user (default
 * `echo`). Its `echo` module answers every call at once and loops the caller's
 * audio back, and baresip logs every DTMF digit it receives:
 * - RFC 4733 (RTP telephone-event): `received event: '5' (end=0)`, then the
 *   same with end=1 when the digit ends;
 * - SIP INFO (application/dtmf-relay): `call: received DTMF: '5' (duration=...)`.
 * digits() and infoDigits() turn those lines into strings, in arrival order.
 *
 * baresip cannot take a browser's media itself (its ICE skips loopback
 * addresses, and it has no WebRTC profile), so calls between the browser and
 * baresip must go through rtpengine: start Kamailio with
 * `mediaRelay: { ngSocket, users: ['echo'] }` (see far-end.ts, which wires it
 * all up).
 *
 * Config (in a temp dir, `baresip -f DIR`):
 * - `net_interface 127.0.0.1` and `sip_listen 127.0.0.1:PORT`: loopback only
 *   (in the test's network namespace baresip finds no other address anyway).
 * - RTP on 30500-30999 (apart from rtpengine's 30000-30499 and below the
 *   ephemeral range), `rtcp_mux no` (rtpengine demuxes RTCP for it).
 * - Audio modules: g711 and opus; the account answers with G.711 only by
 *   default (see `audioCodecs` for why). `aubridge` as source and player,
 *   which the echo module uses to loop the call's audio (no sound card).
 *   Quirk: after a hold/resume re-INVITE baresip 1.0 stops sending audio
 *   (the echo goes silent for the rest of the call) but still receives and
 *   still logs DTMF.
 * - App modules: account (reads the accounts file) and echo. No stdio/menu:
 *   baresip runs without a terminal (stdin is /dev/null).
 * Output: baresip prints with stdio, which is block-buffered on a pipe, so it
 * runs under `stdbuf -oL -eL` (coreutils) to get each line when it is printed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickFreeUdpPort } from './kamailio';
import { spawnManaged, type ManagedProcess } from './managed-process';

export interface StartBaresipOptions {
  /** SIP user (must exist in Kamailio's users with `password`); default 'echo'. */
  user?: string;
  password: string;
  /** Kamailio's plain-SIP UDP port on 127.0.0.1 (KamailioHandle.udpPort). */
  registrarPort: number;
  /** SIP domain; default '127.0.0.1' (the harness's domain). */
  domain?: string;
  /** baresip's own SIP port on 127.0.0.1; a free one by default. */
  sipPort?: number;
  /** RTP port range; default [30500, 30999]. */
  rtpPorts?: [number, number];
  /** Directory for config, accounts and uuid; a temp dir by default. */
  workDir?: string;
  /** How long to wait for the 200 OK to REGISTER; default 10 s. */
  registerTimeoutMs?: number;
  /**
   * Codecs baresip may answer with (baresip names, in preference order);
   * default ['pcmu', 'pcma']. Why not opus: baresip 1.0 only knows
   * telephone-event/8000, and Chromium, when it sends opus/48000 with an
   * 8 kHz telephone-event, ends every digit after one 20 ms packet (it
   * measures the tone in 48 kHz ticks against an 8 kHz length) and sends only
   * the three end packets; baresip then reports the first digit of a call and
   * none after it. With G.711 both clocks are 8 kHz and every digit arrives.
   * Pass ['opus', 'pcmu', 'pcma'] to reproduce that case.
   */
  audioCodecs?: string[];
  /** Extra config lines appended to baresip's config (advanced). */
  extraConfig?: string[];
}

export interface DtmfEvent {
  digit: string;
  /** Index of the log line that reported the digit (see logs()). */
  line: number;
  /** Date.now() when the harness read that line. */
  at: number;
}

export interface BaresipHandle {
  readonly pid: number;
  readonly user: string;
  /** The SIP address to dial from the app: 'echo' (same domain) or this in full. */
  readonly aor: string;
  readonly sipPort: number;
  readonly workDir: string;
  logs(): string[];
  waitForLog(re: RegExp, timeoutMs?: number, since?: number): Promise<RegExpMatchArray>;
  /** RFC 4733 digits received since start or the last reset(), in order: e.g. '12#'. */
  digits(): string;
  /** The same digits with when each was seen. */
  dtmfEvents(): DtmfEvent[];
  /** Digits received as SIP INFO (application/dtmf-relay) since start or reset(). */
  infoDigits(): string;
  /**
   * Resolves once the digits since start or reset() equal `expected`
   * (source 'rtp', the default: RFC 4733; 'info': SIP INFO); rejects as soon
   * as they can no longer match (a wrong or extra digit), or after
   * `timeoutMs` (default 5 s), with what did arrive and baresip's last lines.
   */
  waitForDigits(expected: string, timeoutMs?: number, opts?: { source?: 'rtp' | 'info' }): Promise<void>;
  /** Calls established since start ("Call established" lines; reset() does not clear it). */
  establishedCalls(): number;
  /** Forgets the digits received so far (call between tests that share one baresip). */
  reset(): void;
  /** SIGTERM (baresip unregisters), then SIGKILL to its group after 3 s. */
  stop(): Promise<void>;
}

const BIN = 'baresip';
const MODULE_DIR = '/usr/lib/baresip/modules';

export const RTP_EVENT_RE = /received event: '(.)' \(end=([01])\)/;
export const INFO_DTMF_RE = /call: received DTMF: '(.)'/;
const REGISTER_OK_RE = /\{\d+\/UDP\/v4\} 200 OK .*\[\d+ bindings?\]/;
const REGISTER_FAIL_RE = /\{\d+\/UDP\/v4\} (?:[3-6]\d\d) |reg: .*(?:failed|error)/i;

/**
 * Turns baresip output lines into RFC 4733 digits. A digit counts once: at
 * its start (end=0), or at its end (end=1) when the start was not seen;
 * repeated start or end lines of the same tone are ignored, and the same
 * digit twice in a row ('11') counts twice because an end line separates them.
 */
export class DtmfLineParser {
  readonly rtp: DtmfEvent[] = [];
  readonly info: DtmfEvent[] = [];
  private active: string | null = null;

  feed(line: string, index: number, at = Date.now()): void {
    const ev = RTP_EVENT_RE.exec(line);
    if (ev) {
      const digit = ev[1] ?? '';
      const end = ev[2] === '1';
      if (!end) {
        if (this.active !== digit) this.rtp.push({ digit, line: index, at });
        this.active = digit;
      } else {
        if (this.active !== digit) this.rtp.push({ digit, line: index, at });
        this.active = null;
      }
      return;
    }
    const info = INFO_DTMF_RE.exec(line);
    if (info) this.info.push({ digit: info[1] ?? '', line: index, at });
  }

  reset(): void {
    this.rtp.length = 0;
    this.info.length = 0;
    this.active = null;
  }
}

function renderConfig(o: { sipPort: number; rtpPorts: [number, number]; extra: string[] }): string {
  const lines = [
    '# Generated by e2e/harness/baresip.ts; do not edit by hand.',
    'poll_method\tepoll',
    `sip_listen\t127.0.0.1:${o.sipPort}`,
    'net_interface\t127.0.0.1',
    `rtp_ports\t${o.rtpPorts[0]}-${o.rtpPorts[1]}`,
    'rtcp_mux\tno',
    'call_max_calls\t8',
    'audio_player\taubridge,nil',
    'audio_source\taubridge,nil',
    'audio_alert\taubridge,nil',
    `module_path\t${MODULE_DIR}`,
    'module\tg711.so',
    'module\topus.so',
    'module\taubridge.so',
    'module_tmp\tuuid.so',
    'module_tmp\taccount.so',
    'module_app\techo.so',
    ...o.extra,
  ];
  return `${lines.join('\n')}\n`;
}

/** Password characters that need no escaping in baresip's accounts line. */
const PASSWORD_RE = /^[A-Za-z0-9._~!$%&*+,:=@^-]+$/;

export async function startBaresip(opts: StartBaresipOptions): Promise<BaresipHandle> {
  const user = opts.user ?? 'echo';
  const domain = opts.domain ?? '127.0.0.1';
  if (!/^[A-Za-z0-9._~-]+$/.test(user)) throw new Error(`unsupported baresip user: ${user}`);
  if (!PASSWORD_RE.test(opts.password)) throw new Error(`unsupported baresip password for ${user}`);
  const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'e2e-baresip-')));
  const rtpPorts = opts.rtpPorts ?? [30500, 30999];
  const registerTimeoutMs = opts.registerTimeoutMs ?? 10_000;
  const audioCodecs = opts.audioCodecs ?? ['pcmu', 'pcma'];
  if (!audioCodecs.every((c) => /^[A-Za-z0-9/._-]+$/.test(c)))
    throw new Error(`unsupported codec list: ${audioCodecs}`);
  // The account: UDP to Kamailio's plain-SIP port; re-register every 10 min.
  const account =
    `<sip:${user}@${domain};transport=udp>;auth_user=${user};auth_pass=${opts.password}` +
    `;outbound="sip:127.0.0.1:${opts.registrarPort};transport=udp";regint=600;answermode=auto` +
    `;audio_codecs=${audioCodecs.join(',')}\n`;
  await writeFile(join(workDir, 'accounts'), account, 'utf8');
  // Empty contacts file: otherwise baresip writes a template with example contacts.
  await writeFile(join(workDir, 'contacts'), '', 'utf8');

  const stdbuf = existsSync('/usr/bin/stdbuf') ? '/usr/bin/stdbuf' : null;
  for (let attempt = 1; ; attempt++) {
    const sipPort = opts.sipPort ?? (await pickFreeUdpPort());
    await writeFile(
      join(workDir, 'config'),
      renderConfig({ sipPort, rtpPorts, extra: opts.extraConfig ?? [] }),
      'utf8',
    );
    // -v (debug output) on demand: very chatty, but shows SDP and RTP details.
    const args = ['-f', workDir, ...(process.env.E2E_BARESIP_VERBOSE ? ['-v'] : [])];
    const proc: ManagedProcess = stdbuf
      ? spawnManaged(stdbuf, ['-oL', '-eL', BIN, ...args], { name: 'baresip', echoEnv: 'E2E_BARESIP_LOG' })
      : spawnManaged(BIN, args, { name: 'baresip', echoEnv: 'E2E_BARESIP_LOG' });
    proc.note(
      `started ${BIN} -f ${workDir} (sip 127.0.0.1:${sipPort}, registrar udp:127.0.0.1:${opts.registrarPort})`,
    );

    const parser = new DtmfLineParser();
    let established = 0;
    proc.onLine((line, index) => {
      parser.feed(line, index);
      if (/: Call established: /.test(line)) established++;
    });

    try {
      const result = await Promise.race([
        proc.waitForLine(REGISTER_OK_RE, registerTimeoutMs).then(() => 'ok' as const),
        proc.waitForLine(REGISTER_FAIL_RE, registerTimeoutMs).then((m) => m[0]),
      ]);
      if (result !== 'ok') throw new Error(`baresip registration failed: ${result}`);
    } catch (err) {
      await proc.kill();
      const output = proc.lines().join('\n');
      if (opts.sipPort === undefined && attempt < 3 && /address already in use/i.test(output)) continue;
      throw new Error(
        `baresip (${user}) did not register to udp:127.0.0.1:${opts.registrarPort}: ${(err as Error).message.split('\n')[0]}` +
          `; config in ${workDir}\n--- baresip output ---\n${output}`,
        { cause: err },
      );
    }
    proc.note(`baresip pid ${proc.pid} registered as ${user}@${domain}`);

    const digitsOf = (events: DtmfEvent[]): string => events.map((e) => e.digit).join('');
    const handle: BaresipHandle = {
      pid: proc.pid,
      user,
      aor: `${user}@${domain}`,
      sipPort,
      workDir,
      logs: () => proc.lines(),
      waitForLog: (re, timeoutMs = 5_000, since = 0) => proc.waitForLine(re, timeoutMs, since),
      digits: () => digitsOf(parser.rtp),
      dtmfEvents: () => [...parser.rtp],
      infoDigits: () => digitsOf(parser.info),
      establishedCalls: () => established,
      async waitForDigits(expected, timeoutMs = 5_000, o = {}) {
        const current = (): string => digitsOf(o.source === 'info' ? parser.info : parser.rtp);
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const got = current();
          if (got === expected) return;
          if (!expected.startsWith(got) || Date.now() >= deadline || proc.exitInfo()) {
            const why = !expected.startsWith(got)
              ? 'unexpected digits'
              : proc.exitInfo()
                ? `baresip ${proc.exitInfo()}`
                : `timeout after ${timeoutMs} ms`;
            throw new Error(
              `baresip (${o.source ?? 'rtp'}) digits: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)} (${why}); last lines:\n` +
                proc.lines().slice(-25).join('\n'),
            );
          }
          await new Promise((r) => setTimeout(r, 25));
        }
      },
      reset: () => parser.reset(),
      stop: () => proc.stop(3_000),
    };
    return handle;
  }
}

/**
 * A foreground server process that the harness started and therefore owns:
 * its output lines (stdout and stderr, in arrival order), a wait-for-line
 * helper, and a stop that only ever signals this process and its own group.
 *
 * Same process model as kamailio.ts (which keeps its own copy for historical
 * reasons): the child is spawned `detached`, i.e. as the leader of a new
 * process group, so a hard kill can sweep anything it forked (`kill(-pid)`)
 * without touching any other process on the machine; exit hooks kill every
 * group still alive when Node exits or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { groupAlive, killGroup, settleWithin, sleep, trackGroup, untrackGroup } from './process-groups';

export { settleWithin, sleep };

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Every output line so far (harness notes start with "[harness]"). */
  lines(): string[];
  /**
   * Resolves with the first line matching `re` at index >= `since` (lines
   * already seen count); rejects after `timeoutMs`, or as soon as the process
   * exits, with the last output lines in the message.
   */
  waitForLine(re: RegExp, timeoutMs: number, since?: number): Promise<RegExpMatchArray>;
  /** Called for each new output line (after it is stored). */
  onLine(listener: (line: string, index: number) => void): void;
  /** Describes how the process ended ("exited (code=0 signal=null)"), or undefined while it runs. */
  exitInfo(): string | undefined;
  /** Resolves when the process has exited (or failed to spawn). */
  readonly exited: Promise<void>;
  /** SIGTERM to the pid, then SIGKILL to its group after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the group at once. */
  kill(): Promise<void>;
  /** Adds a "[harness] ..." line to the output record. */
  note(text: string): void;
}

export interface SpawnManagedOptions {
  /** Short label for messages and for echoing output (e.g. 'rtpengine'). */
  name: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** When this environment variable is set, output lines are echoed to stderr as "[name] line". */
  echoEnv?: string;
}

/** Strips ANSI colour sequences (baresip colours its warnings). */
function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

interface Waiter {
  re: RegExp;
  since: number;
  resolve: (m: RegExpMatchArray) => void;
  reject: (e: Error) => void;
}

export function spawnManaged(bin: string, args: string[], opts: SpawnManagedOptions): ManagedProcess {
  const lines: string[] = [];
  const listeners: Array<(line: string, index: number) => void> = [];
  const waiters = new Set<Waiter>();
  const partial = { stdout: '', stderr: '' };
  let exitInfo: string | undefined;

  const tail = (): string => lines.slice(-30).join('\n');

  const push = (raw: string): void => {
    const line = stripAnsi(raw.replace(/\r$/, ''));
    const index = lines.length;
    lines.push(line);
    if (opts.echoEnv && process.env[opts.echoEnv]) process.stderr.write(`[${opts.name}] ${line}\n`);
    for (const l of listeners) l(line, index);
    for (const w of waiters) {
      if (index < w.since) continue;
      const m = line.match(w.re);
      if (m) {
        waiters.delete(w);
        w.resolve(m);
      }
    }
  };

  const feed = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
    const parts = (partial[stream] + chunk.toString()).split('\n');
    partial[stream] = parts.pop() ?? '';
    for (const line of parts) push(line);
  };

  const proc: ChildProcess = spawn(bin, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = proc.pid ?? -1;
  if (proc.pid) trackGroup(proc.pid);
  proc.stdout?.on('data', (d: Buffer) => feed('stdout', d));
  proc.stderr?.on('data', (d: Buffer) => feed('stderr', d));

  const exited = new Promise<void>((resolve) => {
    const onGone = (info: string): void => {
      if (exitInfo) return;
      for (const stream of ['stdout', 'stderr'] as const) {
        if (partial[stream]) push(partial[stream]);
        partial[stream] = '';
      }
      exitInfo = info;
      push(`[harness] ${opts.name} pid ${pid} ${info}`);
      if (proc.pid) untrackGroup(proc.pid);
      for (const w of waiters) {
        w.reject(new Error(`${opts.name} ${info} while waiting for ${w.re}; last lines:\n${tail()}`));
      }
      waiters.clear();
      resolve();
    };
    // 'close' (not 'exit') so that the last output has been read.
    proc.once('close', (code, signal) => onGone(`exited (code=${code} signal=${signal})`));
    proc.once('error', (err) => onGone(`failed to spawn: ${err.message}`));
  });

  const terminate = async (graceMs: number): Promise<void> => {
    if (pid <= 0) return;
    const running = proc.exitCode === null && proc.signalCode === null;
    if (running && graceMs > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await settleWithin(exited, graceMs);
    }
    if (groupAlive(pid)) killGroup(pid);
    await settleWithin(exited, 2_000);
    untrackGroup(pid);
  };

  return {
    name: opts.name,
    pid,
    lines: () => [...lines],
    waitForLine(re, timeoutMs, since = 0) {
      for (let i = Math.max(0, since); i < lines.length; i++) {
        const m = (lines[i] ?? '').match(re);
        if (m) return Promise.resolve(m);
      }
      if (exitInfo) {
        return Promise.reject(
          new Error(`${opts.name} ${exitInfo}; no line matched ${re}; last lines:\n${tail()}`),
        );
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no ${opts.name} output line matched ${re} within ${timeoutMs} ms; last lines:\n${tail()}`,
            ),
          );
        }, timeoutMs);
        const waiter: Waiter = {
          re,
          since,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.add(waiter);
      });
    },
    onLine: (listener) => {
      listeners.push(listener);
    },
    exitInfo: () => exitInfo,
    exited,
    stop: (graceMs = 3_000) => terminate(graceMs),
    kill: () => terminate(0),
    note: (text) => push(`[harness] ${text}`),
  };
}

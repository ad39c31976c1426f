/**
 * Process groups the harness started (Kamailio, rtpengine, baresip are spawned
 * detached, as group leaders, because SIGKILL on Kamailio's main pid leaves its
 * workers listening). Every group still alive is killed when Node exits, and
 * only groups this process started are ever signalled.
 */
const liveGroups = new Set<number>();
let hooksInstalled = false;

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone (ESRCH): nothing to clean up.
  }
}

/** True while any process of the group still exists (signal 0 only checks). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function trackGroup(pid: number): void {
  installExitHooks();
  liveGroups.add(pid);
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

/**
 * 'exit' covers normal ends and uncaught errors; the signal hooks cover Ctrl-C
 * and runner timeouts, then re-raise the signal when nobody else handles it,
 * so Node still dies as usual.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const pid of liveGroups) killGroup(pid);
      liveGroups.clear();
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

/** Waits for `p` but at most `ms`, clearing the timer when `p` settles first (no idle timer keeps Node alive). */
export function settleWithin(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Tells the renderer that the computer woke up, was unlocked, or changed power
// source: moments when the network under the phone has often changed and a
// socket to the PBX may be dead without knowing it. The renderer then checks
// its connection at once instead of waiting for the next keep-alive.
//
// Electron-free: the adapter (main/adapters/power.ts) feeds powerMonitor's
// events in. Waking a laptop fires 'resume' and 'unlock-screen' within a
// moment of each other, so bursts are folded into one message.

export type PowerReason = 'resume' | 'unlock-screen' | 'on-ac' | 'on-battery';

/** Events closer together than this are one wake-up. */
export const POWER_BURST_MS = 2000;

export interface PowerRelay {
  notify(reason: PowerReason): boolean;
}

export function createPowerRelay(
  send: (payload: { reason: PowerReason }) => boolean,
  now: () => number = Date.now,
): PowerRelay {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  return {
    notify(reason) {
      const at = now();
      if (at - lastSentAt < POWER_BURST_MS) return false;
      lastSentAt = at;
      return send({ reason });
    },
  };
}

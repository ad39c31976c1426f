import type { PowerRelay, PowerReason } from '../core/power/power-relay';

// Electron's powerMonitor, reduced to the events that mean "the network may
// have changed under us". Linux reports 'resume' through logind and may not
// report screen locks at all; every event listed is optional there.

const REASONS: readonly PowerReason[] = ['resume', 'unlock-screen', 'on-ac', 'on-battery'];

/** The part of Electron's powerMonitor used here, so the adapter can be tested with a fake. */
export interface PowerEvents {
  on(event: PowerReason, listener: () => void): unknown;
  removeListener(event: PowerReason, listener: () => void): unknown;
}

/** Forwards power events to the relay; returns a function that stops listening. */
export function watchPower(monitor: PowerEvents, relay: PowerRelay): () => void {
  const listeners = REASONS.map((reason) => {
    const listener = () => void relay.notify(reason);
    monitor.on(reason, listener);
    return { reason, listener };
  });
  return () => {
    for (const { reason, listener } of listeners) monitor.removeListener(reason, listener);
  };
}

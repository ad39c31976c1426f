import type { PhoneEngine } from '../sip/types';

// User Timing marks for the way from navigation start to Registered, so the
// bench and DevTools' performance panel show where start-up time goes
// (`performance.getEntriesByName('deskphone:registered')[0].startTime` is the
// time from navigation start). Each mark is set once per page load: the first
// time its moment happens.

export type StartupMark =
  | 'script-start'
  | 'config-loaded'
  | 'ws-connecting'
  | 'ws-open'
  | 'register-sent'
  | 'register-challenged'
  | 'register-authorized'
  | 'registered'
  | 'first-render';

const PREFIX = 'deskphone:';
// Bookkeeping of marks already set and of who waits for them; never read by the UI.
const done = new Set<StartupMark>();
const waiting = new Map<StartupMark, Array<() => void>>();

export function markStartup(name: StartupMark): void {
  if (done.has(name)) return;
  done.add(name);
  performance.mark(`${PREFIX}${name}`);
  for (const resolve of waiting.get(name) ?? []) resolve();
  waiting.delete(name);
}

/** Resolves once the moment `name` has happened in this page (at once if it has). */
export function reached(name: StartupMark): Promise<void> {
  if (done.has(name)) return Promise.resolve();
  return new Promise((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
}

/** Marks Registered the first time the engine reports it after load. */
export function markFirstRegistration(engine: PhoneEngine): void {
  const stop = engine.subscribe((snapshot) => {
    if (snapshot.registration.status !== 'registered' || done.has('registered')) return;
    markStartup('registered');
    // The listener may run inside subscribe() itself, before `stop` is set.
    queueMicrotask(() => stop());
  });
}

type LogConnector = (level: string, category: string, label: string | undefined, content: string) => void;

/**
 * Wraps SIP.js's log connector: the transport's own log lines are the only
 * place where "socket opening", "socket open" and "REGISTER out" can be seen
 * without reaching into SIP.js.
 */
export function withStartupMarks(connector: LogConnector): LogConnector {
  return (level, category, label, content) => {
    if (!done.has('registered') && /transport/i.test(category)) {
      if (content.startsWith('Connecting ')) markStartup('ws-connecting');
      else if (content.startsWith('WebSocket opened')) markStartup('ws-open');
      else if (content.startsWith('Sending WebSocket message:\n\nREGISTER ')) {
        markStartup(done.has('register-challenged') ? 'register-authorized' : 'register-sent');
      } else if (/^Received WebSocket text message:\n\nSIP\/2\.0 40[17] /.test(content)) {
        markStartup('register-challenged');
      }
    }
    connector(level, category, label, content);
  };
}

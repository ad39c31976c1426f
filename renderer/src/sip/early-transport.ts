import { Web } from 'sip.js';
import { adoptEarlySocket, type AdoptedSocket } from './early-socket';

/**
 * SIP.js's WebSocket transport that first adopts the socket the start-up
 * script opened to the same server (see early-socket.ts), so the first
 * REGISTER goes out as soon as SIP.js is ready instead of after a fresh TLS
 * and WebSocket handshake. Everything else, reconnection included, is
 * SIP.js's own transport unchanged.
 */
export class EarlySocketTransport extends Web.Transport {
  override connect(): Promise<void> {
    const adopted = adoptEarlySocket(this.server);
    if (!adopted) return super.connect();
    const connecting = connectWith(adopted.socket, () => super.connect());
    replayMissedEvents(adopted);
    return connecting;
  }
}

/**
 * SIP.js makes its socket with `new WebSocket(server, "sip")` inside
 * connect(), synchronously, and offers no way to pass one in; for that one
 * call the constructor hands out the adopted socket. Nothing else can run
 * in between: the swap and its undoing are in the same synchronous stretch.
 */
function connectWith(socket: WebSocket, connect: () => Promise<void>): Promise<void> {
  const Native = globalThis.WebSocket;
  let handedOut = false;
  const Adopting = function () {
    if (handedOut) throw new Error('The adopted WebSocket was asked for twice.');
    handedOut = true;
    return socket;
  } as unknown as typeof WebSocket;
  Object.assign(Adopting, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  globalThis.WebSocket = Adopting;
  try {
    return connect();
  } finally {
    globalThis.WebSocket = Native;
  }
}

/**
 * An already open socket will not fire 'open' again, and messages that came
 * before SIP.js listened were kept aside: both are handed to SIP.js's
 * listeners now, in order, once connect() has set up its promise.
 */
function replayMissedEvents({ socket, early }: AdoptedSocket): void {
  queueMicrotask(() => {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.dispatchEvent(new Event('open'));
    for (const data of early) socket.dispatchEvent(new MessageEvent('message', { data }));
  });
}

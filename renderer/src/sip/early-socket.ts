// The saved account's WebSocket, opened by the tiny start-up script
// (state/account-at-load.ts) as soon as main has answered with the account,
// while the main script, SIP.js and the views are still being compiled and
// evaluated: the TLS and WebSocket handshakes then overlap that work instead
// of following it. The SIP transport (early-transport.ts) adopts the socket
// when it connects to the same URL. Imports nothing: it runs in the start-up
// script, ahead of everything else.

/** An early socket nobody adopted is closed after this long: the engine connects within ~100 ms. */
export const UNCLAIMED_CLOSE_MS = 10_000;

interface EarlySocket {
  url: string;
  socket: WebSocket;
  /** Messages that arrived before adoption, handed on after it (a server normally sends none). */
  early: unknown[];
  stopListening: () => void;
  closeTimer: ReturnType<typeof setTimeout>;
}

let waiting: EarlySocket | null = null;

function isSipWebSocketUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'wss:' || protocol === 'ws:';
  } catch {
    return false;
  }
}

/**
 * Opens the SIP WebSocket to `url` now, for the transport to adopt. Does
 * nothing for a URL that is not ws(s):// or when one is already waiting.
 * A failure here is silent: the transport then opens its own socket and
 * reports that one's failure as always.
 */
export function openEarlySocket(url: string): void {
  if (waiting || !isSipWebSocketUrl(url)) return;
  let socket: WebSocket;
  try {
    socket = new WebSocket(url, 'sip');
  } catch {
    return;
  }
  socket.binaryType = 'arraybuffer';
  performance.mark('deskphone:ws-early');
  const early: unknown[] = [];
  const keep = (event: MessageEvent) => early.push(event.data);
  const forget = () => {
    if (waiting?.socket === socket) discard();
  };
  socket.addEventListener('message', keep);
  socket.addEventListener('close', forget);
  socket.addEventListener('error', forget);
  waiting = {
    url,
    socket,
    early,
    stopListening: () => {
      socket.removeEventListener('message', keep);
      socket.removeEventListener('close', forget);
      socket.removeEventListener('error', forget);
    },
    closeTimer: setTimeout(forget, UNCLAIMED_CLOSE_MS),
  };
}

function discard(): void {
  if (!waiting) return;
  const { socket, stopListening, closeTimer } = waiting;
  waiting = null;
  clearTimeout(closeTimer);
  stopListening();
  if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
}

export interface AdoptedSocket {
  socket: WebSocket;
  /** Data of messages that arrived before adoption, oldest first. */
  early: unknown[];
}

/**
 * The waiting socket, if it goes to `url` and is still connecting or open;
 * it is then no longer waiting. Any other waiting socket is closed: whoever
 * connects now connects somewhere else.
 */
export function adoptEarlySocket(url: string): AdoptedSocket | null {
  if (!waiting) return null;
  const candidate = waiting;
  const usable =
    candidate.url === url &&
    (candidate.socket.readyState === WebSocket.CONNECTING || candidate.socket.readyState === WebSocket.OPEN);
  if (!usable) {
    discard();
    return null;
  }
  waiting = null;
  clearTimeout(candidate.closeTimer);
  candidate.stopListening();
  return { socket: candidate.socket, early: candidate.early };
}

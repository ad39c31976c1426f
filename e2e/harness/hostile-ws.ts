import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SelfSignedCert } from './certs';
import { acceptUpgrade, frame } from './ws-frames';

/**
 * A WebSocket server that speaks garbage: it accepts the 'sip' subprotocol,
 * then floods the client with malformed and hostile SIP messages and drops
 * connections without a close frame. Minimal RFC 6455 framing (server frames
 * are never masked), enough for a browser client. Test-only, loopback only.
 */
export interface HostileServer {
  url: string;
  connections(): number;
  sent(): number;
  close(): Promise<void>;
}

/** Deterministic junk: the same run every time, so a failure can be replayed. */
function* messages(count: number): Generator<string> {
  let seed = 4711;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const kinds = [
    () => 'SIP/2.0 200 OK\r\n\r\n',
    () =>
      `SIP/2.0 ${Math.floor(random() * 1000)} ${'X'.repeat(Math.floor(random() * 50))}\r\nVia: nonsense\r\n\r\n`,
    () => 'INVITE\r\n\r\n',
    () => `OPTIONS sip:x@y SIP/2.0\r\nCSeq: notanumber\r\nContent-Length: 99999999\r\n\r\n`,
    () =>
      `NOTIFY sip:a@b SIP/2.0\r\nVia: SIP/2.0/WSS h;branch=z9hG4bK${seed}\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: ${seed}\r\nCSeq: 1 NOTIFY\r\nEvent: ${'%'.repeat(200)}\r\nContent-Length: 0\r\n\r\n`,
    // Random text, any script: a browser drops a text frame that is not UTF-8, so keep it valid.
    () => String.fromCharCode(...Array.from({ length: 64 }, () => 32 + Math.floor(random() * 0xd000))),
    () => `SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest ${'realm="'.repeat(100)}\r\n\r\n`,
    () => `${'A'.repeat(20_000)}\r\n\r\n`,
    () => 'BYE sip:x SIP/2.0\r\nVia: SIP/2.0/WSS a;branch=z9hG4bKx\r\nCall-ID: nope\r\nCSeq: 1 BYE\r\n\r\n',
    () => '\r\n\r\n',
  ];
  for (let i = 0; i < count; i++) yield kinds[Math.floor(random() * kinds.length)]!();
}

export async function startHostileServer(
  cert: SelfSignedCert,
  options: { messages: number; dropEvery: number },
): Promise<HostileServer> {
  const key = await readFile(cert.keyPath, 'utf8');
  let connections = 0;
  let sent = 0;
  const sockets = new Set<Socket>();
  const flood = messages(options.messages);
  const server: Server = createServer({ cert: cert.certPem, key });
  server.on('upgrade', (request, socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    acceptUpgrade(request, socket);
    // Send a batch, then drop the connection abruptly (no close frame).
    let batch = 0;
    const pump = () => {
      if (socket.destroyed) return;
      for (let i = 0; i < 200; i++) {
        const next = flood.next();
        if (next.done) {
          socket.destroy();
          return;
        }
        socket.write(frame(Buffer.from(next.value, 'utf8')));
        sent++;
        batch++;
        if (batch >= options.dropEvery) {
          socket.destroy();
          return;
        }
      }
      setImmediate(pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `wss://127.0.0.1:${port}/ws`,
    connections: () => connections,
    sent: () => sent,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

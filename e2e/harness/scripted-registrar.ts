import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SelfSignedCert } from './certs';
import { acceptUpgrade, frame, FrameReader } from './ws-frames';

/**
 * A SIP registrar over WSS that answers each REGISTER as a fault script says:
 * accept with a chosen expires (garbage included), refuse with a status and
 * Retry-After or Min-Expires, challenge, stay silent, or drop the socket
 * (e.g. when the answer to a challenge arrives).
 * OPTIONS and anything else get 200. Test-only, loopback only; it knows no
 * passwords (a challenge is answered by any Authorization header).
 */

export interface RegisterSeen {
  /** 1 for the first REGISTER this registrar received. */
  index: number;
  at: number;
  /** The expires our contact asked for. */
  expires: string;
  authorized: boolean;
  /** Which connection (1, 2, …) it came on. */
  connection: number;
}

export type Reply =
  | { status: 200; expires: number | string }
  | { status: number; reason?: string; retryAfter?: number; minExpires?: number }
  | { challenge: true }
  | 'ignore'
  | 'close';

export interface ScriptedRegistrar {
  url: string;
  registers(): RegisterSeen[];
  connections(): number;
  /** Replaces the script (e.g. "from now on, accept"). */
  setScript(script: (seen: RegisterSeen) => Reply): void;
  close(): Promise<void>;
}

function header(message: string, name: string): string {
  const re = new RegExp(`^(?:${name}):[ \\t]*(.*)$`, 'im');
  return re.exec(message)?.[1]?.trim() ?? '';
}

/** The request's headers a response must echo (RFC 3261 §8.2.6.2), with a To tag. */
function responseTo(request: string, status: number, reason: string, extra: string[] = []): string {
  const vias = [...request.matchAll(/^(?:Via|v):[ \t]*(.*)$/gim)].map((m) => `Via: ${m[1]!.trim()}`);
  const to = header(request, 'To|t');
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...vias,
    `From: ${header(request, 'From|f')}`,
    `To: ${/;tag=/.test(to) ? to : `${to};tag=scripted`}`,
    `Call-ID: ${header(request, 'Call-ID|i')}`,
    `CSeq: ${header(request, 'CSeq')}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function answer(request: string, reply: Reply): string | null {
  if (reply === 'ignore' || reply === 'close') return null;
  if ('challenge' in reply) {
    return responseTo(request, 401, 'Unauthorized', [
      'WWW-Authenticate: Digest realm="scripted", nonce="n0nce", algorithm=MD5, qop="auth"',
    ]);
  }
  if (reply.status === 200 && 'expires' in reply) {
    const contact = header(request, 'Contact|m').replace(/;expires=[^;>]*/i, '');
    return responseTo(request, 200, 'OK', [`Contact: ${contact};expires=${reply.expires}`]);
  }
  const extra: string[] = [];
  if ('retryAfter' in reply && reply.retryAfter !== undefined) extra.push(`Retry-After: ${reply.retryAfter}`);
  if ('minExpires' in reply && reply.minExpires !== undefined) extra.push(`Min-Expires: ${reply.minExpires}`);
  const reason = 'reason' in reply && reply.reason ? reply.reason : 'Scripted';
  return responseTo(request, reply.status, reason, extra);
}

export async function startScriptedRegistrar(
  cert: SelfSignedCert,
  script: (seen: RegisterSeen) => Reply,
): Promise<ScriptedRegistrar> {
  const key = await readFile(cert.keyPath, 'utf8');
  const seen: RegisterSeen[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let current = script;
  const server: Server = createServer({ cert: cert.certPem, key });
  server.on('upgrade', (request, socket: Socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    acceptUpgrade(request, socket);
    const send = (text: string) => {
      if (!socket.destroyed) socket.write(frame(Buffer.from(text, 'utf8')));
    };
    const reader = new FrameReader(
      (text) => {
        const method = /^([A-Z]+) sip:/.exec(text)?.[1];
        if (!method || method === 'ACK') return;
        if (method !== 'REGISTER') return send(responseTo(text, 200, 'OK'));
        const entry: RegisterSeen = {
          index: seen.length + 1,
          at: Date.now(),
          expires: /;expires=([^;>\s]*)/i.exec(header(text, 'Contact|m'))?.[1] ?? '',
          authorized: /^Authorization:/im.test(text),
          connection,
        };
        seen.push(entry);
        const reply = current(entry);
        if (reply === 'close') return void socket.destroy();
        const response = answer(text, reply);
        if (response) send(response);
      },
      () => socket.destroy(),
    );
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `wss://127.0.0.1:${port}/ws`,
    registers: () => [...seen],
    connections: () => connections,
    setScript: (next) => (current = next),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A deliberately tiny SIP-over-WebSocket client for the harness smoke check.
 *
 * Why hand-made SIP instead of SIP.js: the smoke check must prove the
 * Kamailio config itself (digest auth, routing of in-dialog requests,
 * .invalid contact aliasing) independently of the product's SIP stack, and
 * with exact control over every header (e.g. a deliberately wrong password).
 * It uses Node 20's global WebSocket (`node --experimental-websocket`).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface SipMessage {
  raw: string;
  isRequest: boolean;
  method: string;
  /** Status code for responses, 0 for requests. */
  status: number;
  requestUri: string;
  headers: Array<[name: string, value: string]>;
  body: string;
  /** First value of a header (case-insensitive; compact forms not mapped). */
  header(name: string): string | undefined;
  /** All values of a header, in order, split on top-level commas only for Route-like headers. */
  headerAll(name: string): string[];
}

export function parseSip(raw: string): SipMessage {
  const sep = raw.indexOf('\r\n\r\n');
  const head = sep >= 0 ? raw.slice(0, sep) : raw;
  const body = sep >= 0 ? raw.slice(sep + 4) : '';
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  const isRequest = !startLine.startsWith('SIP/2.0');
  const parts = startLine.split(' ');
  const headerAll = (name: string): string[] =>
    headers
      .filter(([n]) => n.toLowerCase() === name.toLowerCase())
      .flatMap(([, v]) =>
        /^(record-)?route$/i.test(name) ? v.split(/,(?=\s*<)/).map((s) => s.trim()) : [v],
      );
  return {
    raw,
    isRequest,
    method: isRequest ? (parts[0] ?? '') : '',
    status: isRequest ? 0 : Number(parts[1]),
    requestUri: isRequest ? (parts[1] ?? '') : '',
    headers,
    body,
    header: (name) => headerAll(name)[0],
    headerAll,
  };
}

export const randomToken = (bytes = 6): string => randomBytes(bytes).toString('hex');
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** Extracts `key="value"` / `key=value` parameters from a Digest challenge. */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    out[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return out;
}

/**
 * Builds an RFC 2617 Digest Authorization value (MD5, qop=auth when offered),
 * which is what SIP.js sends and what Kamailio's auth module verifies.
 */
export function digestAuthorization(opts: {
  challenge: string;
  method: string;
  uri: string;
  username: string;
  password: string;
}): string {
  const c = parseChallenge(opts.challenge);
  const realm = c.realm ?? '';
  const nonce = c.nonce ?? '';
  const ha1 = md5(`${opts.username}:${realm}:${opts.password}`);
  const ha2 = md5(`${opts.method}:${opts.uri}`);
  const parts = [
    `Digest username="${opts.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${opts.uri}"`,
  ];
  if (c.qop?.split(',').includes('auth')) {
    const cnonce = randomToken(8);
    const nc = '00000001';
    parts.push(
      `response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`,
      'qop=auth',
      `nc=${nc}`,
      `cnonce="${cnonce}"`,
    );
  } else {
    parts.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  parts.push('algorithm=MD5');
  if (c.opaque !== undefined) parts.push(`opaque="${c.opaque}"`);
  return parts.join(', ');
}

/** Joins a start line, headers and an optional body into one SIP message. */
export function buildMessage(startLine: string, headers: Array<[string, string]>, body = ''): string {
  const all = [...headers, ['Content-Length', String(Buffer.byteLength(body))] as [string, string]];
  return `${startLine}\r\n${all.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Builds a response to `req`, copying Via, From, To, Call-ID, CSeq and
 * Record-Route as RFC 3261 §8.2.6 requires (Record-Route only for 18x/2xx).
 */
export function buildResponse(
  req: SipMessage,
  status: number,
  reason: string,
  opts: { toTag?: string; contact?: string; body?: string; contentType?: string } = {},
): string {
  const h: Array<[string, string]> = [];
  for (const v of req.headerAll('Via')) h.push(['Via', v]);
  h.push(['From', req.header('From') ?? '']);
  let to = req.header('To') ?? '';
  if (opts.toTag && !/;tag=/.test(to)) to += `;tag=${opts.toTag}`;
  h.push(['To', to], ['Call-ID', req.header('Call-ID') ?? ''], ['CSeq', req.header('CSeq') ?? '']);
  if (status > 100 && status < 300)
    for (const rr of req.headerAll('Record-Route')) h.push(['Record-Route', rr]);
  if (opts.contact) h.push(['Contact', opts.contact]);
  if (opts.body) h.push(['Content-Type', opts.contentType ?? 'application/sdp']);
  return buildMessage(`SIP/2.0 ${status} ${reason}`, h, opts.body ?? '');
}

/** Outcome of opening a WebSocket: either open (with the negotiated protocol) or failed. */
export type WsOpenResult =
  { ok: true; ws: WebSocket; protocol: string; ms: number } | { ok: false; error: string; ms: number };

export function openWebSocket(url: string, protocols: string[], timeoutMs = 5_000): Promise<WsOpenResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols);
    const timer = setTimeout(() => {
      ws.close();
      resolve({ ok: false, error: 'timeout', ms: performance.now() - t0 });
    }, timeoutMs);
    ws.addEventListener('open', () => {
      clearTimeout(timer);
      resolve({ ok: true, ws, protocol: ws.protocol, ms: performance.now() - t0 });
    });
    ws.addEventListener('error', (ev) => {
      clearTimeout(timer);
      const msg = (ev as Event & { message?: string }).message ?? 'error event';
      resolve({ ok: false, error: msg, ms: performance.now() - t0 });
    });
  });
}

/** A SIP endpoint on one WebSocket, with a queue of received messages. */
export class SipWsEndpoint {
  private readonly inbox: SipMessage[] = [];
  private readonly waiters: Array<{ pred: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> =
    [];
  /** Our fake ".invalid" host, as browsers and SIP.js use. */
  readonly host = `${randomToken(5)}.invalid`;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (ev: MessageEvent) => {
      void (async () => {
        const data: unknown = ev.data;
        const text =
          typeof data === 'string' ? data : data instanceof Blob ? await data.text() : String(data);
        this.deliver(parseSip(text));
      })();
    });
  }

  private deliver(msg: SipMessage): void {
    const i = this.waiters.findIndex((w) => w.pred(msg));
    if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(msg);
    else this.inbox.push(msg);
  }

  send(text: string): void {
    this.ws.send(text);
  }

  /** Resolves with the first queued or future message matching `pred`. */
  next(pred: (m: SipMessage) => boolean, what: string, timeoutMs = 5_000): Promise<SipMessage> {
    const i = this.inbox.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as SipMessage);
    return new Promise((resolve, reject) => {
      const w = {
        pred,
        resolve: (m: SipMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  close(): void {
    this.ws.close();
  }
}

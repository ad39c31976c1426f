/**
 * Turns Asterisk's console output with `pjsip set logger on` into SIP
 * messages, so specs can check what really crossed the wire (a 488 without a
 * 180 before it, the INVITE's arrival time, INFO bodies) rather than what the
 * phone believes it sent.
 *
 * The logger prints each message as
 *   <--- Received SIP request (812 bytes) from WSS:127.0.0.1:40512 --->
 *   INVITE sip:600@127.0.0.1 SIP/2.0
 *   Via: …
 *   <blank line>
 *   body…
 * and the next header line starts the next message.
 */

export interface SipRecord {
  direction: 'in' | 'out';
  /** 'INVITE', 'BYE', … for requests; the CSeq method for responses. */
  method: string;
  /** Status code for responses, 0 for requests. */
  status: number;
  firstLine: string;
  /** Header name (lower case) → values in order. */
  headers: Map<string, string[]>;
  body: string;
  callId: string;
  /** When the harness read the header line (ms since the epoch, same clock as the test). */
  at: number;
}

const HEADER_RE = /<--- (Received|Transmitting) SIP (request|response) \(\d+ bytes\) (?:from|to) \S+ --->/;
/**
 * chan_sip's `sip set debug on` (Asterisk 20): "<--- SIP read from WS:127.0.0.1:5 --->" and
 * "<--- (Reliably )Transmitting (no NAT) to 127.0.0.1:5060 --->", each message closed by "<------------>";
 */
const CHANSIP_HEADER_RE =
  /^(?:<--- (SIP read from|(?:Reliably )?Transmitting) .*--->|(?:Reliably )?Transmitting \(.*\) to \S+:)$/;
/** Requests chan_sip sends (INVITE, ACK, BYE) are printed as "Transmitting (NAT) to 127.0.0.1:5:" … "---". */
const CHANSIP_END_RE = /^(<-{6,}>|---)$/;

const COMPACT: Record<string, string> = {
  i: 'call-id',
  f: 'from',
  t: 'to',
  m: 'contact',
  v: 'via',
  c: 'content-type',
  l: 'content-length',
};

interface Draft {
  direction: 'in' | 'out';
  at: number;
  lines: string[];
}

export class SipLogBook {
  private readonly records: SipRecord[] = [];
  private draft: Draft | null = null;
  private readonly waiters = new Set<{ match: (r: SipRecord) => boolean; resolve: (r: SipRecord) => void }>();

  /** Feed every console line, in order. */
  feed(line: string): void {
    const header = HEADER_RE.exec(line);
    const legacy = CHANSIP_HEADER_RE.exec(line.trim());
    if (header || legacy) {
      this.finish();
      const incoming = header ? header[1] === 'Received' : legacy![1] === 'SIP read from';
      this.draft = { direction: incoming ? 'in' : 'out', at: Date.now(), lines: [] };
      return;
    }
    if (!this.draft) return;
    if (CHANSIP_END_RE.test(line.trim())) {
      this.finish();
      return;
    }
    // Console lines of other subsystems (timestamped "[2026-…] LEVEL[…]") end a message too.
    if (/^\[\d{4}-\d\d-\d\d /.test(line) || /^\s+(--|==) /.test(line)) {
      this.finish();
      return;
    }
    this.draft.lines.push(line);
  }

  all(): SipRecord[] {
    this.finish();
    return [...this.records];
  }

  find(match: (r: SipRecord) => boolean): SipRecord[] {
    return this.all().filter(match);
  }

  /** Resolves with the first record (already logged or future) that matches. */
  waitFor(match: (r: SipRecord) => boolean, timeoutMs: number, what: string): Promise<SipRecord> {
    const seen = this.all().find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (r: SipRecord) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Asterisk's SIP log shows no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** A message is complete once the next one starts; a pause in output completes it too. */
  flush(): void {
    this.finish();
  }

  private finish(): void {
    const draft = this.draft;
    this.draft = null;
    if (!draft) return;
    const record = parseMessage(draft);
    if (!record) return;
    this.records.push(record);
    for (const waiter of this.waiters) {
      if (waiter.match(record)) {
        this.waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
  }
}

export function parseMessage(draft: Draft): SipRecord | null {
  const lines = [...draft.lines];
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  const firstLine = lines.shift()?.trim() ?? '';
  if (!firstLine) return null;
  const headers = new Map<string, string[]>();
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[rawName] ?? rawName;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const body = lines
    .slice(index + 1)
    .join('\n')
    .trim();
  const response = /^SIP\/2\.0 (\d{3})/.exec(firstLine);
  const cseq = headers.get('cseq')?.[0] ?? '';
  return {
    direction: draft.direction,
    method: response ? (cseq.split(/\s+/)[1] ?? '') : (firstLine.split(' ')[0] ?? ''),
    status: response ? Number(response[1]) : 0,
    firstLine,
    headers,
    body,
    callId: headers.get('call-id')?.[0] ?? '',
    at: draft.at,
  };
}

/** The user part of a From/To header value ("Alice" <sip:1001@host>;tag=… → 1001). */
export function userOf(headerValue: string | undefined): string {
  return /sips?:([^@;>]+)@/.exec(headerValue ?? '')?.[1] ?? '';
}

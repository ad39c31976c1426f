import { describe, expect, it } from 'vitest';
import { DtmfLineParser } from './baresip';
import { renderKamailioConfig } from './kamailio-config';
import { decodeHexa, infoBodyDigit, LogBook, parseInfoLine } from './kamailio-logs';

const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
/** A line as Kamailio 5.6 prints it for the E2E INFO xlog in kamailio-config.ts. */
const infoLine = (callId: string, cseq: number, ctype: string, body: string): string =>
  ` 2(1234) NOTICE: <script>: E2E INFO ts=1795697302.631108 callid=${callId} cseq=${cseq} from=alice to=echo ` +
  `ctype=${hex(ctype)} body=${hex(body)}`;

describe('Kamailio INFO log parsing', () => {
  it('decodes the hex-encoded body and Content-Type of a dtmf-relay INFO', () => {
    const rec = parseInfoLine(infoLine('abc@x', 3, 'application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'));
    expect(rec).toEqual({
      epochMs: 1795697302631.108,
      callId: 'abc@x',
      cseq: 3,
      from: 'alice',
      to: 'echo',
      contentType: 'application/dtmf-relay',
      body: 'Signal=5\r\nDuration=160\r\n',
      digit: '5',
    });
  });

  it('reads the digit from dtmf-relay (any case, spaces) and application/dtmf bodies, null otherwise', () => {
    expect(infoBodyDigit('application/dtmf-relay', 'Signal=#\r\nDuration=100')).toBe('#');
    expect(infoBodyDigit('Application/DTMF-Relay; charset=x', 'duration=100\r\nsignal = *\r\n')).toBe('*');
    expect(infoBodyDigit('application/dtmf', '7\r\n')).toBe('7');
    expect(infoBodyDigit('application/media_control+xml', '<x/>')).toBeNull();
    expect(infoBodyDigit('application/dtmf-relay', 'Duration=100')).toBeNull();
  });

  it('treats a missing body (<null>) and malformed hex as empty', () => {
    expect(decodeHexa('<null>')).toBe('');
    expect(decodeHexa('')).toBe('');
    expect(decodeHexa('abc')).toBe('');
    const line =
      ' 1(99) NOTICE: <script>: E2E INFO ts=1.000001 callid=c1 cseq=9 from=alice to=echo ctype=<null> body=<null>';
    expect(parseInfoLine(line)).toMatchObject({ contentType: '', body: '', digit: null, cseq: 9 });
  });

  it('collects digits in order, per Call-ID, counting a retransmission once', () => {
    const book = new LogBook();
    book.push(infoLine('c1', 3, 'application/dtmf-relay', 'Signal=1\r\nDuration=160\r\n'));
    book.push('unrelated line');
    book.push(infoLine('c2', 5, 'application/dtmf', '9'));
    book.push(infoLine('c1', 4, 'application/dtmf-relay', 'Signal=2\r\nDuration=160\r\n'));
    book.push(infoLine('c1', 4, 'application/dtmf-relay', 'Signal=2\r\nDuration=160\r\n'));
    book.push(infoLine('c1', 5, 'application/dtmf-relay', 'Signal=#\r\nDuration=160\r\n'));
    expect(book.infoDigits()).toBe('192#');
    expect(book.infoDigits('c1')).toBe('12#');
    expect(book.infoDigits('c2')).toBe('9');
    expect(book.infoDigits('nope')).toBe('');
    expect(book.infoRequests('c1').map((r) => r.cseq)).toEqual([3, 4, 5]);
  });
});

describe('baresip DTMF line parsing', () => {
  it('counts each RFC 4733 digit once, from start/end pairs, and keeps INFO digits apart', () => {
    const p = new DtmfLineParser();
    const lines = [
      "received event: '1' (end=0)",
      "received event: '1' (end=1)",
      "received event: '1' (end=0)", // the same digit again: a new tone
      "received event: '1' (end=1)",
      "received event: '2' (end=0)",
      "received event: '2' (end=0)", // repeated start of the same tone
      "received event: '2' (end=1)",
      "received event: '#' (end=1)", // start lost: the end still counts
      "call: received DTMF: '5' (duration=160)",
      'stream: incoming rtp for audio established',
    ];
    lines.forEach((l, i) => p.feed(l, i, 1000 + i));
    expect(p.rtp.map((e) => e.digit).join('')).toBe('112#');
    expect(p.rtp[0]).toEqual({ digit: '1', line: 0, at: 1000 });
    expect(p.info.map((e) => e.digit).join('')).toBe('5');
    p.reset();
    expect(p.rtp).toEqual([]);
    expect(p.info).toEqual([]);
  });
});

describe('Kamailio config options', () => {
  const base = {
    port: 5061,
    certPath: '/tmp/c.pem',
    keyPath: '/tmp/k.pem',
    users: { alice: 'a-pw', echo: 'e-pw' },
    domain: '127.0.0.1',
  };

  it('by default has no UDP listener and no rtpengine, but logs INFO bodies', () => {
    const cfg = renderKamailioConfig(base);
    expect(cfg).not.toMatch(/listen=udp/);
    expect(cfg).not.toMatch(/rtpengine/);
    expect(cfg).not.toMatch(/MEDIARELAY/);
    expect(cfg).toContain('E2E INFO ts=$TV(Sn) callid=$ci cseq=$cs');
  });

  it('adds the UDP listener and the relay for the listed users only when asked', () => {
    const cfg = renderKamailioConfig({
      ...base,
      udpPort: 5070,
      mediaRelay: { ngSocket: 'udp:127.0.0.1:2223', users: ['echo'] },
    });
    expect(cfg).toContain('listen=udp:127.0.0.1:5070');
    expect(cfg).toContain('modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:2223")');
    expect(cfg).toContain('$sht(mediarelay=>echo) = 1;');
    expect(cfg).not.toContain('$sht(mediarelay=>alice)');
    expect(cfg).toMatch(/route\(MEDIARELAY\);\n\troute\(RELAY\);/);
  });

  it('rejects a malformed ng socket or relay user', () => {
    expect(() =>
      renderKamailioConfig({ ...base, mediaRelay: { ngSocket: '127.0.0.1:2223', users: ['echo'] } }),
    ).toThrow(/ng socket/);
    expect(() =>
      renderKamailioConfig({ ...base, mediaRelay: { ngSocket: 'udp:127.0.0.1:2223', users: ['a b'] } }),
    ).toThrow(/media-relay username/);
  });
});

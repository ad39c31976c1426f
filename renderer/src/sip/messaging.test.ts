import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { firstLine, plainMessage } from './message-text';
import { failureOf, MESSAGE_BODY_MAX_BYTES, readIncoming } from './messaging';

function request(body: string, type = 'text/plain;charset=UTF-8', from = '"Bob Baker" <sip:1002@pbx>') {
  const parsed = Grammar.nameAddrHeaderParse(from)!;
  return {
    body,
    getHeader: (name: string) => (name === 'Content-Type' ? type : undefined),
    from: parsed,
  } as unknown as Parameters<typeof readIncoming>[0];
}

describe('an incoming MESSAGE', () => {
  it('is read as the sender and clean text', () => {
    expect(readIncoming(request('Lunch at 12?'))).toEqual({
      ok: true,
      text: 'Lunch at 12?',
      peer: '1002',
      name: 'Bob Baker',
    });
  });

  it('keeps line breaks but drops markup, controls and bidi overrides', () => {
    const check = readIncoming(request('Hi <b>there</b>\r\nline\u202e two\u0007\n\n\n\nend'));
    expect(check).toMatchObject({ ok: true, text: 'Hi there\nline two\n\nend' });
  });

  it('cleans a hostile display name; the number stands in for a missing one', () => {
    const check = readIncoming(request('x', 'text/plain', '"<img src=x>\u202eBank" <sip:1002@pbx>'));
    expect(check).toMatchObject({ ok: true, name: 'Bank', peer: '1002' });
    expect(readIncoming(request('x', 'text/plain', '<sip:1003@pbx>'))).toMatchObject({ name: '1003' });
  });

  it('refuses what is not text/plain (415), too big (413) or empty (400)', () => {
    expect(readIncoming(request('<html/>', 'text/html'))).toEqual({ ok: false, code: 415 });
    expect(readIncoming(request('{}', 'application/im-iscomposing+xml'))).toEqual({ ok: false, code: 415 });
    expect(readIncoming(request('a'.repeat(MESSAGE_BODY_MAX_BYTES + 1)))).toEqual({ ok: false, code: 413 });
    // Multi-byte text counts in bytes, as it travels.
    expect(readIncoming(request('é'.repeat(MESSAGE_BODY_MAX_BYTES / 2 + 1)))).toEqual({
      ok: false,
      code: 413,
    });
    expect(readIncoming(request(' \u200b\r\n '))).toEqual({ ok: false, code: 400 });
  });
});

describe('a failed MESSAGE', () => {
  it('is explained by its status code', () => {
    expect(failureOf(404)).toBe('not-found');
    expect(failureOf(480)).toBe('offline');
    expect(failureOf(408)).toBe('no-answer');
    expect(failureOf(403)).toBe('refused');
    expect(failureOf(486)).toBe('busy');
    expect(failureOf(413)).toBe('too-large');
    // SIP.js reports a transport that is down as a 503 of its own.
    expect(failureOf(503)).toBe('unreachable');
    expect(failureOf(500)).toBe('other');
  });
});

describe('message text', () => {
  it('is bounded', () => {
    expect([...plainMessage('a'.repeat(9000))].length).toBe(4000);
    expect(plainMessage(Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n')).split('\n')).toHaveLength(
      60,
    );
  });

  it('gives a short first line for previews and notifications', () => {
    expect(firstLine('\nHello there\nsecond')).toBe('Hello there');
    expect(firstLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

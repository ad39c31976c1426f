import { describe, expect, it } from 'vitest';
import { UserAgent } from 'sip.js';
import { normaliseDialString, type DialResult } from './dial';

const DOMAIN = 'pbx.example.com';

function accepted(input: string, domain = DOMAIN): { uri: string; display: string } {
  const result = normaliseDialString(input, domain);
  if (!result.ok) throw new Error(`expected "${input}" to be accepted, got: ${result.reason}`);
  return { uri: result.uri, display: result.display };
}

function rejected(input: string): string {
  const result: DialResult = normaliseDialString(input, DOMAIN);
  if (result.ok) throw new Error(`expected "${input}" to be rejected, got ${result.uri}`);
  return result.reason;
}

describe('normaliseDialString: numbers typed on a keypad', () => {
  it('dials a plain extension at the account domain', () => {
    expect(accepted('1002')).toEqual({ uri: 'sip:1002@pbx.example.com', display: '1002' });
  });

  it('uses the domain it is given, not a fixed one', () => {
    expect(accepted('1002', 'voip.other.org:5061').uri).toBe('sip:1002@voip.other.org:5061');
  });

  it('trims surrounding white space', () => {
    expect(accepted('  1002\t\n').uri).toBe('sip:1002@pbx.example.com');
  });

  it('drops brackets, spaces and dashes of a US-style number', () => {
    expect(accepted('(555) 123-4567')).toEqual({
      uri: 'sip:5551234567@pbx.example.com',
      display: '5551234567',
    });
  });

  it('keeps the leading + of an international number and drops the spaces', () => {
    expect(accepted('+44 20 7946 0018')).toEqual({
      uri: 'sip:+442079460018@pbx.example.com',
      display: '+442079460018',
    });
  });

  it('drops non-breaking spaces pasted from a web page or document', () => {
    expect(accepted('+44\u00a020\u00a07946\u00a00018').uri).toBe('sip:+442079460018@pbx.example.com');
  });

  it('drops dots, slashes and typographic dashes used as separators', () => {
    expect(accepted('555.123.4567').uri).toBe('sip:5551234567@pbx.example.com');
    expect(accepted('030/1234-56').uri).toBe('sip:030123456@pbx.example.com');
    expect(accepted('555\u2013123\u20114567').uri).toBe('sip:5551234567@pbx.example.com');
  });

  it('keeps star codes such as voicemail *97 intact', () => {
    expect(accepted('*97')).toEqual({ uri: 'sip:*97@pbx.example.com', display: '*97' });
  });

  it('escapes # as %23 in the URI but shows it plainly', () => {
    expect(accepted('*72#')).toEqual({ uri: 'sip:*72%23@pbx.example.com', display: '*72#' });
    expect(accepted('#31#1002').uri).toBe('sip:%2331%231002@pbx.example.com');
  });
});

describe('normaliseDialString: names and SIP addresses', () => {
  it('calls a bare name as a user at the account domain', () => {
    expect(accepted('bob')).toEqual({ uri: 'sip:bob@pbx.example.com', display: 'bob' });
  });

  it('keeps a user@host address on its own host', () => {
    expect(accepted('bob@other.example.com')).toEqual({
      uri: 'sip:bob@other.example.com',
      display: 'bob@other.example.com',
    });
  });

  it('cleans separators from a number before the @', () => {
    expect(accepted('+1 (555) 010-0100@gw.example.net').uri).toBe('sip:+15550100100@gw.example.net');
  });

  it('accepts a sip: URI and drops its parameters', () => {
    expect(accepted('sip:bob@host;transport=ws')).toEqual({ uri: 'sip:bob@host', display: 'bob@host' });
    expect(accepted('sip:bob@host.example.com?subject=hi').uri).toBe('sip:bob@host.example.com');
  });

  it('accepts a sips: URI, keeping its user and host', () => {
    const { uri, display } = accepted('sips:alice@secure.example.com');
    expect(display).toBe('alice@secure.example.com');
    expect(uri).toMatch(/^sips?:alice@secure\.example\.com$/);
  });

  // Possible bug (dial.ts, normaliseDialString, sips branch): the scheme is
  // rebuilt as `sip:` by fromUserAndHost, so an explicit sips: address is
  // silently downgraded (RFC 3261 §19.1: sips requires TLS on every hop).
  it('keeps the sips: scheme of a secure address', () => {
    expect(accepted('sips:alice@secure.example.com').uri).toBe('sips:alice@secure.example.com');
  });

  it('turns a tel: URI into a number at the account domain, dropping its parameters', () => {
    expect(accepted('tel:+1-555-0100;phone-context=x')).toEqual({
      uri: 'sip:+15550100@pbx.example.com',
      display: '+15550100',
    });
  });

  it('accepts schemes in upper or mixed case', () => {
    expect(accepted('SIP:bob@host.example.com').uri).toBe('sip:bob@host.example.com');
    expect(accepted('Sip:bob@host.example.com').uri).toBe('sip:bob@host.example.com');
    expect(accepted('TEL:+15550100').uri).toBe('sip:+15550100@pbx.example.com');
  });

  it('keeps a port on the host', () => {
    expect(accepted('bob@pbx.example.com:5061').uri).toBe('sip:bob@pbx.example.com:5061');
    expect(accepted('sip:1002@10.0.0.5:5060;transport=ws').uri).toBe('sip:1002@10.0.0.5:5060');
  });

  it('accepts a bracketed IPv6 host with a port', () => {
    expect(accepted('bob@[::1]:5060')).toEqual({ uri: 'sip:bob@[::1]:5060', display: 'bob@[::1]:5060' });
    expect(accepted('sip:1002@[2001:db8::7]').uri).toBe('sip:1002@[2001:db8::7]');
  });
});

describe('normaliseDialString: what cannot be dialled', () => {
  it.each(['', '   ', '\u00a0\t'])('asks for a number when the input is blank (%j)', (input) => {
    const reason = rejected(input);
    expect(reason.length).toBeGreaterThan(10);
    expect(reason).toMatch(/enter a number or a sip address/i);
  });

  it('rejects free text with spaces and punctuation, quoting it and saying what is allowed', () => {
    const reason = rejected('hello world!');
    expect(reason).toContain('"hello world!"');
    expect(reason).toMatch(/cannot be dialled/);
    expect(reason).toMatch(/digits/);
  });

  it('rejects an address with nothing before the @', () => {
    const reason = rejected('@example.com');
    expect(reason).toContain('"@example.com"');
    expect(reason).toMatch(/no valid user part before the @/);
  });

  it('rejects an address with nothing after the @', () => {
    const reason = rejected('bob@');
    expect(reason).toContain('"bob@"');
    expect(reason).toMatch(/no valid domain after the @/);
  });

  it('rejects a host with spaces or illegal characters', () => {
    expect(rejected('bob@exa mple.com')).toMatch(/domain/);
    expect(rejected('bob@host_name!.com')).toMatch(/domain/);
  });

  it('rejects a sip: URI without a host', () => {
    const reason = rejected('sip:bob');
    expect(reason).toContain('"sip:bob"');
    expect(reason).toMatch(/not a complete SIP address \(user@domain\)/);
    expect(rejected('sip:@host')).toMatch(/user@domain/);
  });

  it('rejects markup', () => {
    const reason = rejected('<script>');
    expect(reason).toContain('"<script>"');
    expect(reason).toMatch(/cannot be dialled/);
  });

  it('rejects separators or a lone + with no digits', () => {
    expect(rejected('+')).toMatch(/cannot be dialled/);
    expect(rejected('(-)')).toMatch(/cannot be dialled/);
    expect(rejected('tel:')).toMatch(/cannot be dialled/);
  });

  it('rejects a user part containing a space', () => {
    expect(rejected('bob smith@example.com')).toMatch(/user part/);
  });
});

describe('normaliseDialString output is a URI SIP.js can parse', () => {
  it.each([
    ['1002', '1002', DOMAIN],
    ['+44 20 7946 0018', '+442079460018', DOMAIN],
    ['*72#', '*72#', DOMAIN],
    ['bob', 'bob', DOMAIN],
    ['sip:bob@host;transport=ws', 'bob', 'host'],
    ['tel:+1-555-0100;phone-context=x', '+15550100', DOMAIN],
    ['bob@[::1]:5060', 'bob', '[::1]'],
  ])('%s', (input, user, host) => {
    const parsed = UserAgent.makeURI(accepted(input).uri);
    expect(parsed).toBeDefined();
    expect(parsed!.user).toBe(user);
    expect(parsed!.host).toBe(host);
  });
});

describe('normaliseDialString: malformed ports and escapes', () => {
  it('rejects a port above 65535', () => {
    const result = normaliseDialString('bob@host.example.com:99999', 'pbx.example.com');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('65535') });
  });

  it('rejects a stray % that is not a %XX escape, and accepts a real escape', () => {
    expect(normaliseDialString('bob%', 'pbx.example.com').ok).toBe(false);
    expect(normaliseDialString('bob%20smith@pbx.example.com', 'pbx.example.com')).toMatchObject({
      ok: true,
      uri: 'sip:bob%20smith@pbx.example.com',
    });
  });
});

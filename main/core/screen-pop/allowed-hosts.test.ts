import { describe, expect, it } from 'vitest';
import { hostAllowed, parseHostRule } from './allowed-hosts';
import { checkTemplate, type TemplateBase } from './template';

// The administrator's list of sites a caller record may open on.

function base(template: string, allowHttp = false): TemplateBase {
  const checked = checkTemplate(template, allowHttp);
  if (!checked.ok) throw new Error(checked.problem);
  return checked.base;
}

describe('screen-pop allowed hosts', () => {
  it('with no list, the template host is allowed', () => {
    expect(hostAllowed(base('https://anything.example/{number}'), [])).toBe(true);
  });

  it('exact hosts, ignoring case and a trailing dot', () => {
    const list = ['CRM.example.com'];
    expect(hostAllowed(base('https://crm.example.com/x'), list)).toBe(true);
    expect(hostAllowed(base('https://crm.example.com./x'), list)).toBe(true);
    expect(hostAllowed(base('https://evil.com/x'), list)).toBe(false);
    expect(hostAllowed(base('https://crm.example.com.evil.com/x'), list)).toBe(false);
    expect(hostAllowed(base('https://evilcrm.example.com/x'), list)).toBe(false);
    expect(hostAllowed(base('https://sub.crm.example.com/x'), list)).toBe(false);
  });

  it('*. allows subdomains only, never the bare domain or look-alikes', () => {
    const list = ['*.example.com'];
    expect(hostAllowed(base('https://crm.example.com/x'), list)).toBe(true);
    expect(hostAllowed(base('https://a.b.example.com/x'), list)).toBe(true);
    expect(hostAllowed(base('https://example.com/x'), list)).toBe(false);
    expect(hostAllowed(base('https://badexample.com/x'), list)).toBe(false);
    expect(hostAllowed(base('https://example.com.evil.com/x'), list)).toBe(false);
  });

  it('user info cannot smuggle another host past the list', () => {
    expect(checkTemplate('https://allowed.com@evil.com/', false)).toEqual({ ok: false, problem: 'userinfo' });
    expect(checkTemplate('https://allowed.com:443@evil.com/', false)).toEqual({
      ok: false,
      problem: 'userinfo',
    });
  });

  it('IDN entries and hosts match in either spelling', () => {
    expect(hostAllowed(base('https://xn--bcher-kva.example/x'), ['bücher.example'])).toBe(true);
    expect(hostAllowed(base('https://BÜCHER.example/x'), ['xn--bcher-kva.example'])).toBe(true);
    // A Cyrillic "а" is another host.
    expect(hostAllowed(base('https://crm.ex\u0430mple.com/x'), ['crm.example.com'])).toBe(false);
  });

  it('ports: an entry without one allows the default port only', () => {
    expect(hostAllowed(base('https://crm.example.com:8443/x'), ['crm.example.com'])).toBe(false);
    expect(hostAllowed(base('https://crm.example.com:8443/x'), ['crm.example.com:8443'])).toBe(true);
    expect(hostAllowed(base('https://crm.example.com:443/x'), ['crm.example.com'])).toBe(true);
    expect(hostAllowed(base('https://crm.example.com/x'), ['crm.example.com:8443'])).toBe(false);
    expect(hostAllowed(base('http://crm.example.com/x', true), ['crm.example.com'])).toBe(true);
    expect(hostAllowed(base('http://crm.example.com:8080/x', true), ['crm.example.com'])).toBe(false);
  });

  it('malformed entries allow nothing', () => {
    for (const entry of ['', '*', '*.', 'a/b', 'user@host', 'https://crm.example.com', '[::1'])
      expect(parseHostRule(entry), entry).toBeNull();
    expect(hostAllowed(base('https://crm.example.com/x'), ['crm.example.com/'])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDeskSettings } from '../../../contract/desk';
import type { PolicyKey } from '../../../contract/policy';
import { Policy } from '../policy/policy';

// Settings refuses a caller record address that could never open.

function policy(values: Record<string, unknown> = {}, locked: PolicyKey[] = []) {
  return new Policy({ path: '/etc/deskphone/policy.json', loaded: true, values, locked, problems: [] });
}

function withTemplate(template: string) {
  const desk = defaultDeskSettings('GB');
  return { ...desk, screenPop: { ...desk.screenPop, template } };
}

describe('saving a screen-pop template', () => {
  const before = defaultDeskSettings('GB');

  it('accepts an https template on an allowed host', () => {
    const p = policy({ 'screenPop.allowedHosts': ['*.example.com'] });
    expect(p.checkDesk(before, withTemplate('https://crm.example.com/{number}')).screenPop.template).toBe(
      'https://crm.example.com/{number}',
    );
  });

  it('refuses a host the administrator did not allow, naming it', () => {
    const p = policy({ 'screenPop.allowedHosts': ['crm.example.com'] });
    expect(() => p.checkDesk(before, withTemplate('https://evil.example.net/{number}'))).toThrow(
      /does not allow caller records on evil\.example\.net/,
    );
  });

  it('refuses placeholders in the host, user info and http (unless allowed)', () => {
    const p = policy();
    expect(() => p.checkDesk(before, withTemplate('https://{name}.example.com/'))).toThrow(/site name/);
    expect(() => p.checkDesk(before, withTemplate('https://a.com@evil.com/'))).toThrow(
      /user name or password/,
    );
    expect(() => p.checkDesk(before, withTemplate('http://crm.example.com/'))).toThrow(/https/);
    expect(() =>
      policy({ 'screenPop.allowHttp': true }).checkDesk(before, withTemplate('http://crm.example.com/')),
    ).not.toThrow();
  });

  it('an unchanged template never blocks saving other settings', () => {
    const old = withTemplate('https://evil.example.net/{number}');
    const p = policy({ 'screenPop.allowedHosts': ['crm.example.com'] });
    expect(() => p.checkDesk(old, { ...old, closeToTray: false })).not.toThrow();
  });

  it('a locked template cannot be changed', () => {
    const p = policy({ 'desk.screenPop.template': 'https://crm.example.com/{number}' }, [
      'desk.screenPop.template',
    ]);
    const shown = p.applyDesk(before);
    expect(shown.screenPop.template).toBe('https://crm.example.com/{number}');
    expect(() => p.checkDesk(shown, withTemplate('https://crm.example.com/other'))).toThrow(/managed/);
  });
});

import type { TemplateBase } from './template';

// Which sites a caller record may open on (policy screenPop.allowedHosts).
// An entry is a host name, compared exactly after IDN names are turned into
// punycode and case is folded ("Bücher.example" and "xn--bcher-kva.example"
// are one entry); "*.example.com" allows any subdomain of example.com but
// not example.com itself (list both when both are meant); ":8443" allows
// that port only, and an entry without a port allows only the scheme's
// default port. Nothing else (no prefix or suffix match, no IP ranges).

interface HostRule {
  /** ASCII host, lower case, without the "*." */
  host: string;
  subdomains: boolean;
  /** '' for the default port. */
  port: string;
}

/** The rule an entry stands for, or null when it is not a host name. */
export function parseHostRule(entry: string): HostRule | null {
  const text = entry.trim();
  const subdomains = text.startsWith('*.');
  const rest = subdomains ? text.slice(2) : text;
  if (!rest || /[\s/?#@\\*[\]]/.test(rest)) return null;
  try {
    // The URL parser does the IDN (punycode) and case folding, and drops :443.
    const url = new URL(`https://${rest}/`);
    if (!url.hostname || url.username || url.password) return null;
    return { host: url.hostname, subdomains, port: url.port };
  } catch {
    return null;
  }
}

function defaultPortOf(protocol: string): string {
  return protocol === 'http:' ? '80' : '443';
}

/** Whether one rule allows the template's host and port. */
function matches(rule: HostRule, base: TemplateBase): boolean {
  // A rule's port was parsed as https; ':80' on an http template is the default port too.
  const rulePort = rule.port === defaultPortOf(base.protocol) ? '' : rule.port;
  if (rulePort !== base.port) return false;
  const host = base.hostname.replace(/\.$/, '');
  if (!rule.subdomains) return host === rule.host;
  return host.endsWith(`.${rule.host}`) && host.length > rule.host.length + 1;
}

/**
 * Whether the template's host may be opened. With no list, the template's
 * own host is the only one ever opened (the expanded URL is checked to keep
 * it), whoever set the template: the user for their own screen, or policy.
 */
export function hostAllowed(base: TemplateBase, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.length === 0) return true;
  return allowedHosts.some((entry) => {
    const rule = parseHostRule(entry);
    return rule !== null && matches(rule, base);
  });
}

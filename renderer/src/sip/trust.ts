// Who the phone trusts without asking the user: callers whose intercom
// requests it may answer by itself, and targets a far end may transfer it to.
// Patterns are simple globs (* any run, ? one character) over the SIP user,
// optionally with @domain.

export interface TrustRules {
  autoAnswerFrom: readonly string[];
  transferRequests: 'ask' | 'refuse';
  transferAllow: readonly string[];
}

export const NO_TRUST: TrustRules = { autoAnswerFrom: [], transferRequests: 'ask', transferAllow: [] };

export interface UriParts {
  user?: string;
  host: string;
}

function glob(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * True when `uri` matches one of `patterns`. A pattern without @ compares the
 * user part; with `onDomain`, the URI must then also be on that domain (a
 * transfer to an outside server is never "internal").
 */
export function matchesAny(patterns: readonly string[], uri: UriParts, onDomain?: string): boolean {
  const user = uri.user ?? '';
  const host = uri.host.toLowerCase();
  return patterns.some((pattern) => {
    const at = pattern.lastIndexOf('@');
    if (at >= 0) return glob(pattern.slice(0, at)).test(user) && host === pattern.slice(at + 1).toLowerCase();
    if (onDomain !== undefined && host !== onDomain.toLowerCase()) return false;
    return user !== '' && glob(pattern).test(user);
  });
}

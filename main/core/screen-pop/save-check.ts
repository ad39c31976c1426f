import type { ScreenPopProblem } from '../../../contract/screen-pop';
import { UserFacingError } from '../errors';
import { hostAllowed } from './allowed-hosts';
import { checkTemplate } from './template';

// Settings refuses a caller record address that could never open, so the
// person hears why while typing it rather than at the next call. Policy
// may still narrow the hosts later; then the call screen says so.

const MESSAGES: Partial<Record<ScreenPopProblem, (host: string) => string>> = {
  invalid: () => 'The caller record address is not a web address.',
  scheme: () => 'The caller record address must start with https://.',
  userinfo: () => 'The caller record address must not contain a user name or password (user:password@).',
  'placeholder-host': () =>
    'Placeholders such as {name} may only stand in the path or after ?, never in the site name: a caller could otherwise choose the site.',
  'host-not-allowed': (host) =>
    `Your administrator does not allow caller records on ${host}. Ask them to add it, or use an allowed site.`,
};

export interface SaveCheckRules {
  allowedHosts: readonly string[];
  allowHttp: boolean;
}

/** Throws a message for the person when a changed, non-empty template would be refused. */
export function refuseBadScreenPopTemplate(template: string, before: string, rules: SaveCheckRules): void {
  if (!template.trim() || template.trim() === before.trim()) return;
  const checked = checkTemplate(template, rules.allowHttp);
  const problem = checked.ok
    ? hostAllowed(checked.base, rules.allowedHosts)
      ? null
      : { problem: 'host-not-allowed' as const, host: checked.base.hostname }
    : { problem: checked.problem, host: '' };
  if (!problem) return;
  const message = MESSAGES[problem.problem];
  throw new UserFacingError(message ? message(problem.host) : 'The caller record address cannot be used.');
}

import { DIAL_SCHEMES } from './dial-links';

// Where a click-to-dial link arrives on the command line. The OS starts
// DeskPhone with the link as an argument (Windows, Linux); when DeskPhone
// already runs, the second process forwards its argv through
// 'second-instance' and quits. macOS sends links through 'open-url' instead,
// which hands over the URL alone and does not need this.

const LINK = new RegExp(`^(?:${DIAL_SCHEMES.join('|')}):`, 'i');

/**
 * The first dial link in `argv`, or null. The executable (argv[0]), the app
 * path in development (`electron .`), Chromium's and our own --flags are
 * skipped, and so is every other scheme. A link glued to a flag
 * (--foo=tel:123) is not taken: only a whole argument counts. The link is
 * not checked here: parseDialLink refuses bad ones with a reason to show.
 */
export function findDialLinkInArgv(argv: readonly string[]): string | null {
  for (const arg of argv.slice(1)) {
    const value = arg.trim();
    if (!value || value.startsWith('-')) continue;
    if (LINK.test(value)) return value;
  }
  return null;
}

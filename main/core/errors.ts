// Two kinds of failure leave main: problems the person at the desk can act on
// (their message is shown as is) and everything else (shown as a generic
// sentence, with the real cause only in the log). Keeping them apart stops
// file paths, stack traces or library jargon from reaching the UI.

/** An error whose message is written for the user and may be shown verbatim. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

export function isUserFacing(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}

/** A short, log-safe description of any thrown value (code and message, no stack). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** The errno-style code of a Node error, if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

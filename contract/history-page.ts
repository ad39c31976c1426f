// Without zod: the phone pages through the history from the start (the
// schemas in history.ts are needed later; re-exported there).

/** At most this many entries per request; the Recent view pages through more. */
export const HISTORY_PAGE_MAX = 500;

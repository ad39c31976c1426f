import { requestAccount, type AccountRequest } from './startup-account';

// main.ts imports this module first, so the request below goes out before
// SIP.js, Svelte and the UI are evaluated: main reads the saved account while
// the renderer is still setting itself up, and the answer is waiting when it
// is done (see startup.ts).

/** The saved account, asked for at page load. */
export const accountAtLoad: AccountRequest = requestAccount();

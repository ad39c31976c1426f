import { openEarlySocket } from '../sip/early-socket';
import { requestAccount, type AccountRequest } from './startup-account';

// Run by an async script tag of its own ahead of the main script (see
// renderer/vite.config.ts), and imported first by main.ts: it takes the
// answers the preload asked for as the page was created, asks for the rest
// (the digest key of the last realm, vault and policy) and opens the
// account's WebSocket, all while the main script is still being compiled,
// before SIP.js, Svelte and the UI are evaluated (see startup.ts).

/** The saved account and what start-up needs with it, asked for at page load. */
export const accountAtLoad: AccountRequest = requestAccount();
// The account's WebSocket opens while the rest of the page loads; the SIP
// transport adopts it when it connects (see sip/early-socket.ts). Only where
// start-up will connect: an account with a saved password.
accountAtLoad.view.then(
  (view) => {
    if (view.account && view.hasPassword) openEarlySocket(view.account.wsUrl);
  },
  () => undefined,
);
// For the start-up marks (see startup-marks.ts); set here so it is the first one.
performance.mark('deskphone:account-requested');

import type { KamailioHandle } from '../harness/kamailio';
import { startKamailio } from '../harness/kamailio';
import { test as base, USERS } from '../fixtures/test';
import { openBarePhone, serveBarePage, type BarePhone } from './baseline/serve';

// The bench's fixtures: the usual phones and Kamailio, plus users for the
// bare SIP.js pages (one per ICE setting, so a call to one never forks to
// another) and a server for that page. Only the bench starts Kamailio with
// these users; the suite's fixture is left as it is.

export const BARE_USERS = {
  sipjs: 'sipjs-Pw-0b5e1a',
  sipjsdead: 'sipjsdead-Pw-0b5e1b',
  sipjsrefused: 'sipjsrefused-Pw-0b5e1c',
  sipjsnav: 'sipjsnav-Pw-0b5e1d',
} as const;
export type BareUser = keyof typeof BARE_USERS;

export interface BarePhones {
  origin: string;
  /** A bare SIP.js page registered as `user`, whose Call button calls `target`. */
  open(user: BareUser, options?: { target?: string; ice?: string[] }): Promise<BarePhone>;
}

export const test = base.extend<{ bare: BarePhones }, { kamailio: KamailioHandle }>({
  kamailio: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const kamailio = await startKamailio({ users: { ...USERS, ...BARE_USERS } });
      await use(kamailio);
      await kamailio.stop();
    },
    { scope: 'worker' },
  ],
  bare: async ({ chromium, kamailio }, use) => {
    const server = await serveBarePage();
    const opened: BarePhone[] = [];
    await use({
      origin: server.origin,
      async open(user, options = {}) {
        const phone = await openBarePhone(chromium, server.origin, {
          user,
          password: BARE_USERS[user],
          domain: kamailio.domain,
          wss: kamailio.wssUrl,
          ...options,
        });
        opened.push(phone);
        return phone;
      },
    });
    for (const phone of opened) await phone.close();
    await server.close();
  },
});

export { expect } from '../fixtures/test';

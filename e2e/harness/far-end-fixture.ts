/**
 * Playwright fixtures for specs that call the machine far end (baresip behind
 * rtpengine). Use this `test` instead of the one in e2e/fixtures/test.ts:
 *
 *   import { expect, test } from '../harness/far-end-fixture';
 *   test('...', async ({ phones, farEnd, kamailio }) => {
 *     const alice = await phones.registered('alice');
 *     await dial(alice.page, farEnd.user);            // 'echo'
 *     ...
 *     await farEnd.waitForDigits('12#');              // RFC 4733, seen by baresip
 *     expect(kamailio.infoDigits()).toBe('34');       // SIP INFO, seen by Kamailio
 *   });
 *
 * It replaces the worker's `kamailio` with the far-end stack's Kamailio (same
 * users, plus `echo`; plain-SIP UDP listener; media relay for `echo` only),
 * so `phones` and every other fixture work unchanged and browser-to-browser
 * calls in the same spec keep their direct media. `farEnd` is the baresip
 * handle, its digits reset before each test.
 */
import { test as base, USERS } from '../fixtures/test';
import type { BaresipHandle } from './baresip';
import { startFarEnd, type FarEnd } from './far-end';

export const test = base.extend<{ farEnd: BaresipHandle }, { farEndStack: FarEnd }>({
  farEndStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const stack = await startFarEnd({ users: { ...USERS } });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker' },
  ],
  kamailio: [
    async ({ farEndStack }, use) => {
      await use(farEndStack.kamailio);
    },
    { scope: 'worker' },
  ],
  farEnd: async ({ farEndStack }, use) => {
    farEndStack.baresip.reset();
    await use(farEndStack.baresip);
  },
});

export { expect } from '@playwright/test';

import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { expectAccessible } from '../fixtures/axe';
import { dial, expectRegistered } from '../fixtures/ui';
import { COMPACT, expectFullyInView, expectNoSidewaysScroll, WIDE, ZOOMED } from '../fixtures/viewport';

// The call bar: every ringing and live call with its main controls stays on
// screen over every view (Settings included), never scrolls away in the compact
// window or at 200 % zoom, and sits in its own pane in a wide window.

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function expectRingControlsInView(page: Page, where: string): Promise<void> {
  await expect(page.getByTestId('incoming-call')).toBeVisible();
  await expectFullyInView(page, button(page, 'Answer'), `Answer (${where})`);
  await expectFullyInView(page, button(page, 'Decline'), `Decline (${where})`);
  await expectNoSidewaysScroll(page, where);
}

async function expectCallControlsInView(page: Page, where: string): Promise<void> {
  for (const name of ['Mute', 'Hold', 'Hang up'])
    await expectFullyInView(page, button(page, name), `${name} (${where})`);
  await expectNoSidewaysScroll(page, where);
}

test('a call rings while Settings is open: answered and hung up from the call bar, Settings stays open', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob', {}, { viewport: COMPACT });
  await button(bob.page, 'Settings').click();
  const accountTab = bob.page.getByRole('tab', { name: 'Account' });
  await expect(accountTab).toBeVisible();

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('caller-name')).toHaveText('Alice Archer');
  await expectRingControlsInView(bob.page, 'ringing over Settings');
  await expect(accountTab).toBeVisible();

  await button(bob.page, 'Answer').click();
  // The far end sees the call answered.
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expectCallControlsInView(bob.page, 'in a call over Settings');
  await expect(accountTab).toBeVisible();

  await button(bob.page, 'Hang up').click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-bar')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-ended')).toHaveText(/^Call with Alice Archer ended, 0:\d\d$/);
  await expectFullyInView(bob.page, bob.page.getByTestId('call-ended'), 'the line saying the call ended');
  // What the user was doing is still there.
  await expect(accountTab).toBeVisible();
});

for (const [label, size] of [
  ['380×640', COMPACT],
  ['200 % zoom (190×320)', ZOOMED],
] as const) {
  test(`${label}: Answer, Decline and Hang up stay in view in every call state`, async ({ phones }) => {
    test.setTimeout(90_000);
    const bob = await phones.registered('bob', {}, { viewport: size });
    const alice = await phones.registered('alice');
    const carol = await phones.registered('carol');

    // Dialling out.
    await dial(bob.page, 'carol');
    await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
    await expect(bob.page.getByTestId('call-status')).toHaveText('Ringing…');
    await expectFullyInView(bob.page, button(bob.page, 'Hang up'), 'Hang up (dialling out)');
    await expectNoSidewaysScroll(bob.page, 'dialling out');
    await button(bob.page, 'Hang up').click();
    await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);

    // Ringing in, then in a call.
    await dial(alice.page, 'bob');
    await expectRingControlsInView(bob.page, 'ringing in');
    await button(bob.page, 'Answer').click();
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await expectCallControlsInView(bob.page, 'in a call');

    // The in-call keypad open.
    await button(bob.page, 'Keypad').click();
    await expect(
      bob.page.getByRole('region', { name: 'Send tones' }).getByRole('button', { name: 'Dial 5' }),
    ).toBeAttached();
    await expectCallControlsInView(bob.page, 'keypad open');

    // A second call waiting, then two lines (alice held).
    await dial(carol.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call').getByText('Call waiting')).toBeVisible();
    await expect(bob.page.getByTestId('announce-assertive')).toHaveText(
      'Call waiting from Carol Cole, carol',
    );
    await expectRingControlsInView(bob.page, 'call waiting');
    await expectFullyInView(bob.page, button(bob.page, 'Hang up'), 'Hang up (call waiting)');
    await button(bob.page, 'Answer').click();
    await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
    await expect(bob.page.getByTestId('line')).toHaveCount(2);
    await expect(bob.page.getByTestId('line').nth(0)).toHaveAttribute('data-status', 'On hold');
    await expectCallControlsInView(bob.page, 'two lines');

    // A conference.
    await button(bob.page, 'Merge into conference').click();
    await expect(bob.page.getByTestId('line').filter({ hasText: 'In conference' })).toHaveCount(2);
    await expectCallControlsInView(bob.page, 'conference');

    await button(carol.page, 'Hang up').click();
    await button(alice.page, 'Hang up').click();
    await expect(bob.page.getByTestId('call-bar')).toHaveCount(0);
  });

  test(`${label}: video call, Answer with video and Hang up stay in view`, async ({ phones }) => {
    const bob = await phones.registered('bob', {}, { viewport: size });
    const alice = await phones.registered('alice');
    await alice.page.getByLabel('Number or SIP address').fill('bob');
    await alice.page.getByRole('button', { name: 'Video call' }).click();
    await expectRingControlsInView(bob.page, 'video ringing');
    await expectFullyInView(bob.page, button(bob.page, 'Answer with video'), 'Answer with video');
    await button(bob.page, 'Answer with video').click();
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await expect(bob.page.getByTestId('video-panel')).toBeAttached();
    await expect(bob.page.getByLabel('Video from Alice Archer')).toBeAttached();
    await expectCallControlsInView(bob.page, 'video');
    await expectFullyInView(bob.page, button(bob.page, 'Camera'), 'Camera (video)');
    await button(bob.page, 'Hang up').click();
    await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  });
}

test('1024×768: two panes side by side, the phone on the left and the call on the right', async ({
  phones,
}) => {
  const bob = await phones.registered('bob', {}, { viewport: WIDE });
  const alice = await phones.registered('alice');
  const work = bob.page.locator('main');
  const idle = bob.page.getByText('No call right now');
  await expect(idle).toBeVisible();
  const left = (await work.boundingBox())!;
  const right = (await idle.boundingBox())!;
  expect(left.x + left.width).toBeLessThanOrEqual(right.x);
  expect(left.width).toBeGreaterThan(400);

  await dial(alice.page, 'bob');
  await expectRingControlsInView(bob.page, 'wide, ringing');
  await button(bob.page, 'Answer').click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const call = (await bob.page.getByTestId('call-screen').boundingBox())!;
  const bar = (await bob.page.getByTestId('call-bar').boundingBox())!;
  const phone = (await work.boundingBox())!;
  // Side by side, the same height band, and the call pane wider than the old 520 px column's half.
  expect(phone.x + phone.width).toBeLessThanOrEqual(call.x);
  expect(call.y).toBeLessThan(phone.y + phone.height);
  expect(bar.x).toBeGreaterThanOrEqual(phone.x + phone.width);
  expect(phone.width + call.width).toBeGreaterThan(900);
  // The keypad view stays usable beside the call.
  await expect(bob.page.getByLabel('Number or SIP address')).toBeVisible();
  await expectCallControlsInView(bob.page, 'wide, in a call');
  await button(bob.page, 'Hang up').click();
});

// README screenshots: DESKPHONE_SCREENSHOTS=1 to refresh docs/screenshots/{compact,compact-200,wide}-{light,dark}.png.
for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots, ${scheme}`, async ({ phones }) => {
    test.skip(
      process.env.DESKPHONE_SCREENSHOTS !== '1',
      'set DESKPHONE_SCREENSHOTS=1 to refresh the screenshots',
    );
    const bob = await phones.registered('bob', {}, { viewport: COMPACT, colorScheme: scheme });
    const alice = await phones.registered('alice');
    const carol = await phones.registered('carol');
    await dial(alice.page, 'bob');
    await button(bob.page, 'Answer').click();
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await dial(carol.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await bob.page.waitForTimeout(2200);
    await mkdir('docs/screenshots', { recursive: true });
    await bob.page.screenshot({ path: `docs/screenshots/compact-${scheme}.png` });
    await bob.page.setViewportSize(ZOOMED);
    await bob.page.waitForTimeout(300);
    await bob.page.screenshot({ path: `docs/screenshots/compact-200-${scheme}.png` });
    await bob.page.setViewportSize(COMPACT);
    await button(bob.page, 'Answer').click();
    await expect(bob.page.getByTestId('line')).toHaveCount(2);
    await bob.page.setViewportSize(WIDE);
    await bob.page.waitForTimeout(1200);
    await bob.page.screenshot({ path: `docs/screenshots/wide-${scheme}.png` });
    await button(carol.page, 'Hang up').click();
    await button(alice.page, 'Hang up').click();
  });
}

// The light theme here, with the announcements each step makes; accessibility.spec.ts
// walks the same call states in both themes.
for (const scheme of ['light'] as const) {
  test(`axe-core finds nothing in the call states, ${scheme}, compact and wide`, async ({ phones }) => {
    test.setTimeout(90_000);
    const bob = await phones.registered('bob', {}, { viewport: COMPACT, colorScheme: scheme });
    const alice = await phones.registered('alice');
    const carol = await phones.registered('carol');
    const check = async (state: string) => {
      for (const size of [COMPACT, WIDE]) {
        await bob.page.setViewportSize(size);
        await expectAccessible(bob.page, `${state}, ${scheme}, ${size.width}×${size.height}`);
      }
    };
    await dial(alice.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await check('ringing');
    await button(bob.page, 'Answer').click();
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await check('in a call');
    await button(bob.page, 'Mute').click();
    await expect(bob.page.getByTestId('announce-polite')).toHaveText('Muted');
    await button(bob.page, 'Hold').click();
    await expect(bob.page.getByTestId('held-badge')).toBeVisible();
    // The far end is told who put them on hold, and when the call is back (alice dialled "bob").
    await expect(alice.page.getByTestId('announce-polite')).toHaveText('bob put you on hold');
    await check('muted and held');
    await button(bob.page, 'Hold').click();
    await expect(alice.page.getByTestId('announce-polite')).toHaveText('bob resumed the call');
    await dial(carol.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await check('call waiting');
    await button(bob.page, 'Answer').click();
    await expect(bob.page.getByTestId('line')).toHaveCount(2);
    await button(bob.page, 'Transfer').click();
    await check('two lines, transfer open');
    await button(carol.page, 'Hang up').click();
    await button(alice.page, 'Hang up').click();
    await expect(bob.page.getByTestId('call-ended')).toBeVisible();
    await check('call ended');
  });
}

test('losing the registration is announced: the phone can no longer receive calls', async ({
  phones,
  kamailio,
}) => {
  const alice = await phones.registered('alice', {}, { viewport: COMPACT });
  await kamailio.kill();
  try {
    await expect(alice.page.getByTestId('announce-polite')).toHaveText(
      "Not registered: you can't receive calls",
      {
        timeout: 15_000,
      },
    );
  } finally {
    await kamailio.restart();
  }
  await expectRegistered(alice.page, 20_000);
});

test('wide window in a call: a failed action is said once (the call screen), not again by the keypad beside it', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', {}, { viewport: WIDE });
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await button(bob.page, 'Answer').click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  await button(alice.page, 'Transfer').click();
  await alice.page.getByLabel('Transfer to').fill('two words@');
  await button(alice.page, 'Transfer now').click();
  const alerts = alice.page.getByRole('alert').filter({ hasText: /\S/ });
  await expect(alerts.first()).toBeVisible();
  await expect(alerts).toHaveCount(1);
  await expect(alice.page.getByTestId('call-screen').getByRole('alert')).toHaveCount(1);
});

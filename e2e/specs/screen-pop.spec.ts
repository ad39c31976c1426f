import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe';
import { openPhone, type PhoneInstance } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { dial, expectRegistered, openTab, setupAccount } from '../fixtures/ui';

// Screen-pop end to end: real calls through Kamailio, the real renderer and
// main's real screen-pop core; the system browser is main's link opener
// (desk fakes), so the test sees exactly the URL a browser would get.

/** A display name that tries to change the URL's path, query, fragment and host. */
const HOSTILE_NAME = 'Zoë ../?x=1#@evil.com';
const TEMPLATE = 'https://crm.example.com/calls/{name}?from={number}&e164={e164}&dir={direction}&note={note}';
const EXPECTED =
  'https://crm.example.com/calls/Zo%C3%AB%20..%2F%3Fx%3D1%23%40evil.com?from=alice&e164=&dir=incoming&note=';

async function setScreenPop(
  page: Page,
  template: string,
  mode: 'Never' | 'When a call rings' | 'When I answer',
) {
  await openTab(page, 'Desk & hotkeys');
  await page.getByLabel('Caller record address').fill(template);
  await page.getByLabel('Open the caller record by itself').selectOption({ label: modeLabel(mode) });
  await page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(page.getByText('Desk settings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to phone' }).click();
}

function modeLabel(mode: 'Never' | 'When a call rings' | 'When I answer'): string {
  return mode === 'Never'
    ? 'Never (use the Open caller record button)'
    : mode === 'When I answer'
      ? 'When I answer a call'
      : mode;
}

async function ring(caller: PhoneInstance, callee: PhoneInstance): Promise<void> {
  await dial(caller.page, 'bob');
  await expect(callee.page.getByTestId('incoming-call')).toBeVisible();
}

async function answer(caller: PhoneInstance, callee: PhoneInstance): Promise<void> {
  await callee.page.getByTestId('incoming-call').getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.page.getByTestId('call-status')).toHaveText('Connected');
}

test('on ring, main opens exactly the expected URL once, with the hostile name encoded', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', { displayName: HOSTILE_NAME });
  const bob = await phones.registered('bob');
  await setScreenPop(bob.page, TEMPLATE, 'When a call rings');

  await ring(alice, bob);
  await expect.poll(() => bob.desk.browser.opened).toEqual([EXPECTED]);
  const url = new URL(bob.desk.browser.opened[0]!);
  expect(url.host).toBe('crm.example.com');
  expect(url.hash).toBe('');
  // The ringing panel offers the button too, with a name that says whose record.
  await expect(
    bob.page.getByTestId('incoming-call').getByRole('button', { name: /^Open caller record for Zoë/ }),
  ).toBeVisible();
  await expectAccessible(bob.page, 'ringing call with Open caller record');

  // Answering does not open it again.
  await answer(alice, bob);
  await bob.page.waitForTimeout(1500);
  expect(bob.desk.browser.opened).toEqual([EXPECTED]);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});

test('on answer, nothing opens while ringing; the record opens once when answered', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await setScreenPop(bob.page, 'https://crm.example.com/pop?n={number}&d={direction}', 'When I answer');

  await ring(alice, bob);
  await bob.page.waitForTimeout(2000);
  expect(bob.desk.browser.opened).toEqual([]);
  await answer(alice, bob);
  await expect
    .poll(() => bob.desk.browser.opened)
    .toEqual(['https://crm.example.com/pop?n=alice&d=incoming']);
  await bob.page.waitForTimeout(1000);
  expect(bob.desk.browser.opened).toHaveLength(1);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('a template on a host outside the policy allow-list is refused on screen and in Settings; nothing opens', async ({
  chromium,
  kamailio,
  phones,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-screenpop-policy-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      version: 1,
      values: { 'screenPop.allowedHosts': ['crm.example.com'], 'desk.screenPop.mode': 'ring' },
      locked: ['desk.screenPop.mode'],
    }),
  );
  const bob = await openPhone(chromium, {
    name: 'bob-screenpop-policy',
    extraCa: [kamailio.certPem],
    policyFile,
  });
  try {
    // Saved before IT's list arrived: the template points elsewhere.
    const desk = bob.core.settings.get().desk;
    await bob.core.settings.update({
      desk: {
        ...desk,
        screenPop: { mode: 'ring', template: 'https://records.evil.example/{number}', includeNote: false },
      },
    });
    await bob.launch();
    await setupAccount(bob.page, phones.account('bob'));
    await expectRegistered(bob.page);
    const alice = await phones.registered('alice');

    await ring(alice, bob);
    const problem = bob.page.getByTestId('incoming-call').getByTestId('screen-pop-problem');
    await expect(problem).toHaveText(
      'The caller record was not opened: your administrator does not allow records.evil.example.',
    );
    await expect(problem).toHaveAttribute('role', 'alert');
    await expect(problem).toBeInViewport();
    expect(bob.desk.browser.opened).toEqual([]);
    await bob.page.screenshot({ path: '/tmp/screenpop-refused.png' });
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);

    // Settings says so too, at once, and keeps the allowed host working.
    await openTab(bob.page, 'Desk & hotkeys');
    // The mode is locked by policy: shown, not changeable, and said why.
    const mode = bob.page.getByLabel('Open the caller record by itself');
    await expect(mode).toBeDisabled();
    await expect(mode).toHaveValue('ring');
    await expect(mode).toHaveAccessibleDescription('Set by your administrator');
    await bob.page.getByLabel('Caller record address').fill('https://other.evil.example/{number}');
    await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
    await expect(bob.page.getByRole('alert').filter({ hasText: 'caller records' })).toContainText(
      'does not allow caller records on other.evil.example',
    );
    await bob.page.getByLabel('Caller record address').fill('https://crm.example.com/{number}');
    await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
    await expect(bob.page.getByText('Desk settings saved.')).toBeVisible();
    await expectAccessible(bob.page, 'screen-pop settings');
    expect(bob.desk.browser.opened).toEqual([]);
  } finally {
    await bob.close();
  }
});

test('Open caller record works from the keyboard; a note is kept in Recent, survives a reload, is found by search and fills {note} only when asked', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await setScreenPop(bob.page, 'https://crm.example.com/c?n={number}&note={note}', 'Never');

  await ring(alice, bob);
  expect(bob.desk.browser.opened).toEqual([]);
  await answer(alice, bob);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');

  // A note typed during the call.
  const note = bob.page.getByLabel('Note on this call');
  await note.fill('Wants a refund for invoice 4711');
  await expect(bob.page.getByTestId('call-note-status')).toHaveText('Note saved');
  await bob.page.screenshot({ path: '/tmp/screenpop-call.png' });

  // Reached with Tab from the call's heading, pressed with Enter.
  const button = bob.page
    .getByTestId('call-screen')
    .getByRole('button', { name: 'Open caller record for Alice Archer' });
  await bob.page.locator('#call-peer').focus();
  for (let i = 0; i < 30 && !(await button.evaluate((el) => el === document.activeElement)); i++) {
    await bob.page.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await bob.page.keyboard.press('Enter');
  // includeNote is off: {note} stays empty.
  await expect.poll(() => bob.desk.browser.opened).toEqual(['https://crm.example.com/c?n=alice&note=']);
  await expect(
    bob.page.getByRole('status').filter({ hasText: 'Caller record opened in your browser' }),
  ).toHaveCount(1);

  // Asked for: the note goes with it.
  const view = bob.core.desk.view();
  await bob.core.desk.save({
    ...view.settings,
    screenPop: { ...view.settings.screenPop, includeNote: true },
  });
  await bob.page.waitForTimeout(1100);
  await button.press('Enter');
  await expect
    .poll(() => bob.desk.browser.opened)
    .toEqual([
      'https://crm.example.com/c?n=alice&note=',
      'https://crm.example.com/c?n=alice&note=Wants%20a%20refund%20for%20invoice%204711',
    ]);

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);

  const recentHasNote = async () => {
    await bob.page.getByRole('tab', { name: 'Recent' }).click();
    const row = bob.page.getByTestId('history-entry').first();
    await expect(row.getByTestId('history-note')).toHaveText('Wants a refund for invoice 4711');
    await expect(row.getByRole('button', { name: 'Edit note on the call with Alice Archer' })).toBeVisible();
  };
  await recentHasNote();
  await bob.page.reload();
  await expectRegistered(bob.page);
  await recentHasNote();

  const search = bob.page.getByLabel('Search calls');
  await search.fill('invoice');
  await expect(bob.page.getByTestId('history-entry')).toHaveCount(1);
  await search.fill('no-such-word');
  await expect(bob.page.getByTestId('history-entry')).toHaveCount(0);
  await search.fill('');

  // Changed afterwards from Recent, with the keyboard.
  await bob.page.getByRole('button', { name: 'Edit note on the call with Alice Archer' }).first().click();
  const field = bob.page.getByLabel('Note on the call with Alice Archer').first();
  await expect(field).toBeFocused();
  await field.fill('Refund sent');
  await field.press('Enter');
  await expect(bob.page.getByTestId('history-note').first()).toHaveText('Refund sent');
  await bob.page.screenshot({ path: '/tmp/screenpop-recent.png' });
  await expectAccessible(bob.page, 'Recent with a call note');

  // The dial field finds the call by a word of its note too, and shows the note.
  await bob.page.getByRole('tab', { name: 'Keypad' }).click();
  await bob.page.getByLabel('Number or SIP address').fill('refu');
  const option = bob.page
    .getByRole('listbox', { name: 'Contacts and recent calls' })
    .getByRole('option', { name: /Alice Archer/ });
  await expect(option).toContainText('Refund sent');
});

import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAppCore } from '../../main/core/app-core';
import { createMemoryLogger } from '../../main/core/logger';
import { TestEncryptor } from '../fixtures/test-encryptor';
import { DISPLAY_NAMES, expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

// Call history and contacts end to end: main records every call from the
// phone's reports (real calls through Kamailio), the Recent view shows them,
// the tray counts missed calls, and the journal survives main being killed.

function openView(page: Page, view: 'Keypad' | 'Recent' | 'Contacts') {
  return page.getByRole('tab', { name: view }).click();
}

function entries(page: Page) {
  return page.getByTestId('history-entry');
}

test('a missed call shows in Recent and on the tray until Recent is opened; Call back rings the caller', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  // Alice gives up before Bob answers.
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);

  await expect.poll(() => bob.core.desk.tray().missedCalls).toBe(1);
  expect(bob.desk.tray.model?.tooltip).toContain('1 missed call');
  await expect(bob.page.getByTestId('missed-badge')).toHaveText(/^1/);

  await openView(bob.page, 'Recent');
  const missed = entries(bob.page).first();
  await expect(missed).toHaveAttribute('data-outcome', 'missed');
  await expect(missed).toContainText(DISPLAY_NAMES.alice);
  await expect(missed.getByTestId('history-outcome')).toHaveText('Missed');
  await expect(missed.getByRole('img', { name: 'Missed call' })).toBeVisible();
  await expect.poll(() => bob.core.desk.tray().missedCalls).toBe(0);
  expect(bob.desk.tray.model?.tooltip).not.toContain('missed');
  await expect(bob.page.getByTestId('missed-badge')).toHaveCount(0);

  // Alice's side: her call is remembered as cancelled.
  await openView(alice.page, 'Recent');
  await expect(entries(alice.page).first()).toHaveAttribute('data-outcome', 'cancelled');

  await missed.getByRole('button', { name: /^Call back/ }).click();
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await expect(alice.page.getByTestId('caller-name')).toHaveText(DISPLAY_NAMES.bob);
  await alice.page.getByRole('button', { name: 'Decline' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});

test('an answered call is in both histories with its duration; search filters; Redial calls again', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(alice.page.getByTestId('call-timer')).toHaveText(/^0:0[2-9]$/);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);

  for (const [phone, name] of [
    [alice, 'bob'],
    [bob, DISPLAY_NAMES.alice],
  ] as const) {
    await openView(phone.page, 'Recent');
    const row = entries(phone.page).first();
    await expect(row).toHaveAttribute('data-outcome', 'answered');
    await expect(row).toContainText(name);
    await expect(row.getByTestId('history-outcome')).toHaveText(/^0:0[1-9]$/);
    const [stored] = phone.core.history.list().entries;
    expect(stored!.duration).toBeGreaterThanOrEqual(1);
  }
  await expect(alice.page.getByRole('img', { name: 'Outgoing call' })).toBeVisible();
  await expect(bob.page.getByRole('img', { name: 'Incoming call' })).toBeVisible();

  // Search: by name, ignoring case; nothing for a stranger.
  const search = bob.page.getByLabel('Search calls');
  await search.fill('ALICE');
  await expect(entries(bob.page)).toHaveCount(1);
  await search.fill('carol');
  await expect(entries(bob.page)).toHaveCount(0);
  await expect(bob.page.getByText('No calls match “carol”.')).toBeVisible();
  await search.fill('');
  await expect(entries(bob.page)).toHaveCount(1);

  // Keyboard: the row's Call back button is reachable and focused visibly.
  await bob.page.getByRole('button', { name: /^Call back/ }).focus();
  await expect(bob.page.getByRole('button', { name: /^Call back/ })).toBeFocused();

  await openView(alice.page, 'Keypad');
  await alice.page.getByRole('button', { name: 'Redial bob' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.page.getByTestId('call-outcome')).toHaveText('bob declined the call.');
});

test('history survives main being killed: finished calls kept, the call in progress is interrupted', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => bob.core.history.list().total).toBe(1);

  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  // The start and the answer are journalled (and fsynced) as they happen.
  const journal = join(bob.userDataDir, 'history.jsonl');
  await expect.poll(() => readFile(journal, 'utf8')).toContain('"status":"active"');

  // "kill -9": a second core on the same folder, with no close or flush on the first.
  const restarted = await createAppCore({
    userDataDir: bob.userDataDir,
    encryptor: new TestEncryptor(),
    platform: 'linux',
    logger: createMemoryLogger(),
  });
  const list = restarted.history.list();
  expect(list.entries.map((e) => e.outcome)).toEqual(['interrupted', 'declined']);
  expect(list.entries.every((e) => e.name === DISPLAY_NAMES.alice)).toBe(true);
  expect(restarted.notices.list().filter((n) => n.id.startsWith('history'))).toEqual([]);

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});

test('a contact is saved, made a favourite, found and called from Contacts', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await openView(bob.page, 'Contacts');
  await expect(bob.page.getByText('No contacts yet.', { exact: false })).toBeVisible();
  for (const [name, number] of [
    ['Zoe Zimmer', '1999'],
    ['Alice at work', 'alice'],
  ]) {
    await bob.page.getByRole('button', { name: 'Add contact' }).click();
    await bob.page.getByRole('textbox', { name: /^Name/ }).fill(name!);
    await bob.page.getByRole('textbox', { name: /^Number/ }).fill(number!);
    await bob.page.getByRole('button', { name: 'Save contact' }).click();
  }
  const rows = bob.page.getByTestId('contact');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Alice at work');

  const star = bob.page.getByRole('button', { name: 'Favourite: Zoe Zimmer' });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.first()).toContainText('Zoe Zimmer');

  await bob.page.getByLabel('Search contacts').fill('ALICE');
  await expect(rows).toHaveCount(1);
  await bob.page.getByRole('button', { name: 'Call Alice at work' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Decline' }).click();

  const stored = JSON.parse(await readFile(join(bob.userDataDir, 'contacts.json'), 'utf8')) as {
    contacts: Array<{ name: string; favourite: boolean }>;
  };
  expect(stored.contacts).toContainEqual(expect.objectContaining({ name: 'Zoe Zimmer', favourite: true }));
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe';
import { startDirectoryServer, vcardDirectory, type DirectoryServer } from '../fixtures/directory-server';
import { openPhone, type PhoneInstance } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { expectRegistered, setupAccount } from '../fixtures/ui';

// The company directory end to end: policy names an https URL and the
// company CA; main downloads 10,000 vCards from a server in the test
// namespace whose certificate only that CA vouches for; typing part of a
// name or a number in the dial field finds the person (timed in the page),
// choosing them calls the number; a damaged download keeps the last good
// copy and says why.

const ZYLINSKI = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Anna Zylinski',
  'ORG:ACME;Support',
  'TEL;VALUE=uri;TYPE=work:sip:bob@127.0.0.1',
  'TEL;VALUE=uri;TYPE=cell:tel:+49-170-5550123',
  'END:VCARD',
].join('\r\n');

const opened: PhoneInstance[] = [];
let server: DirectoryServer | null = null;
test.afterEach(async () => {
  for (const phone of opened.splice(0)) await phone.close();
  await server?.close();
  server = null;
});

async function openDirectoryTab(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Directory' }).click();
}

/** Types `text` and returns ms from the last key press to the option naming `name` on screen. */
async function typeAndTime(page: Page, text: string, name: string): Promise<number> {
  await page.evaluate((wanted) => {
    const field = document.getElementById('dial-target')!;
    let keyAt = 0;
    field.addEventListener('keydown', (event) => (keyAt = event.timeStamp));
    (window as unknown as { optionShown: Promise<number> }).optionShown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const options = Array.from(document.querySelectorAll('[role="option"]'));
        if (!options.some((o) => o.textContent?.includes(wanted))) return;
        observer.disconnect();
        // The next frame: the suggestion has been laid out and painted.
        requestAnimationFrame(() => resolve(performance.now() - keyAt));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, name);
  await page.keyboard.type(text, { delay: 80 });
  return page.evaluate(() => (window as unknown as { optionShown: Promise<number> }).optionShown);
}

const lastSearchMs = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('deskphone:dial-search').at(-1)?.duration ?? -1);

test('a 10,000-entry directory over https is found as you type in under 50 ms; a damaged download keeps the last good copy', async ({
  chromium,
  kamailio,
  phones,
}) => {
  // Two shared cores: axe on a page and 10,000 entries take their time under load.
  test.setTimeout(180_000);
  server = await startDirectoryServer();
  server.serve(vcardDirectory(10_000, [ZYLINSKI]), 'text/vcard; charset=utf-8');
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-directory-policy-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      version: 1,
      values: { 'directory.url': server.url, 'trust.caCertificates': [server.certPem] },
    }),
  );
  const bob = await phones.registered('bob');
  // The phone server's certificate comes through extraCa; the directory's only through policy.
  const alice = await openPhone(chromium, {
    name: 'alice-directory',
    extraCa: [kamailio.certPem],
    policyFile,
  });
  opened.push(alice);
  await alice.launch();
  const page = alice.page;
  // Main reads the 10,000 cards a few seconds after start; on two shared cores that is seconds of
  // the test process's time, which is also the IPC's: the account is set up once it is done.
  await expect.poll(() => alice.core.directory.status().count, { timeout: 60_000 }).toBe(10_000);
  await setupAccount(page, phones.account('alice'));
  await expectRegistered(page);

  await openDirectoryTab(page);
  await expect(page.getByTestId('directory-count')).toHaveText('10,000 entries', { timeout: 30_000 });
  await expect(page.getByTestId('directory-source')).toHaveText(new URL(server.url).host);
  await expect(page.getByText('Last updated')).toBeVisible();
  await expectAccessible(page, 'Settings → Directory');
  await page.getByRole('button', { name: 'Back to phone' }).click();

  // "anna" alone fits a thousand people; "anna z" only her, so this key press is the one timed.
  const field = page.getByRole('combobox', { name: 'Name, number or SIP address' });
  await field.focus();
  const keyToScreen = await typeAndTime(page, 'anna z', 'Zylinski');
  const searchMs = await lastSearchMs(page);
  console.log(
    `Company directory (10,000 entries): search call ${searchMs.toFixed(2)} ms, key press → suggestion on screen ${keyToScreen.toFixed(1)} ms`,
  );
  // The figure is for the search; on screen adds Svelte's update and a frame, on two shared cores.
  expect(searchMs).toBeGreaterThanOrEqual(0);
  expect(searchMs).toBeLessThan(50);
  expect(keyToScreen).toBeLessThan(100);

  const listbox = page.getByRole('listbox', { name: 'Contacts, recent calls and company directory' });
  const work = listbox.getByRole('option', { name: /Anna Zylinski.*Company directory · Support$/ });
  const mobile = listbox.getByRole('option', { name: /Anna Zylinski.*Company directory · Support · mobile/ });
  await expect(work).toBeVisible();
  await expect(mobile).toBeVisible();
  await expectAccessible(page, 'dial field with company directory results');

  // Part of the last name, and digits of another person's number, find them too.
  await field.fill('');
  await page.keyboard.type('zyl');
  await expect(work).toBeVisible();
  console.log(
    `Company directory: "zyl" searched in ${(await lastSearchMs(page)).toFixed(1)} ms (the page clock counts in steps of 0.1 ms)`,
  );
  await field.fill('');
  await page.keyboard.type('30200123');
  await expect(listbox.getByRole('option').first()).toHaveAccessibleName(/^David Becker-123/);

  // Chosen with the keyboard, the directory entry is called.
  await field.fill('');
  await page.keyboard.type('anna zy');
  await page.keyboard.press('ArrowDown');
  await expect(work).toHaveAttribute('aria-selected', 'true');
  await expect(field).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(page.getByTestId('call-status')).toBeVisible();
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);

  // The server now hands out a damaged file (a zip by mistake): the old copy stays, with a notice.
  const before = server.downloads();
  server.serve(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), 'text/vcard');
  await openDirectoryTab(page);
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'not a text file' })).toBeVisible({
    timeout: 30_000,
  });
  expect(server.downloads()).toBe(before + 1);
  const notice = page.getByRole('alert').filter({ hasText: 'The company directory could not be updated' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(
    'the file it gave is not a text file. DeskPhone keeps using the last good copy (10,000 entries).',
  );
  await expect(page.getByTestId('directory-count')).toHaveText('10,000 entries');
  await expectAccessible(page, 'Settings → Directory after a damaged download');
  await page.screenshot({ path: '/tmp/directory-damaged.png' });
  await page.getByRole('button', { name: 'Back to phone' }).click();
  await field.fill('');
  await page.keyboard.type('zyl');
  await expect(work).toBeVisible();

  // Restarted with the server gone: the copy on disk is searched, and the failed download says so.
  await alice.close();
  opened.splice(opened.indexOf(alice), 1);
  await server.close();
  server = null;
  const again = await openPhone(chromium, {
    name: 'alice-directory-again',
    extraCa: [kamailio.certPem],
    policyFile,
    userDataDir: alice.userDataDir,
  });
  opened.push(again);
  await again.launch();
  // (The stand-in vault key died with the first instance: the phone stays unregistered; search works.)
  await expect(again.page.getByRole('alert').filter({ hasText: 'refused the connection' })).toContainText(
    'DeskPhone keeps using the last good copy (10,000 entries).',
    { timeout: 30_000 },
  );
  await again.page.getByRole('combobox', { name: 'Name, number or SIP address' }).focus();
  await again.page.keyboard.type('zyl');
  await expect(
    again.page.getByRole('option', { name: /Anna Zylinski.*Company directory · Support$/ }),
  ).toBeVisible();
  await openDirectoryTab(again.page);
  await expect(again.page.getByTestId('directory-count')).toHaveText('10,000 entries');
});

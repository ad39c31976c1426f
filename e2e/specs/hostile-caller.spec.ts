import { expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

// A caller chooses their own display name, and it travels through the PBX
// into our window, the tray tooltip and the desktop notification, where
// libnotify (KDE, dunst, xfce) renders markup and links. Whatever the caller
// typed, the person at the desk must see plain text that reads in one
// direction: no bold, no clickable link, no right-to-left override turning
// "0099" into "9900". The quotes in the name also prove our own From header
// stays valid: SIP.js wrote display names unescaped, and such a name made
// registration fail with no reason (regression).

const HOSTILE = '<b>Bank</b> <a href="http://evil.invalid">x</a> \u202E0099';
const TRICKS = ['<b>', '</b>', '<a', 'href', 'evil.invalid', '\u202E'];

test('a caller name with markup, a link and U+202E reaches screen, tray and notification as plain text', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', { displayName: HOSTILE });
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');

  const incoming = bob.page.getByTestId('incoming-call');
  await expect(incoming).toBeVisible();
  const onScreen = await incoming.innerText();
  expect(onScreen).toContain('Bank');
  expect(onScreen).toContain('0099');
  // Not rendered as HTML either: the page has no element the caller made.
  await expect(incoming.locator('b, a')).toHaveCount(0);

  await expect.poll(() => bob.desk.notifications.open().length).toBe(1);
  const body = bob.desk.notifications.open()[0]!.spec.body ?? '';
  await expect.poll(() => bob.desk.tray.model?.tooltip ?? '').toContain('Bank');
  const tooltip = bob.desk.tray.model!.tooltip;

  for (const [where, text] of [
    ['screen', onScreen],
    ['notification', body],
    ['tray tooltip', tooltip],
  ] as const) {
    for (const trick of TRICKS)
      expect(text, `${where} must not carry ${JSON.stringify(trick)}`).not.toContain(trick);
    expect(text, where).toMatch(/Bank\s+x?\s*0099/);
  }
  // A screen reader hears the same plain words.
  await expect(bob.page.getByRole('button', { name: /Answer/ }).first()).toBeVisible();
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(incoming).toHaveCount(0);
});

import { readFile, writeFile } from 'node:fs/promises';
import { heapStrings } from '../fixtures/phone';
import { join } from 'node:path';
import { expect, test, USERS } from '../fixtures/test';
import { expectRegistered, LABELS, registrationStatus, setupAccount } from '../fixtures/ui';

test('alice and bob set up their accounts through the form and show Registered', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  for (const [phone, user] of [
    [alice, 'alice'],
    [bob, 'bob'],
  ] as const) {
    const settingsFile = await readFile(join(phone.userDataDir, 'settings.json'), 'utf8');
    expect(settingsFile).toContain(`${user}@127.0.0.1`);
    expect(settingsFile).not.toContain(USERS[user]);
    const vaultFile = await readFile(join(phone.userDataDir, 'credentials.json'));
    expect(vaultFile.includes(Buffer.from(USERS[user]))).toBe(false);
  }
  // Registered without the renderer holding the password: not in any IPC answer, not in the
  // page's JavaScript heap, not in the page (main answered the digest challenge's realm instead).
  for (const [phone, user] of [
    [alice, 'alice'],
    [bob, 'bob'],
  ] as const) {
    const answers = phone.ipcLog.filter((r) => JSON.stringify(r.response ?? '').includes(USERS[user]));
    expect(answers).toEqual([]);
    expect(phone.ipcLog.some((r) => r.channel === 'credentials:digest')).toBe(true);
    const strings = await heapStrings(phone.page);
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((text) => text.includes(USERS[user]))).toEqual([]);
    expect(await phone.page.content()).not.toContain(USERS[user]);
    if (process.env.DESKPHONE_E2E_ARTIFACTS) {
      await writeFile(`${phone.userDataDir}.heap.txt`, strings.join('\n'));
    }
  }
  // The stored password is never sent back to the form.
  await alice.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(alice.page.getByLabel('Password')).toHaveValue('');
  await expect(alice.page.getByLabel('Password')).toHaveAttribute('placeholder', /Stored/);
});

test('a wrong password shows the wrong-credentials message and is not retried', async ({
  phones,
  kamailio,
}) => {
  // Kamailio runs for the whole worker: count only this phone's failures.
  const failures = () =>
    kamailio.logs().filter((l) => /E2E AUTH-FAILED .*method=REGISTER user=alice /.test(l)).length;
  const before = failures();
  const phone = await phones.open('alice-wrong');
  await setupAccount(phone.page, phones.account('alice', { password: 'not-the-password' }));
  await expect(registrationStatus(phone.page)).toHaveText('Registration failed');
  await expect(phone.page.getByTestId('registration-error')).toContainText('Wrong user name or password');

  const seen = failures() - before;
  await phone.page.waitForTimeout(4000);
  expect(seen).toBe(1);
  expect(failures() - before).toBe(1);
  await expect(registrationStatus(phone.page)).toHaveText('Registration failed');
});

test('a wrong WebSocket path (HTTP 404) is explained as a path problem', async ({ phones, kamailio }) => {
  const phone = await phones.open('alice-path');
  await setupAccount(phone.page, phones.account('alice', { wsUrl: kamailio.wrongPathUrl }));
  await expect(registrationStatus(phone.page)).toContainText('Registration failed');
  // A PBX that is still starting answers 404 too: the phone keeps trying, and says when.
  await expect(phone.page.getByTestId('registration-retry')).toContainText(/Next try in \d+ s|Trying now/);
  const error = phone.page.getByTestId('registration-error');
  await expect(error).toContainText('no WebSocket at the path /wrong-path');
  await expect(error).toContainText('/ws');
});

test('a server that is not running is reported as refused, and a fix recovers', async ({
  phones,
  kamailio,
}) => {
  const phone = await phones.open('alice-down');
  const deadUrl = `wss://127.0.0.1:1/ws`;
  await setupAccount(phone.page, phones.account('alice', { wsUrl: deadUrl }));
  await expect(phone.page.getByTestId('registration-error')).toContainText(/refused|nothing is listening/i);

  await phone.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await phone.page.getByLabel(LABELS.server).fill(kamailio.wssUrl);
  await phone.page.getByRole('button', { name: 'Save and connect' }).click();
  await expectRegistered(phone.page);
});

test('invalid fields get clear messages and nothing is saved', async ({ phones }) => {
  const phone = await phones.open('bad-input');
  await setupAccount(phone.page, {
    displayName: 'X',
    sipAddress: 'not an address',
    password: '',
    wsUrl: 'http://pbx.example.com/ws',
  });
  await expect(phone.page.getByText('A SIP address looks like user@domain')).toBeVisible();
  await expect(phone.page.getByText('must start with wss://')).toBeVisible();
  await expect(phone.page.getByText('Enter the password for this account.')).toBeVisible();
  await phone.page.setViewportSize({ width: 460, height: 900 });
  await phone.page.screenshot({ path: 'docs/screenshots/account-errors.png', fullPage: true });
  const view = await phone.core.account.view();
  expect(view.account).toBeNull();
});

import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { expectRegistered, LABELS } from '../fixtures/ui';

// Start-up with a saved account: the WebSocket and the REGISTER go out before
// the window is first drawn, and views the first screen does not show are
// fetched only when opened. Order and structure are asserted, never times:
// the figures are printed (and measured for real by `npm run bench`).

/** The chunks of views behind a tab, a button or the tray (renderer/src/ui/app/views.ts, DoctorLauncher). */
const LAZY_VIEWS = [
  'SettingsPanel',
  'HistoryView',
  'ContactsView',
  'BoardView',
  'MessagesView',
  'ParkSlots',
  'DoctorDialog',
];
const MARKS = [
  'account-requested',
  'ws-early',
  'script-start',
  'config-loaded',
  'ws-connecting',
  'ws-open',
  'register-sent',
  'register-challenged',
  'register-authorized',
  'registered',
  'first-render',
];

const chunkOf = (url: string): string | undefined =>
  /\/assets\/([\w.-]+)-[\w-]{8}\.js$/.exec(new URL(url).pathname)?.[1];

/** The start-up marks (ms since navigation start), as the page recorded them. */
function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate((names) => {
    const found: Record<string, number> = {};
    for (const name of names) {
      const entry = performance.getEntriesByName(`deskphone:${name}`)[0];
      if (entry) found[name] = entry.startTime;
    }
    return found;
  }, MARKS);
}

/** When the page started fetching a view's chunk (ms since navigation start). */
function fetchedAt(page: Page, view: string): Promise<number | undefined> {
  return page.evaluate(
    (name) =>
      performance
        .getEntriesByType('resource')
        .find((entry) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`).test(entry.name))?.startTime,
    view,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

test('a saved account: REGISTER out before the first drawing; other views fetched only when opened', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const page = alice.page;
  const chunks: string[] = [];
  page.on('request', (request) => {
    const chunk = chunkOf(request.url());
    if (chunk) chunks.push(chunk);
  });
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));

  // The app opened again, with the account saved.
  const pageResponse = page.waitForResponse((response) => response.url().endsWith('/index.html'));
  await alice.launch();
  await expectRegistered(page);
  const at = await marks(page);
  // The page's answer names its module scripts in a Link header (as main's app:// handler
  // does), so they are fetched while the page is still being set up, not when parsed.
  const link = (await (await pageResponse).allHeaders())['link'] ?? '';
  const moduleScripts = await page.evaluate(() =>
    Array.from(document.querySelectorAll('script[type="module"]'), (script) => script.getAttribute('src')),
  );
  expect(moduleScripts.length).toBeGreaterThanOrEqual(2);
  for (const src of moduleScripts) expect(link).toContain(`<${src}>; rel=modulepreload`);
  expect(Object.keys(at).sort(), 'every start-up mark was set').toEqual([...MARKS].sort());
  // The account is asked for by its own small script, before the main one runs;
  // its WebSocket is opened there and taken over by SIP.js: one socket, not two.
  expect(at['account-requested']!).toBeLessThan(at['script-start']!);
  expect(at['ws-early']!).toBeLessThanOrEqual(at['ws-connecting']!);
  expect(sockets).toEqual([alice.core.settings.get().account!.wsUrl]);
  expect(at['ws-connecting']!).toBeLessThan(at['first-render']!);
  expect(at['register-sent']!).toBeLessThan(at['first-render']!);
  expect(at['registered']!).toBeGreaterThan(at['register-sent']!);

  // The first screen is all there, as before: status, Settings, the tabs, the keypad.
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText(['Keypad', 'Recent', 'Contacts', 'Colleagues', 'Messages']);
  await expect(page.getByRole('tab', { name: 'Keypad' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Number or SIP address')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Video call' })).toBeVisible();
  expect(chunks, 'the entry script is watched').toContain('index');
  // The first screen's own chunk is fetched once the phone is registered (its
  // compilation competed with SIP.js's), and before it is drawn; when the answer
  // is slow (a loaded machine), the drawing and its chunk start once the REGISTER
  // has been out ANSWER_WAIT_MS (renderer/src/state/startup.ts), never before.
  const firstScreenAt = (await fetchedAt(page, 'first-screen'))!;
  const answerWaitMs = 50;
  expect(firstScreenAt).toBeGreaterThan(Math.min(at['registered']!, at['register-sent']! + answerWaitMs));
  expect(firstScreenAt).toBeLessThan(at['first-render']!);
  expect(chunks.filter((chunk) => LAZY_VIEWS.includes(chunk))).toEqual([]);

  // Each view's chunk is fetched when the view opens, after the first drawing.
  const opens: Array<[string, () => Promise<void>]> = [
    [
      'HistoryView',
      async () => {
        await page.getByRole('tab', { name: 'Recent' }).click();
        await expect(page.getByLabel('Search calls')).toBeVisible();
      },
    ],
    [
      'ContactsView',
      async () => {
        await page.getByRole('tab', { name: 'Contacts' }).click();
        await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
      },
    ],
    [
      'BoardView',
      async () => {
        await page.getByRole('tab', { name: 'Colleagues' }).click();
        await expect(page.getByRole('heading', { name: 'Colleagues' })).toBeVisible();
      },
    ],
    [
      'MessagesView',
      async () => {
        await page.getByRole('tab', { name: 'Messages' }).click();
        await expect(page.getByRole('heading', { name: 'Messages' })).toBeVisible();
      },
    ],
    [
      'SettingsPanel',
      async () => {
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await expect(page.getByLabel(LABELS.server)).toBeVisible();
      },
    ],
  ];
  for (const [view, open] of opens) {
    expect(chunks, `${view} before it was opened`).not.toContain(view);
    await open();
    expect(chunks).toContain(view);
    expect(await fetchedAt(page, view)).toBeGreaterThan(at['first-render']!);
  }

  // The connection doctor from the tray, over whatever the window shows.
  expect(chunks).not.toContain('DoctorDialog');
  await alice.core.desk.onTrayItem('doctor');
  await expect(page.getByRole('dialog', { name: 'Connection doctor' })).toBeVisible();
  expect(chunks).toContain('DoctorDialog');
  await expect(page.getByText(/Connection doctor finished/).first()).toBeAttached({ timeout: 30_000 });

  // An English phone loads no other language's messages, whatever it opened
  // (all four in the start-up scripts cost about 20 ms of parsing).
  const scripts = await page.evaluate(() =>
    Promise.all(
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => url.endsWith('.js'))
        .map(async (url) => (await fetch(url)).text()),
    ),
  );
  expect(scripts.length).toBeGreaterThan(5);
  expect(
    scripts.some((text) => text.includes('Incoming call')),
    'English is there',
  ).toBe(true);
  for (const foreign of ['Eingehender Anruf', 'Appel entrant', 'Llamada entrante']) {
    expect(
      scripts.some((text) => text.includes(foreign)),
      foreign,
    ).toBe(false);
  }
});

test('a language whose messages cannot be loaded: the phone registers and speaks English', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', undefined, { locale: 'de-DE' });
  const page = alice.page;
  await expect(page.getByRole('button', { name: 'Anrufen', exact: true })).toBeVisible();
  await page.route(/\/assets\/de-[\w-]+\.js$/, (route) => route.abort());
  await page.reload();
  await expectRegistered(page);
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
});

test('navigation start → Registered with a saved account, seven loads (printed, with the marks)', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const rows: Record<string, number[]> = Object.fromEntries(MARKS.map((name) => [name, []]));
  for (let run = 0; run < 7; run++) {
    const page = await alice.context.newPage();
    await page.goto(`${alice.server.origin}/index.html`);
    await expectRegistered(page);
    const at = await marks(page);
    expect(at['register-sent']!).toBeLessThan(at['first-render']!);
    for (const name of MARKS) rows[name]!.push(at[name]!);
    await page.close();
  }
  const lines = MARKS.map(
    (name) =>
      `  ${name.padEnd(14)} ${median(rows[name]!).toFixed(0).padStart(5)} ms   [${rows[name]!.map((v) => v.toFixed(0)).join(', ')}]`,
  );
  console.log(`Start-up marks, medians of 7 loads (ms since navigation start):\n${lines.join('\n')}`);
});

test('a view whose chunk cannot be loaded says so in its place; the keypad still works', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const page = alice.page;
  await page.route(/\/assets\/HistoryView-[\w-]+\.js$/, (route) => route.abort());
  await page.getByRole('tab', { name: 'Recent' }).click();
  await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveText(
    'This part of DeskPhone could not be loaded. Restart DeskPhone to try again.',
  );
  await page.getByRole('tab', { name: 'Keypad' }).click();
  await expect(page.getByLabel('Number or SIP address')).toBeVisible();
  await expectRegistered(page);
});

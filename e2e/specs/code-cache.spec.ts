import type { CDPSession, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPersistentWindow } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { expectRegistered } from '../fixtures/ui';

// A launch of the app used before starts from V8's code cache: Electron keeps
// the app's Chromium profile in its user-data folder, and with the feature
// main turns off (main/core/chromium-features.ts) Chromium compiles the
// start-up module scripts from that cache instead of parsing them again.
// Here: a browser with a profile on disk and the app's switches, the page
// loaded as the app loads it, the fourth load traced.

interface TraceEvent {
  name: string;
  args?: {
    data?: { url?: string; consumedCacheSize?: number; streamed?: boolean; notStreamedReason?: string };
  };
}

/** Every trace event of `load`, from the page's own DevTools session. */
async function traced(cdp: CDPSession, load: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (batch) => events.push(...(batch.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['v8', 'devtools.timeline'] },
  });
  await load();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** The page's own module scripts: what runs before it registers (later chunks are not asked for yet). */
function startupModules(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement>('script[type="module"]'), (script) => script.src),
  );
}

/** Quits as the app does: beforeunload un-REGISTERs, so no stale contact stays at the server. */
async function leave(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('beforeunload')));
  await page.waitForTimeout(200);
  await page.close();
}

test('a later launch compiles the start-up scripts from the V8 code cache, not from source', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const profile = await mkdtemp(join(tmpdir(), 'deskphone-code-cache-'));
  const window = await openPersistentWindow(alice, profile);
  const url = `${alice.server.origin}/index.html`;
  const launch = async (page: Page) => {
    await page.goto(url);
    await expectRegistered(page);
  };
  try {
    // Chromium writes a script's cache on its second load; the third is the first to use it.
    for (let i = 0; i < 3; i++) {
      const page = await window.newPage();
      await launch(page);
      await leave(page);
    }
    const page = await window.newPage();
    const events = await traced(await window.newCDPSession(page), () => launch(page));
    const modules = await startupModules(page);
    expect(modules.length, 'the start-up scripts').toBeGreaterThanOrEqual(2);
    const compiled = events.filter((event) => event.name === 'v8.compileModule');
    for (const module of modules) {
      const compile = compiled.find((event) => event.args?.data?.url === module);
      expect(compile, `${module} compiled`).toBeDefined();
      expect(
        compile!.args!.data!.consumedCacheSize ?? 0,
        `${module} from the code cache (${JSON.stringify(compile!.args!.data)})`,
      ).toBeGreaterThan(0);
    }
    await leave(page);
  } finally {
    await window.close();
    await rm(profile, { recursive: true, force: true });
  }
});

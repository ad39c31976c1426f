import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

// Recording a start-up for e2e/bench/start-tools.ts: a Chromium trace (open it
// in DevTools' Performance panel or Perfetto; CPU samples included) or a
// sampled CPU profile (DevTools' JavaScript Profiler).

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  ...(process.env.BENCH_PROFILE_SAMPLES === '0' ? [] : ['disabled-by-default-v8.cpu_profiler']),
];

/** Runs `load` while Chromium traces `page`; writes the trace to `file`. */
export async function traceStart(page: Page, file: string, load: () => Promise<void>): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('No browser to trace');
  await browser.startTracing(page, { categories: CATEGORIES });
  await load();
  writeFileSync(file, await browser.stopTracing());
}

/** Runs `load` under V8's sampling profiler (0.1 ms); writes the profile to `file`. */
export async function cpuProfileStart(page: Page, file: string, load: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await load();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
}

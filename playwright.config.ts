import { defineConfig } from '@playwright/test';

// Every spec starts its own Kamailio and browsers; on a 2-core machine one
// worker keeps media timing honest.
export default defineConfig({
  testDir: 'e2e/specs',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});

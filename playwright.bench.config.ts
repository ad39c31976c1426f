import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e/bench',
  workers: 1,
  timeout: 300_000,
  reporter: [['list']],
  outputDir: 'test-results/bench',
});

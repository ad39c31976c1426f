import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e/bench',
  // e2e/bench/*.test.ts are Vitest unit tests of the bench's own arithmetic.
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 300_000,
  reporter: [['list']],
  outputDir: 'test-results/bench',
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'contract/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'preload/**/*.test.ts',
    ],
    environment: 'node',
  },
});

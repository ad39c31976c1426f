import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles runes in *.svelte.ts so the renderer's state classes can be unit-tested.
  plugins: [svelte({ configFile: './renderer/svelte.config.js' })],
  test: {
    include: [
      'main/**/*.test.ts',
      'contract/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'renderer/vite/**/*.test.ts',
      'preload/**/*.test.ts',
      'e2e/harness/**/*.test.ts',
      'e2e/bench/**/*.test.ts',
    ],
    environment: 'node',
  },
});

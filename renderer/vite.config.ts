import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// The renderer is served from app://phone in Electron and from a loopback HTTP
// server in end-to-end tests, so every asset URL must be relative.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Maps for the license list (scripts/sbom.mjs), without a comment pointing at a file the package leaves out.
    sourcemap: 'hidden',
    rolldownOptions: {
      output: {
        // Views the first screen does not show are split off by import() (ui/app/views.ts) and
        // named after their component, which e2e/specs/startup.spec.ts watches for.
        chunkFileNames: 'assets/[name]-[hash].js',
      },
    },
  },
});

import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

/**
 * The first screen's chunk (ui/app/first-screen.ts) is imported only once the
 * phone has sent its REGISTER; a modulepreload link lets the page fetch and
 * compile it meanwhile, without running it.
 */
function preloadFirstScreen(): Plugin {
  return {
    name: 'deskphone-preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/ui/app/first-screen.ts'),
        );
        if (chunk?.type !== 'chunk') throw new Error('The first-screen chunk is missing from the bundle.');
        // With the chunks it imports, except the entry (already loading).
        const entry = context.chunk?.fileName;
        return [chunk.fileName, ...chunk.imports.filter((file) => file !== entry)].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The renderer is served from app://phone in Electron and from a loopback HTTP
// server in end-to-end tests, so every asset URL must be relative.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte(), preloadFirstScreen()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Maps for the license list (scripts/sbom.mjs), without a comment pointing at a file the package leaves out.
    sourcemap: 'hidden',
    // One stylesheet, linked from the page: the first screen's styles are there before it is drawn.
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        // Views the first screen does not show are split off by import() (ui/app/views.ts) and
        // named after their component, which e2e/specs/startup.spec.ts watches for.
        chunkFileNames: 'assets/[name]-[hash].js',
      },
    },
  },
});

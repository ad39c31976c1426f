import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { sipGrammarCompiled } from './vite/sipjs-grammar.ts';
import { LATER_MODULES_META } from './src/state/later-modules.ts';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

const entryOf = (bundle: OutputBundle | undefined, source: string): OutputChunk => {
  const chunk = Object.values(bundle ?? {}).find(
    (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith(source),
  );
  if (chunk?.type !== 'chunk') throw new Error(`The chunk of ${source} is missing from the bundle.`);
  return chunk;
};

/**
 * The request for the saved account (state/account-at-load.ts) is an entry of
 * its own, run by an async script tag ahead of the main one: it is tiny and
 * imports nothing, so the page runs it as soon as it has arrived, while the
 * main script is still being compiled, and the account's WebSocket opens that
 * much sooner. main.ts imports the same module (one instance per page, run
 * once, by whichever gets there first), which is how it gets the answers.
 */
function requestAccountFirst(): Plugin {
  return {
    name: 'deskphone-request-account-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = entryOf(context.bundle, '/state/account-at-load.ts');
        // Just before the main script (after the page's own Content-Security-Policy).
        const main = html.indexOf('<script type="module"');
        if (main < 0) throw new Error('index.html has no module script.');
        // async: run as soon as it has arrived, not after the page is parsed and its styles are in.
        const tag = `<script type="module" async crossorigin src="./${chunk.fileName}"></script>\n    `;
        return html.slice(0, main) + tag + html.slice(main);
      },
    },
  };
}

/**
 * The first screen's chunk (ui/app/first-screen.ts) and the chunks it imports
 * are named in a meta element, not modulepreload links: compiling them (tens
 * of milliseconds on a background thread) from the first moment slowed the
 * compilation of SIP.js and so the REGISTER. The page asks for them itself
 * once the phone is registered (state/later-modules.ts).
 */
function preloadFirstScreenLater(): Plugin {
  return {
    name: 'deskphone-preload-first-screen-later',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = entryOf(context.bundle, '/ui/app/first-screen.ts');
        // With the chunks it imports, except the entry and what the entry imports (already loaded).
        const loaded = new Set([context.chunk?.fileName, ...(context.chunk?.imports ?? [])]);
        const files = [chunk.fileName, ...chunk.imports.filter((file) => !loaded.has(file))];
        return [
          {
            tag: 'meta',
            attrs: { name: LATER_MODULES_META, content: files.map((file) => `./${file}`).join(' ') },
            injectTo: 'head' as const,
          },
        ];
      },
    },
  };
}

/** What the account request's own script holds (state/account-at-load.ts and its imports). */
const ACCOUNT_AT_LOAD_MODULES = [
  '/state/account-at-load.ts',
  '/state/startup-account.ts',
  '/state/digest-prefetch.ts',
  '/sip/early-socket.ts',
];

// The renderer is served from app://phone in Electron and from a loopback HTTP
// server in end-to-end tests, so every asset URL must be relative.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte(), sipGrammarCompiled(), requestAccountFirst(), preloadFirstScreenLater()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Maps for the license list (scripts/sbom.mjs), without a comment pointing at a file the package leaves out.
    sourcemap: 'hidden',
    // One stylesheet, linked from the page: the first screen's styles are there before it is drawn.
    cssCodeSplit: false,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        'account-at-load': fileURLToPath(new URL('./src/state/account-at-load.ts', import.meta.url)),
      },
      output: {
        // Views the first screen does not show are split off by import() (ui/app/views.ts) and
        // named after their component, which e2e/specs/startup.spec.ts watches for.
        chunkFileNames: 'assets/[name]-[hash].js',
        // Everything the page runs before it registers in one module script (named after the
        // entry, which it contains), apart from the small account request: a launch with V8's code
        // cache loads one cached file instead of six (README, Performance).
        codeSplitting: {
          groups: [
            {
              name: 'index',
              tags: ['$initial'],
              test: (id: string) => !ACCOUNT_AT_LOAD_MODULES.some((module) => id.endsWith(module)),
              // main.ts imports the account request too: its modules stay in their own script.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});

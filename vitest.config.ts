import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const ROOTS = ['main', 'contract', 'renderer/src', 'renderer/vite', 'preload', 'e2e/harness', 'e2e/bench'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// Most test files share one module registry per worker (isolate: false): loading SIP.js, zod and
// Svelte again for each of ~160 files took four fifths of the unit run. A file that replaces
// modules or globals (vi.mock and the like), sets the environment, listens on the process or runs
// a built bundle would leak into the files after it, so those keep a fresh registry each.
const CHANGES_THE_WORKER =
  /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|hoisted)\(|process\.(on|once)\(|process\.env\.\w+\s*=[^=]|runBundle\(/;
const all = ROOTS.flatMap(testFiles);
const isolated = all.filter((file) => CHANGES_THE_WORKER.test(readFileSync(file, 'utf8')));
const shared = all.filter((file) => !isolated.includes(file));

export default defineConfig({
  // Compiles runes in *.svelte.ts so the renderer's state classes can be unit-tested.
  plugins: [svelte({ configFile: './renderer/svelte.config.js' })],
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'shared', include: shared, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});

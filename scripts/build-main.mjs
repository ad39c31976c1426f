// Bundles the Electron main process and the preload with esbuild.
//
// Both are CommonJS with a .cjs extension: package.json says "type": "module",
// and .cjs makes Electron load them as CommonJS regardless. The sandboxed
// preload must be ONE file whose only require() is 'electron' (a sandboxed
// preload has no Node module loader); the main bundle keeps only electron and
// Node built-ins external, so the packaged app needs no node_modules.
//
// Importable: the unit test builds the preload with the same options.

import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Electron 45 ships Chromium 140 and Node 22.
const ELECTRON_NODE = 'node22';
const ELECTRON_CHROME = 'chrome140';

/** @param {string} root */
export function mainOptions(root = ROOT) {
  return /** @type {import('esbuild').BuildOptions} */ ({
    entryPoints: [join(root, 'main', 'index.ts')],
    outfile: join(root, 'dist', 'main', 'index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ELECTRON_NODE,
    external: ['electron'],
    // The map is for the license list (scripts/sbom.mjs); the package leaves it out, so no comment points at it.
    sourcemap: 'external',
    logLevel: 'warning',
  });
}

/** @param {string} root */
export function preloadOptions(root = ROOT) {
  return /** @type {import('esbuild').BuildOptions} */ ({
    entryPoints: [join(root, 'preload', 'index.ts')],
    outfile: join(root, 'dist', 'preload', 'index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: [ELECTRON_CHROME, ELECTRON_NODE],
    external: ['electron'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

export async function buildAll(root = ROOT) {
  await Promise.all([build(mainOptions(root)), build(preloadOptions(root))]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAll().then(
    () => console.log('Built dist/main/index.cjs and dist/preload/index.cjs'),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

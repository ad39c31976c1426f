#!/usr/bin/env node
// Rewrites the policy reference table in docs/deploying.md from the key
// registry in contract/policy.ts (npm run docs:policy). The TypeScript is
// bundled in memory with the esbuild the build already uses.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const doc = join(root, 'docs', 'deploying.md');

const bundle = await build({
  entryPoints: [join(root, 'main', 'core', 'policy', 'policy-docs.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const source = bundle.outputFiles[0].text;
const { withPolicyReference } = await import(
  `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
);

const before = await readFile(doc, 'utf8');
const after = withPolicyReference(before);
if (after === before) {
  console.log('docs/deploying.md: policy reference already up to date');
} else {
  await writeFile(doc, after);
  console.log('docs/deploying.md: policy reference updated');
}

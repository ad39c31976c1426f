#!/usr/bin/env node
// Runs the Playwright suite (or, with --bench, the benchmark) inside a private
// network namespace that has only loopback, so media and signalling can never
// leave 127.0.0.1 and ports cannot clash with anything else on the machine.
// 10.213.0.1 on that lo exists only inside the namespace: Asterisk never offers
// a loopback ICE candidate, so it offers this one and maps it to 127.0.0.1
// (e2e/harness/asterisk-config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const bench = args.includes('--bench');
const passThrough = args.filter((a) => a !== '--bench');

function canUnshare() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = spawnSync('unshare', ['-n', '--', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

// Always test what the sources say now: a stale dist/ would test old code.
// `npm test` has just built, and says so; the namespaced re-run skips it too.
if (process.env.DESKPHONE_SKIP_BUILD !== '1' || !existsSync('dist/renderer/index.html')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (process.env.DESKPHONE_NETNS !== '1' && canUnshare()) {
  const result = spawnSync(
    'unshare',
    [
      '-n',
      '--',
      'sh',
      '-c',
      'ip link set lo up && ip addr add 10.213.0.1/32 dev lo && exec "$@"',
      'sh',
      process.execPath,
      self,
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, DESKPHONE_NETNS: '1', DESKPHONE_SKIP_BUILD: '1' } },
  );
  process.exit(result.status ?? 1);
}

if (process.env.DESKPHONE_NETNS !== '1') {
  console.warn(
    'Note: not root or no unshare: running end-to-end tests on the host loopback without a private namespace.',
  );
}

const config = bench ? 'playwright.bench.config.ts' : 'playwright.config.ts';
const cli = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const result = spawnSync(process.execPath, [cli, 'test', '-c', config, ...passThrough], { stdio: 'inherit' });
process.exit(result.status ?? 1);

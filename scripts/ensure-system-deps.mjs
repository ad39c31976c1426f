#!/usr/bin/env node
// The end-to-end tests need Debian's Chromium and Kamailio (with its WebSocket
// and TLS modules), and for the machine far end (e2e/harness/far-end.ts)
// baresip-core and rtpengine-daemon; Kamailio's rtpengine module ships in the
// kamailio package itself; coturn (turnserver) for the TURN-only calls; and the runtime libraries of the prebuilt Asterisk. Installs what is missing with apt when running as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

// What the prebuilt Asterisk 22 and the legacy Asterisk 20 (chan_sip) link against (../shared/asterisk/README.md).
const ASTERISK_RUNTIME_PACKAGES = [
  'libedit2',
  'libjansson4',
  'libsqlite3-0',
  'libsrtp2-1',
  'libssl3',
  'libuuid1',
  'libxml2',
  'libxslt1.1',
  'libnss3',
];

function debianPackageInstalled(name) {
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.includes('install ok installed');
}

function kamailioModule(name) {
  for (const dir of [
    '/usr/lib/x86_64-linux-gnu/kamailio/modules',
    '/usr/lib/aarch64-linux-gnu/kamailio/modules',
    '/usr/lib/kamailio/modules',
  ]) {
    if (existsSync(dir) && readdirSync(dir).includes(`${name}.so`)) return true;
  }
  return false;
}

const needs = [
  ['chromium', () => existsSync('/usr/bin/chromium')],
  ['kamailio', () => existsSync('/usr/sbin/kamailio')],
  ['kamailio-websocket-modules', () => kamailioModule('websocket')],
  ['kamailio-tls-modules', () => kamailioModule('tls')],
  ['openssl', () => spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0],
  ['iproute2', () => existsSync('/usr/sbin/ip') || existsSync('/sbin/ip') || existsSync('/usr/bin/ip')],
  // baresip-core, not the baresip metapackage: same binary and modules, no GTK front end.
  ['baresip-core', () => existsSync('/usr/bin/baresip') && existsSync('/usr/lib/baresip/modules/echo.so')],
  ['rtpengine-daemon', () => existsSync('/usr/bin/rtpengine')],
  // A real TURN server for the TURN-only (relay) call tests (e2e/harness/turn.ts).
  ['coturn', () => existsSync('/usr/bin/turnserver')],
  // stdbuf (line-buffered baresip output); part of every Debian base system.
  ['coreutils', () => existsSync('/usr/bin/stdbuf')],
  // Runtime libraries of the prebuilt Asterisk 22 (../shared/asterisk, e2e/harness/asterisk-build.ts).
  ...ASTERISK_RUNTIME_PACKAGES.map((name) => [name, () => debianPackageInstalled(name)]),
];

const missing = needs.filter(([, present]) => !present()).map(([name]) => name);
if (missing.length === 0) process.exit(0);

const canApt =
  process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (!canApt) {
  console.error(`Missing system packages for the end-to-end tests: ${missing.join(', ')}.`);
  console.error(`Install them with: sudo apt-get install --no-install-recommends ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});

// Part of `npm run check:package`: runs the REAL electron-builder for the
// Linux "dir" target, with a stand-in for the Electron binary that cannot be
// downloaded here. The stand-in is a small file holding Electron's fuse wire
// (the sentinel string, version 1, eight fuses at Electron 45's defaults), so
// electron-builder's own steps all run as in a release: file selection, the
// app.asar, app-update.yml from `publish:`, and flipping the fuses with
// @electron/fuses. The result is then read back: the fuse wire must hold the
// required values, and the archive must hold what the check expects.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const asar = require('@electron/asar');

/** @electron/fuses' sentinel: the fuse wire follows it in every Electron binary since 12. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's shipped fuse states, in wire order ('1' on, '0' off). */
const ELECTRON_DEFAULT_WIRE = '10110001';
const ON = 49;
const OFF = 48;

/** config name (electron-builder) → fuse index (@electron/fuses). */
const FUSE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

function standInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const body = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary (package check only)"\nexit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.alloc(16),
  ]);
  writeFileSync(join(dir, 'electron'), body);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
}

/** An archive's listing as forward-slash paths without the leading slash. */
export function listing(archive) {
  return asar
    .listPackage(archive, { isPack: false })
    .map((p) => p.replace(/\\/g, '/').replace(/^\//, ''))
    .sort();
}

/**
 * Runs electron-builder --linux dir and checks its output. `required` is the
 * fuse config the check insists on; `expectedListing` the app.asar listing
 * the check built itself from the `files` globs. Returns a list of problems.
 */
export async function checkWithStandIn({ root, executableName, required, expectedListing }) {
  const work = mkdtempSync(join(tmpdir(), 'deskphone-eb-'));
  try {
    const electronDist = join(work, 'electron');
    const out = join(work, 'out');
    standInElectron(electronDist);
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'electron-builder'),
      [
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${out}`,
        '--publish',
        'never',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (run.status !== 0)
      return [`electron-builder --linux dir failed:\n${(run.stdout + run.stderr).slice(-2000)}`];
    const appDir = join(out, 'linux-unpacked');
    const binary = join(appDir, executableName);
    if (!existsSync(binary)) return [`electron-builder did not produce ${binary}.`];

    const problems = [];
    const fuses = await getCurrentFuseWire(binary);
    for (const [name, value] of Object.entries(required)) {
      const state = fuses[FUSE_INDEX[name]];
      if (state !== (value ? ON : OFF))
        problems.push(`fuse ${name} is ${state === ON} in the packaged binary, must be ${value}.`);
    }
    const packed = listing(join(appDir, 'resources', 'app.asar'));
    if (JSON.stringify(packed) !== JSON.stringify(expectedListing)) {
      problems.push(
        `electron-builder's app.asar differs from the checked one:\n  built: ${packed.join(', ')}\n  checked: ${expectedListing.join(', ')}`,
      );
    }
    const update = join(appDir, 'resources', 'app-update.yml');
    if (!existsSync(update)) problems.push('app-update.yml is missing: electron-updater would have no feed.');
    else
      console.log(
        `app-update.yml: ${readFileSync(update, 'utf8').trim().split('\n').slice(0, 3).join('; ')}`,
      );
    console.log(
      `electron-builder ${require('app-builder-lib/package.json').version} with a stand-in Electron: ` +
        `app.asar identical to the checked one (${packed.length} entries); fuses read back from the binary: ` +
        Object.keys(required)
          .map((name) => `${name}=${fuses[FUSE_INDEX[name]] === ON}`)
          .join(', '),
    );
    return problems;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// `npm run check:package`: what can be checked about the installers on a
// machine without the Electron binary and without signing keys.
//
// 1. electron-builder.yml is validated by electron-builder's own schema
//    validation (the same function `electron-builder` runs first), so a typo
//    in a key fails here rather than on the release machine.
// 2. The files electron-builder would pack are computed from the `files`
//    globs (over dist/ and package.json, after `npm run build`), packed into
//    a real app.asar with @electron/asar in a temp folder, and the archive's
//    listing is checked: entry point, preload, renderer present; no source
//    maps, .env files, keys, tests or node_modules.
// 3. electron-builder itself runs (Linux "dir" target) with a stand-in for
//    the Electron binary, and its app.asar and flipped fuses are read back.
// 4. The Electron fuses and the macOS hardening settings are present with the
//    required values, and the bundles require nothing outside Node and electron.
import { builtinModules, createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWithStandIn, listing } from './check-package-standin.mjs';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const yaml = require('js-yaml');
const { minimatch } = require('minimatch');
const asar = require('@electron/asar');
const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

/** Paths that must never reach an installer, whatever the globs say. */
const FORBIDDEN = [
  [/\.map$/, 'a source map'],
  [/(^|\/)\.env(\.|$)/, 'an .env file'],
  [/\.(pem|key|p12|pfx|p8|cer|crt)$/i, 'a key or certificate file'],
  [/\.(test|spec)\.[cm]?[jt]s$/, 'a test file'],
  [/(^|\/)node_modules\//, 'node_modules (all dependencies are bundled)'],
  [/(^|\/)(e2e|test-results|\.test-reports)\//, 'test output'],
  [/\.ts$/, 'TypeScript source'],
];

const problems = [];
const fail = (message) => problems.push(message);

function loadConfig() {
  return yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
}

/** Every file below `dir`, as forward-slash paths relative to the project. */
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(relative(ROOT, full).split(sep).join('/'));
  }
  return out;
}

/**
 * The `files` globs applied the way electron-builder applies them: a file is
 * in when the last pattern that matches it is a positive one. Only dist/ and
 * package.json are candidates; node_modules is handled by the FORBIDDEN check.
 */
export function selectFiles(patterns, candidates) {
  return candidates.filter((file) => {
    let included = false;
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
    }
    return included;
  });
}

async function checkArchive(config, pkg) {
  if (!existsSync(join(ROOT, 'dist'))) {
    fail('dist/ is missing: run `npm run build` first.');
    return;
  }
  const candidates = ['package.json', ...walk(join(ROOT, 'dist'))];
  const files = selectFiles(config.files ?? [], candidates);
  const staging = mkdtempSync(join(tmpdir(), 'deskphone-asar-'));
  try {
    const archive = join(staging, 'app.asar');
    // createPackageFromFiles takes absolute paths; the archive keeps them relative to ROOT.
    await asar.createPackageFromFiles(
      ROOT,
      archive,
      files.map((f) => join(ROOT, f)),
    );
    const listed = listing(archive);
    const inside = new Set(listed);
    const size = statSync(archive).size;
    console.log(`app.asar: ${files.length} files, ${(size / 1024 / 1024).toFixed(1)} MiB`);
    for (const [path, what] of [
      [pkg.main, 'the main entry (package.json "main")'],
      ['dist/preload/index.cjs', 'the preload bundle'],
      ['dist/renderer/index.html', 'the renderer page'],
      ['dist/THIRD_PARTY_NOTICES.txt', 'the third-party license notices'],
      ['package.json', 'package.json'],
    ]) {
      if (!inside.has(path)) fail(`${what} (${path}) is not in app.asar.`);
    }
    for (const path of listed) {
      for (const [pattern, what] of FORBIDDEN)
        if (pattern.test(path)) fail(`app.asar contains ${what}: ${path}`);
      // A map comment naming a file the archive leaves out costs a failed fetch in every DevTools session.
      if (/\.(c?js|mjs)$/.test(path)) {
        const code = asar.extractFile(archive, path).toString('utf8');
        const pointer = /[#@] sourceMappingURL=(?!data:)(\S+)\s*$/.exec(code);
        if (pointer) fail(`${path} points at the source map ${pointer[1]}, which the package does not ship.`);
      }
    }
    const packedPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    if (packedPkg.main !== pkg.main) fail('package.json inside app.asar names a different main entry.');
    return listed;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The installer has no node_modules, so the bundles may require only Node
 * built-ins and electron; anything else would crash the packaged app at start.
 */
function checkBundlesSelfContained() {
  for (const file of ['dist/main/index.cjs', 'dist/preload/index.cjs']) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue;
    for (const [, name] of readFileSync(path, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      const bare = name.replace(/^node:/, '').split('/')[0];
      if (name.startsWith('.') || name === 'electron' || builtinModules.includes(bare)) continue;
      fail(`${file} requires "${name}" at run time, but the app ships without node_modules.`);
    }
  }
}

function checkHardening(config, pkg) {
  const fuses = config.electronFuses ?? {};
  for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[name] !== value) fail(`electronFuses.${name} must be ${value} (is ${fuses[name]}).`);
  }
  if (config.asar !== true) fail('asar must be true (the integrity fuse checks app.asar).');
  const mac = config.mac ?? {};
  if (mac.hardenedRuntime !== true) fail('mac.hardenedRuntime must be true for notarization.');
  const plistPath = mac.entitlements ? join(ROOT, mac.entitlements) : null;
  if (!plistPath || !existsSync(plistPath)) fail('mac.entitlements must point at an existing plist.');
  else {
    const plist = readFileSync(plistPath, 'utf8');
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.device.audio-input',
      'com.apple.security.device.camera',
    ]) {
      if (!plist.includes(`<key>${key}</key>`)) fail(`${mac.entitlements} lacks ${key}.`);
    }
  }
  for (const key of ['NSMicrophoneUsageDescription', 'NSCameraUsageDescription']) {
    if (!mac.extendInfo?.[key])
      fail(`mac.extendInfo.${key} is missing (macOS would deny the device silently).`);
  }
  // A secret in the config file would ship to everyone who clones the repo.
  const text = JSON.stringify(config);
  if (/certificatePassword|"password"|cscKeyPassword|"CSC_/i.test(text))
    fail('electron-builder.yml must not hold signing secrets.');
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    fail(
      `package.json lists "${dep}" under dependencies. electron-builder packs production dependencies into the ` +
        'app next to the bundle; main, preload and renderer are bundled by esbuild/vite, so it belongs in ' +
        'devDependencies (npm install -D).',
    );
  }
}

const config = loadConfig();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
try {
  // The function electron-builder itself runs on its configuration.
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
  console.log(
    'electron-builder.yml: valid for electron-builder',
    require('app-builder-lib/package.json').version,
  );
} catch (error) {
  fail(`electron-builder.yml is not valid:\n${error.message}`);
}
checkHardening(config, pkg);
checkBundlesSelfContained();
const checkedListing = await checkArchive(config, pkg);
if (checkedListing) {
  // The same selection and fuses, now by electron-builder itself (see check-package-standin.mjs).
  const standIn = await checkWithStandIn({
    root: ROOT,
    executableName: config.linux?.executableName ?? pkg.name,
    required: { ...REQUIRED_FUSES, grantFileProtocolExtraPrivileges: false },
    expectedListing: checkedListing,
  });
  standIn.forEach(fail);
}

console.log(
  '\nNot built here: the installers themselves (NSIS, MSI, dmg, zip, AppImage, deb, rpm) need the real ' +
    'Electron binary (not downloadable on this machine) and platform tools; signing and notarization need the ' +
    'keys described in build/README.md. The Linux app folder above was built with a stand-in binary that ' +
    'only carries the fuse wire: it does not run.',
);
if (problems.length > 0) {
  console.error(`\nPackage check FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Package check passed.');

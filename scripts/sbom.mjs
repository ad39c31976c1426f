#!/usr/bin/env node
// The software bill of materials for what DeskPhone actually ships.
//
// Every dependency is a devDependency bundled by esbuild (main, preload) or
// vite (renderer), so `npm sbom` would list the whole tool chain (eslint,
// playwright, electron-builder) and not say what is inside the installer.
// The bundles' source maps do: their `sources` name every file that put code
// into the bundle after tree-shaking. Each package found there is read from
// its own package.json (name, version, license); npm's own `npm sbom`
// (CycloneDX 1.5, with hashes and purls) is then narrowed to those packages
// and Electron, the framework that runs them.
//
// `node scripts/sbom.mjs [--root DIR]` fails when a shipped package has no
//                                   license or one outside ALLOWED_LICENSES.
// `node scripts/sbom.mjs --out DIR` also writes DIR/DeskPhone-<version>.cdx.json.
// `node scripts/sbom.mjs --notices F` also writes the license texts to F
//                                   (npm run build: dist/THIRD_PARTY_NOTICES.txt, shipped).
// Both need `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Licenses that allow shipping inside a closed or open installer without extra duties beyond notices. */
export const ALLOWED_LICENSES = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'Unlicense',
]);

/** The bundles and where their source maps are (external .map files or inline). */
function bundleMaps(root) {
  const maps = [];
  const renderAssets = join(root, 'dist', 'renderer', 'assets');
  const external = [join(root, 'dist', 'main', 'index.cjs.map')];
  if (existsSync(renderAssets)) {
    for (const name of readdirSync(renderAssets)) {
      if (name.endsWith('.js.map')) external.push(join(renderAssets, name));
    }
  }
  for (const file of external) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first.`);
    maps.push({ file, map: JSON.parse(readFileSync(file, 'utf8')) });
  }
  const preload = join(root, 'dist', 'preload', 'index.cjs');
  if (!existsSync(preload)) throw new Error(`${preload} is missing: run npm run build first.`);
  const inline = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(
    readFileSync(preload, 'utf8'),
  );
  if (!inline) throw new Error('dist/preload/index.cjs has no inline source map to read its inputs from.');
  maps.push({ file: preload, map: JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) });
  return maps;
}

/** The package folder a bundled source path belongs to (the innermost node_modules entry). */
export function packageDirOf(sourcePath) {
  const parts = sourcePath.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  const scoped = parts[at + 1].startsWith('@');
  if (scoped && at + 2 >= parts.length) return null;
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

/** Every npm package with code in a bundle: [{ name, version, license, bundles }]. */
export function shippedPackages(root = ROOT) {
  const found = new Map();
  for (const { file, map } of bundleMaps(root)) {
    const base = resolve(dirname(file), map.sourceRoot ?? '');
    for (const source of map.sources ?? []) {
      const relativeDir = packageDirOf(source.replace(/\\/g, '/'));
      if (!relativeDir) continue;
      let dir = resolve(base, relativeDir);
      // A package may keep a nested package.json (type: module stubs) without a name; climb to the real one.
      let manifest = null;
      while (dir.includes('node_modules')) {
        const candidate = join(dir, 'package.json');
        if (existsSync(candidate)) {
          const json = JSON.parse(readFileSync(candidate, 'utf8'));
          if (json.name && json.version) {
            manifest = json;
            break;
          }
        }
        dir = dirname(dir);
      }
      if (!manifest) throw new Error(`Cannot find the package.json of bundled file ${source}.`);
      const key = `${manifest.name}@${manifest.version}`;
      const entry = found.get(key) ?? {
        name: manifest.name,
        version: manifest.version,
        license: licenseOf(manifest),
        dir,
        bundles: new Set(),
      };
      entry.bundles.add(file.slice(root.length).replace(/^[/\\]/, ''));
      found.set(key, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function licenseOf(manifest) {
  if (typeof manifest.license === 'string' && manifest.license.trim()) return manifest.license.trim();
  // The deprecated form: "licenses": [{ "type": "MIT" }].
  if (Array.isArray(manifest.licenses) && manifest.licenses.length > 0) {
    return manifest.licenses.map((l) => (typeof l === 'string' ? l : l?.type)).join(' OR ');
  }
  return null;
}

/** Whether an SPDX expression (simple AND/OR, parentheses) allows shipping. */
export function licenseAllowed(expression) {
  if (!expression) return false;
  const clean = expression.replace(/[()]/g, ' ').trim();
  return clean
    .split(/\s+OR\s+/i)
    .some((alternative) => alternative.split(/\s+AND\s+/i).every((id) => ALLOWED_LICENSES.has(id.trim())));
}

export function licenseProblems(packages) {
  return packages
    .filter((p) => !licenseAllowed(p.license))
    .map((p) =>
      p.license
        ? `${p.name}@${p.version} is bundled under "${p.license}", which is not on the allowed list (${[...ALLOWED_LICENSES].join(', ')}).`
        : `${p.name}@${p.version} is bundled but its package.json has no license field.`,
    );
}

/** The license texts of every shipped package, which MIT, BSD and ISC require to travel with the code. */
export function thirdPartyNotices(packages) {
  const sections = packages.map((p) => {
    const file = readdirSync(p.dir).find((name) => /^(licen[cs]e|copying)(\.[a-z]+)?$/i.test(name));
    const text = file
      ? readFileSync(join(p.dir, file), 'utf8').trim()
      : `Licensed under ${p.license}; the package ships no license file.`;
    return `${p.name} ${p.version} (${p.license})\n${'-'.repeat(60)}\n${text}\n`;
  });
  return `DeskPhone includes the following third-party software.\n\n${sections.join('\n')}`;
}

/** npm's own CycloneDX document for the whole installed tree (build tools included). */
export function npmSbom(root = ROOT) {
  const run = spawnSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['sbom', '--sbom-format', 'cyclonedx'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      shell: process.platform === 'win32',
    },
  );
  if (run.status !== 0)
    throw new Error(`npm sbom failed: ${(run.stderr || run.error?.message || '').trim()}`);
  return JSON.parse(run.stdout);
}

/**
 * npm's document narrowed to what ships: the bundled packages and Electron
 * (as the framework), with their hashes, purls and licenses as npm wrote
 * them, the "development" marks removed (every dependency is a devDependency
 * only because it is bundled), and the app itself as the described component.
 */
export function cycloneDx(packages, root = ROOT, full = npmSbom(root)) {
  const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const bundles = new Map(packages.map((p) => [`${p.name}@${p.version}`, p.bundles]));
  const kept = full.components.filter((c) => bundles.has(`${c.name}@${c.version}`) || c.name === 'electron');
  const missing = packages.filter((p) => !kept.some((c) => c.name === p.name && c.version === p.version));
  if (missing.length > 0) {
    throw new Error(
      `npm sbom does not list bundled ${missing.map((p) => `${p.name}@${p.version}`).join(', ')}.`,
    );
  }
  const components = kept.map((c) => ({
    ...c,
    type: c.name === 'electron' ? 'framework' : c.type,
    properties: [
      ...(c.properties ?? []).filter((prop) => prop.name !== 'cdx:npm:package:development'),
      ...[...(bundles.get(`${c.name}@${c.version}`) ?? [])].map((b) => ({
        name: 'deskphone:bundle',
        value: b,
      })),
    ],
  }));
  const refs = new Set(components.map((c) => c['bom-ref']));
  const appRef = full.metadata.component['bom-ref'];
  return {
    ...full,
    metadata: {
      ...full.metadata,
      component: { ...full.metadata.component, type: 'application', name: app.productName ?? app.name },
      properties: [
        { name: 'deskphone:scope', value: 'packages with code in the shipped bundles (source maps)' },
      ],
    },
    components,
    dependencies: [
      { ref: appRef, dependsOn: [...refs] },
      ...(full.dependencies ?? [])
        .filter((d) => refs.has(d.ref))
        .map((d) => ({ ref: d.ref, dependsOn: (d.dependsOn ?? []).filter((r) => refs.has(r)) })),
    ],
  };
}

function main(argv) {
  const rootAt = argv.indexOf('--root');
  const root = rootAt >= 0 ? resolve(argv[rootAt + 1]) : ROOT;
  const packages = shippedPackages(root);
  const problems = licenseProblems(packages);
  console.log(
    `Bundled npm packages (${packages.length}): ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
  );
  if (problems.length > 0) {
    for (const problem of problems) console.error(`License check: ${problem}`);
    process.exitCode = 1;
    return;
  }
  const noticesAt = argv.indexOf('--notices');
  if (noticesAt >= 0) {
    const file = resolve(argv[noticesAt + 1] ?? 'dist/THIRD_PARTY_NOTICES.txt');
    writeFileSync(file, thirdPartyNotices(packages));
    console.log(`Wrote ${file}`);
  }
  const outAt = argv.indexOf('--out');
  if (outAt >= 0) {
    const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const dir = resolve(argv[outAt + 1] ?? 'release');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${app.productName ?? app.name}-${app.version}.cdx.json`);
    writeFileSync(file, `${JSON.stringify(cycloneDx(packages, root), null, 2)}\n`);
    console.log(`Wrote ${file} (${packages.length + 1} components)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './core/test-helpers';

// scripts/sbom.mjs decides what the installer's bill of materials and notices
// say, and `npm run build` fails through it when a bundled package has no
// license or a license outside the allowed list. These tests build a small
// fake project (bundles with source maps over a fake node_modules) and run
// the real script on it.

interface Shipped {
  name: string;
  version: string;
  license: string | null;
  bundles: Set<string>;
}
interface SbomScript {
  shippedPackages(root: string): Shipped[];
  licenseAllowed(expression: string | null): boolean;
  licenseProblems(packages: Shipped[]): string[];
  cycloneDx(
    packages: Shipped[],
    root: string,
  ): Record<string, unknown> & { components: Array<Record<string, unknown>> };
  thirdPartyNotices(packages: Shipped[]): string;
  packageDirOf(source: string): string | null;
}

const SCRIPT = fileURLToPath(new URL('../scripts/sbom.mjs', import.meta.url));
const load = async (): Promise<SbomScript> => (await import(/* @vite-ignore */ SCRIPT)) as SbomScript;

function pkg(root: string, dir: string, manifest: Record<string, unknown>, licenseText?: string): void {
  mkdirSync(join(root, dir, 'lib'), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(root, dir, 'lib', 'index.js'), 'module.exports = 1;');
  if (licenseText) writeFileSync(join(root, dir, 'LICENSE'), licenseText);
}

async function fakeProject(options: { unlicensed?: boolean } = {}): Promise<string> {
  const root = await tempDir('sbom-');
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'deskphone',
      productName: 'DeskPhone',
      version: '9.9.9',
      license: 'MIT',
      devDependencies: { electron: '45.0.0', 'good-lib': '1.2.3', '@scope/dual': '2.0.0', unused: '1.0.0' },
    }),
  );
  pkg(root, 'node_modules/electron', { name: 'electron', version: '45.0.0', license: 'MIT' });
  pkg(
    root,
    'node_modules/good-lib',
    { name: 'good-lib', version: '1.2.3', license: 'MIT' },
    'Copyright (c) Good Lib authors',
  );
  pkg(root, 'node_modules/@scope/dual', {
    name: '@scope/dual',
    version: '2.0.0',
    license: '(MIT OR GPL-3.0-only)',
  });
  pkg(root, 'node_modules/good-lib/node_modules/inner', {
    name: 'inner',
    version: '0.1.0',
    licenses: [{ type: 'ISC' }],
  });
  pkg(root, 'node_modules/unused', { name: 'unused', version: '1.0.0' });
  const mainSources = [
    '../../main/index.ts',
    '../../node_modules/good-lib/lib/index.js',
    '../../node_modules/good-lib/node_modules/inner/lib/index.js',
  ];
  if (options.unlicensed) mainSources.push('../../node_modules/unused/lib/index.js');
  mkdirSync(join(root, 'dist/main'), { recursive: true });
  writeFileSync(
    join(root, 'dist/main/index.cjs.map'),
    JSON.stringify({ version: 3, sources: mainSources, mappings: '' }),
  );
  mkdirSync(join(root, 'dist/renderer/assets'), { recursive: true });
  writeFileSync(
    join(root, 'dist/renderer/assets/index-abc.js.map'),
    JSON.stringify({ version: 3, sources: ['../../../node_modules/@scope/dual/lib/index.js'], mappings: '' }),
  );
  mkdirSync(join(root, 'dist/preload'), { recursive: true });
  const inline = Buffer.from(
    JSON.stringify({ version: 3, sources: ['../../preload/index.ts'], mappings: '' }),
  ).toString('base64');
  writeFileSync(
    join(root, 'dist/preload/index.cjs'),
    `x;\n//# sourceMappingURL=data:application/json;base64,${inline}\n`,
  );
  return root;
}

describe('sbom.mjs', () => {
  it('finds exactly the packages whose code is in a bundle, nested and scoped ones included', async () => {
    const { shippedPackages } = await load();
    const shipped = shippedPackages(await fakeProject());
    expect(shipped.map((p) => `${p.name}@${p.version} ${p.license}`)).toEqual([
      '@scope/dual@2.0.0 (MIT OR GPL-3.0-only)',
      'good-lib@1.2.3 MIT',
      'inner@0.1.0 ISC',
    ]);
    expect([...shipped[0]!.bundles]).toEqual(['dist/renderer/assets/index-abc.js.map']);
  });

  it('judges SPDX expressions: one allowed alternative is enough, every AND part must be allowed', async () => {
    const { licenseAllowed } = await load();
    expect(licenseAllowed('MIT')).toBe(true);
    expect(licenseAllowed('(MIT OR GPL-3.0-only)')).toBe(true);
    expect(licenseAllowed('MIT AND GPL-3.0-only')).toBe(false);
    expect(licenseAllowed('GPL-3.0-only')).toBe(false);
    expect(licenseAllowed('SEE LICENSE IN LICENSE.txt')).toBe(false);
    expect(licenseAllowed(null)).toBe(false);
  });

  it('fails the build with a named package when a bundled dependency has no license field', async () => {
    const root = await fakeProject({ unlicensed: true });
    const run = spawnSync(process.execPath, [SCRIPT, '--root', root, '--notices', join(root, 'n.txt')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unused@1.0.0 is bundled but its package.json has no license field.');
  });

  it('passes a clean project and narrows npm sbom to the shipped packages, Electron as the framework', async () => {
    const root = await fakeProject();
    const out = join(root, 'release');
    const run = spawnSync(process.execPath, [SCRIPT, '--root', root, '--out', out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const bom = JSON.parse(readFileSync(join(out, 'DeskPhone-9.9.9.cdx.json'), 'utf8'));
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.metadata.tools[0]).toMatchObject({ vendor: 'npm', name: 'cli' });
    expect(bom.specVersion).toBe('1.5');
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.metadata.component).toMatchObject({ name: 'DeskPhone', version: '9.9.9' });
    const byName = Object.fromEntries(bom.components.map((c: { name: string }) => [c.name, c]));
    expect(byName['electron']).toMatchObject({ type: 'framework', version: '45.0.0' });
    expect(byName['@scope/dual']).toMatchObject({
      purl: 'pkg:npm/%40scope/dual@2.0.0',
    });
    expect(JSON.stringify(byName['@scope/dual'].licenses)).toContain('GPL-3.0-only');
    expect(byName['good-lib'].properties).toContainEqual({
      name: 'deskphone:bundle',
      value: 'dist/main/index.cjs.map',
    });
    expect(byName['unused']).toBeUndefined();
    expect(bom.components.map((c: { name: string }) => c.name).sort()).toEqual([
      '@scope/dual',
      'electron',
      'good-lib',
      'inner',
    ]);
    expect(JSON.stringify(bom)).not.toContain('cdx:npm:package:development');
    expect(bom.dependencies[0].dependsOn).toHaveLength(4);
  });

  it('writes each package’s license text into the notices that ship', async () => {
    const { shippedPackages, thirdPartyNotices } = await load();
    const text = thirdPartyNotices(shippedPackages(await fakeProject()));
    expect(text).toContain('good-lib 1.2.3 (MIT)');
    expect(text).toContain('Copyright (c) Good Lib authors');
    expect(text).toContain('inner 0.1.0 (ISC)');
    expect(text).toContain('Licensed under ISC; the package ships no license file.');
  });
});

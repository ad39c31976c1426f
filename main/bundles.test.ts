import { builtinModules } from 'node:module';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The sandboxed preload runs without Node's module loader: a require() of
// anything but 'electron' would throw at start-up, leaving the UI without its
// API. This builds the bundles with the real build options and checks what
// they still require.

interface BuildScript {
  ROOT: string;
  mainOptions(root?: string): BuildOptions;
  preloadOptions(root?: string): BuildOptions;
}

async function loadBuildScript(): Promise<BuildScript> {
  const url = new URL('../scripts/build-main.mjs', import.meta.url).href;
  return (await import(/* @vite-ignore */ url)) as BuildScript;
}

async function bundle(options: BuildOptions): Promise<{ text: string; externals: string[] }> {
  const result = await build({
    ...options,
    write: false,
    metafile: true,
    sourcemap: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles.find((f) => f.path.endsWith('.cjs'));
  if (!out) throw new Error('no .cjs output');
  const meta = Object.values(result.metafile.outputs)[0];
  const externals = (meta?.imports ?? []).filter((i) => i.external).map((i) => i.path);
  return { text: out.text, externals };
}

function requiredModules(text: string): string[] {
  return [...new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!))].sort();
}

describe('bundles', () => {
  it('builds the preload as one CommonJS file whose only require is electron', async () => {
    const script = await loadBuildScript();
    const options = script.preloadOptions();
    expect(options.format).toBe('cjs');
    expect(options.outfile).toMatch(/dist[/\\]preload[/\\]index\.cjs$/);
    const { text, externals } = await bundle(options);
    expect(requiredModules(text)).toEqual(['electron']);
    expect([...new Set(externals)]).toEqual(['electron']);
    expect(text).not.toMatch(/\bimport\s*\(/);
    expect(text).toContain('exposeInMainWorld');
  });

  it('builds main as CommonJS needing only electron and Node built-ins', async () => {
    const script = await loadBuildScript();
    const options = script.mainOptions();
    expect(options.outfile).toMatch(/dist[/\\]main[/\\]index\.cjs$/);
    const { text } = await bundle(options);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const others = requiredModules(text).filter((m) => m !== 'electron' && !builtins.has(m));
    expect(others).toEqual([]);
  }, 20_000);
});

// Builds dist/main and dist/preload with the project's own build script, so
// the boot tests always load bundles made from the current sources.
export async function buildBundles(): Promise<void> {
  const url = new URL('../../scripts/build-main.mjs', import.meta.url).href;
  const script = (await import(/* @vite-ignore */ url)) as { buildAll(): Promise<void> };
  await script.buildAll();
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Certificate errors are never bypassed globally in the Electron process: no
// 'certificate-error' handler (its only use would be to accept a bad
// certificate), no --ignore-certificate-errors switch, no verify proc that
// could wave everything through. A read of the sources, because none of this
// is observable without the Electron binary.

const MAIN = fileURLToPath(new URL('..', import.meta.url));

async function electronSideSources(): Promise<Array<{ file: string; text: string }>> {
  const files = ['index.ts'];
  for (const name of await readdir(join(MAIN, 'adapters'))) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(join('adapters', name));
  }
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(MAIN, file), 'utf8') })));
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['a certificate-error handler', /\.on\(\s*['"`]certificate-error['"`]/],
  ['the ignore-certificate-errors switch', /appendSwitch\(\s*['"`]ignore-certificate-errors/],
  ['the ignore-certificate-errors switch', /['"`]--ignore-certificate-errors/],
  ['a certificate verify proc', /setCertificateVerifyProc\s*\(/],
  ['NODE_TLS_REJECT_UNAUTHORIZED', /NODE_TLS_REJECT_UNAUTHORIZED/],
];

describe('certificate handling', () => {
  it('has no global certificate bypass in main/index.ts or the adapters', async () => {
    const sources = await electronSideSources();
    expect(sources.map((s) => s.file)).toContain('index.ts');
    for (const { file, text } of sources) {
      for (const [what, pattern] of FORBIDDEN) expect(pattern.test(text), `${what} in ${file}`).toBe(false);
    }
  });
});

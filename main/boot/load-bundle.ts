import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';

// Runs a built CommonJS bundle the way Node would, except that
// require('electron') returns the given stand-in. Nothing else is swapped:
// Node built-ins and the bundle's own code are the real ones.

export function runBundle(file: string, electron: unknown): void {
  const source = readFileSync(file, 'utf8');
  const wrapped = runInThisContext(Module.wrap(source), { filename: file }) as (
    exports: unknown,
    require: (id: string) => unknown,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  const realRequire = createRequire(file);
  const require = (id: string): unknown => (id === 'electron' ? electron : realRequire(id));
  const module = { exports: {} };
  wrapped.call(module.exports, module.exports, require, module, file, dirname(file));
}

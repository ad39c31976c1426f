/// <reference types="vite/client" />
// (import.meta.glob, used by the language files, is typed there.)
import type { Catalogue } from './catalogues';

/**
 * A language's catalogue from its message files as Vite's import.meta.glob
 * gives them ('../messages/de/call.json' → the 'call' namespace). Which
 * namespaces must be there is the completeness test's business
 * (catalogues.test.ts), as for every language.
 */
export function catalogueFrom(files: Record<string, Record<string, string>>): Catalogue {
  const entries = Object.entries(files).map(([path, messages]) => [
    path.slice(path.lastIndexOf('/') + 1, -'.json'.length),
    messages,
  ]);
  return Object.fromEntries(entries) as Catalogue;
}

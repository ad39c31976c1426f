import type { Plugin } from 'vite';
import { compileSipGrammar } from './sipjs-grammar-compiled';

// SIP.js's grammar module, compiled for speed at build time (see
// sipjs-grammar-compiled.ts for why and how).

const GRAMMAR_MODULE = /[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;

export function sipGrammarCompiled(): Plugin {
  return {
    name: 'deskphone-sip-grammar-compiled',
    transform(code, id) {
      if (!GRAMMAR_MODULE.test(id.split('?')[0] ?? '')) return null;
      return { code: compileSipGrammar(code), map: null };
    },
  };
}

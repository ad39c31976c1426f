import type { Plugin } from 'vite';

// SIP.js 0.21's SIP grammar is a PEG.js parser generated for size: every
// call of its parse() decodes the grammar's 235 bytecode strings again, and
// SIP.js calls parse() for each header of each message. On a slow office PC
// that is milliseconds per SIP message — in front of every 200 OK a caller
// must apply before the call's audio can start. The decoded tables depend
// only on those constant strings, so the build decodes them once, when the
// module loads. The rest of parse() (its per-call state and actions) is left
// as it is.

const GRAMMAR_MODULE = /[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;
const TABLE_START = 'const peg$bytecode = [';
const TABLE_END = '\n    ];';
const DECODE_CALL = /peg\$decode\("(?:[^"\\]|\\.)*"\)/g;

/** The grammar module with its bytecode table built once at load. Throws if the module is not as expected. */
export function decodeGrammarOnce(code: string): string {
  const start = code.indexOf(TABLE_START);
  const end = start < 0 ? -1 : code.indexOf(TABLE_END, start);
  const parser = code.indexOf('function peg$parse(');
  if (start < 0 || end < 0 || parser < 0 || parser > start) {
    throw new Error('SIP.js grammar: the bytecode table was not found (has SIP.js changed?).');
  }
  const table = code.slice(start, end + TABLE_END.length);
  // Only constant strings may move out of parse(): anything else could depend on a call's state.
  const rest = table
    .slice(TABLE_START.length, -TABLE_END.length)
    .replace(DECODE_CALL, '')
    .replace(/[\s,]/g, '');
  if (rest !== '') throw new Error('SIP.js grammar: the bytecode table holds more than constant strings.');
  const hoisted =
    'function peg$decodeOnce(s) {\n    return s.split("").map((ch) => ch.charCodeAt(0) - 32);\n}\n' +
    `${table.replace(DECODE_CALL, (call) => call.replace('peg$decode(', 'peg$decodeOnce('))}\n`;
  const withoutTable = code.slice(0, start) + code.slice(end + TABLE_END.length);
  return withoutTable.slice(0, parser) + hoisted + withoutTable.slice(parser);
}

export function sipGrammarDecodedOnce(): Plugin {
  return {
    name: 'deskphone-sip-grammar-decoded-once',
    transform(code, id) {
      if (!GRAMMAR_MODULE.test(id.split('?')[0] ?? '')) return null;
      return { code: decodeGrammarOnce(code), map: null };
    },
  };
}

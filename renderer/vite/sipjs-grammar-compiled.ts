import { createRequire } from 'node:module';
import ts from 'typescript';

// SIP.js 0.21 ships its SIP grammar as PEG.js 0.10 output for size, through
// ts-pegjs: one parse() that, on every call, builds the grammar's ~800
// constants again (regular expressions, expectation objects, action
// closures) and then runs the rules as bytecode through an interpreter.
// SIP.js calls parse() for each URI and for most headers of every message,
// so a 401 costs several milliseconds, cold, on the start-up path.
//
// At build time this rewrites the shipped module:
// - the constants and helper functions are made once, at module level; the
//   per-call state (input, position, failures, options) is reset at each
//   call and saved/restored around it, so a parse started from inside an
//   action would still see its own state;
// - the bytecode is turned into one JavaScript function per rule by PEG.js
//   0.10's own code generator ("optimize: speed"), the same generator the
//   bytecode came from, each compiled when the script loads (see below).
// The grammar, its actions and its error reporting stay SIP.js's own;
// sipjs-grammar-compiled.test.ts proves the result parses every sample (and
// fails on every bad one) exactly as the shipped module does.

const require = createRequire(import.meta.url);
type GenerateJs = (ast: object, options: object) => void;
const generateJs = require('pegjs/lib/compiler/passes/generate-js') as GenerateJs;

const unexpected = (what: string) =>
  new Error(`SIP.js grammar: ${what} (has SIP.js changed? see renderer/vite/sipjs-grammar-compiled.ts)`);

/** Declarations inside parse() whose values never depend on a call: made once. */
const CONSTANT = new Set(['peg$FAILED', 'peg$startRuleIndices', 'peg$consts']);
/** The interpreter and its table, replaced by the generated rule functions. */
const INTERPRETER = new Set(['peg$bytecode', 'peg$decode', 'peg$parseRule']);
const DISPATCH = 'peg$result = peg$parseRule(peg$startRuleIndex);';

interface Parts {
  /** Made once at module level: constants and helper functions. */
  once: string[];
  /** Module-level variables holding one call's state. */
  state: string[];
  /** What each call runs (state resets, the rule dispatch, the result). */
  perCall: string[];
  consts: string[];
  bytecode: number[][];
  params: string[];
}

function decode(element: ts.Expression): number[] {
  const [argument] = ts.isCallExpression(element) ? element.arguments : [];
  if (!argument || !ts.isStringLiteral(argument)) throw unexpected('a rule is not peg$decode("…")');
  // Each character is an opcode or operand plus 32 (PEG.js's peg$decode).
  return [...argument.text].map((character) => character.charCodeAt(0) - 32);
}

function splitParse(file: ts.SourceFile, parse: ts.FunctionDeclaration): Parts {
  const parts: Parts = { once: [], state: [], perCall: [], consts: [], bytecode: [], params: [] };
  parts.params = parse.parameters.map((parameter) => parameter.name.getText(file));
  for (const statement of parse.body?.statements ?? []) {
    const text = statement.getText(file);
    if (ts.isFunctionDeclaration(statement)) {
      if (!INTERPRETER.has(statement.name?.text ?? '')) parts.once.push(text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(file);
        const value = declaration.initializer;
        if (name === 'peg$bytecode' && value && ts.isArrayLiteralExpression(value)) {
          parts.bytecode = value.elements.map(decode);
        } else if (CONSTANT.has(name) && value) {
          if (name === 'peg$consts' && ts.isArrayLiteralExpression(value)) {
            parts.consts = value.elements.map((element) => element.getText(file));
          }
          parts.once.push(`const ${name} = ${value.getText(file)};`);
        } else {
          parts.state.push(name);
          parts.perCall.push(`${name} = ${value ? value.getText(file) : 'undefined'};`);
        }
      }
    } else {
      parts.perCall.push(text);
    }
  }
  if (!parts.consts.length || !parts.bytecode.length || parts.params.length !== 2) {
    throw unexpected('not the PEG.js 0.10 bytecode parser of SIP.js 0.21');
  }
  if (parts.perCall.filter((text) => text === DISPATCH).length !== 1) {
    throw unexpected('the start-rule call was not found');
  }
  return parts;
}

const ruleFunction = (index: number) => `peg$parseR${index}`;

/** PEG.js 0.10's code for every rule, generated from the shipped bytecode. */
function generateRuleFunctions(parts: Parts): string {
  const ast = {
    type: 'grammar',
    initializer: null,
    consts: parts.consts,
    rules: parts.bytecode.map((bytecode, index) => ({ type: 'rule', name: `R${index}`, bytecode })),
    code: '',
  };
  generateJs(ast, {
    optimize: 'speed',
    output: 'source',
    format: 'bare',
    cache: false,
    trace: false,
    allowedStartRules: ['R0'],
    dependencies: {},
  });
  // The rule functions sit between the constants and the start-rule call.
  const first = ast.code.indexOf(`function ${ruleFunction(0)}() {`);
  const end = ast.code.indexOf('peg$result = peg$startRuleFunction();');
  if (first < 0 || end < first) throw unexpected('PEG.js generated no rule functions');
  // Each rule as a parenthesised function expression: V8 compiles those with
  // the script, on the thread that streams it in, instead of one at a time on
  // the page's thread the first time a header needs them (the account's URI,
  // the 401, the 200: about 300 functions, measured 4–8 ms of start-up).
  const eager = ast.code
    .slice(first, end)
    .replace(
      /function (peg\$parseR\d+)\(\) \{([^]*?)\n {4}\}\n/g,
      'const $1 = (function $1() {$2\n    });\n',
    );
  if ((eager.match(/= \(function peg\$parseR/g) ?? []).length !== parts.bytecode.length) {
    throw unexpected('the generated rule functions are not shaped as expected');
  }
  return eager;
}

/** The call's entry point: fresh state for this call, the caller's state back afterwards. */
function entryPoint(parts: Parts): string {
  const state = [...parts.params, ...parts.state];
  const [input, options] = parts.params;
  const perCall = parts.perCall.map((text) =>
    text === DISPATCH ? 'peg$result = peg$rules[peg$startRuleIndex]();' : text,
  );
  return [
    `function peg$parse(input$, options$) {`,
    `  const saved = [${state.join(', ')}];`,
    `  ${input} = input$;`,
    `  ${options} = options$;`,
    `  try {`,
    ...perCall.map((text) => `    ${text}`),
    `  } finally {`,
    `    [${state.join(', ')}] = saved;`,
    `  }`,
    `}`,
  ].join('\n');
}

/** The shipped grammar module, rewritten as described above. */
export function compileSipGrammar(source: string): string {
  const file = ts.createSourceFile('grammar.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const parse = file.statements.find(
    (statement): statement is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(statement) && statement.name?.text === 'peg$parse',
  );
  if (!parse) throw unexpected('function peg$parse was not found');
  const parts = splitParse(file, parse);
  const names = parts.consts.map((_, index) => `peg$c${index} = peg$consts[${index}]`).join(', ');
  const rules = parts.bytecode.map((_, index) => ruleFunction(index)).join(', ');
  return [
    source.slice(0, parse.getStart(file)),
    `let ${[...parts.params, ...parts.state].join(', ')};`,
    ...parts.once,
    `const ${names};`,
    generateRuleFunctions(parts),
    `const peg$rules = [${rules}];`,
    entryPoint(parts),
    source.slice(parse.getEnd()),
  ].join('\n');
}

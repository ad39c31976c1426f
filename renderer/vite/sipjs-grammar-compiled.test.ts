import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSipGrammar } from './sipjs-grammar-compiled';
import { GRAMMAR_SAMPLES, mutations } from './sipjs-grammar-samples.test-helper';

const require = createRequire(import.meta.url);
const grammarPath = join(dirname(require.resolve('sip.js')), 'grammar', 'pegjs', 'dist', 'grammar.js');
const shipped = readFileSync(grammarPath, 'utf8');

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown;

/** Loads a grammar source beside the shipped one, so its imports of SIP.js's URI and NameAddrHeader resolve. */
async function load(code: string, name: string): Promise<Parse> {
  const file = join(dirname(grammarPath), `${name}-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, code);
  try {
    return ((await import(pathToFileURL(file).href)) as { parse: Parse }).parse;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Everything a parse leaves behind, class names and own fields of SIP.js's objects included. */
function describeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(describeValue);
  if (value instanceof Object && typeof value !== 'function') {
    const fields = Object.entries(value).map(([key, field]) => [key, describeValue(field)]);
    return { class: value.constructor?.name, ...Object.fromEntries(fields) };
  }
  return value;
}

function outcome(parse: Parse, rule: string, input: string): unknown {
  const options = { startRule: rule, data: undefined as unknown };
  try {
    const result = parse(input, options);
    return { result: describeValue(result), data: describeValue(options.data) };
  } catch (error) {
    const { message, expected, found, location } = error as Record<string, unknown>;
    return { error: message, expected, found, location };
  }
}

describe('SIP.js grammar compiled for speed at build time', async () => {
  const [before, after] = await Promise.all([
    load(shipped, 'shipped'),
    load(compileSipGrammar(shipped), 'compiled'),
  ]);

  it('parses every sample, for every start rule SIP.js uses, exactly as the shipped grammar does', () => {
    const rules = new Set(GRAMMAR_SAMPLES.map(([rule]) => rule));
    expect(rules.size).toBeGreaterThanOrEqual(30);
    for (const [rule, input] of GRAMMAR_SAMPLES) {
      const expected = outcome(before, rule, input);
      expect(expected, `the sample itself is good SIP: ${rule}: ${input}`).not.toHaveProperty('error');
      expect(outcome(after, rule, input), `${rule}: ${input}`).toEqual(expected);
    }
  });

  it('fails on damaged input exactly as the shipped grammar does: same message, expectations and place', () => {
    let failures = 0;
    for (const [rule, input] of GRAMMAR_SAMPLES) {
      for (const damaged of mutations(input, 12)) {
        const expected = outcome(before, rule, damaged);
        if ((expected as { error?: string }).error) failures += 1;
        expect(outcome(after, rule, damaged), `${rule}: ${JSON.stringify(damaged)}`).toEqual(expected);
      }
    }
    // The damage must reach the failure paths, not only the happy ones.
    expect(failures).toBeGreaterThan(100);
  });

  it('keeps each call to itself: after a failed call, and when an action parses again', async () => {
    expect(outcome(after, 'Via', 'garbage')).toEqual(outcome(before, 'Via', 'garbage'));
    expect(outcome(after, 'CSeq', '7 INVITE')).toEqual(outcome(before, 'CSeq', '7 INVITE'));
    // SIP.js's actions do not parse again today; one that did must not corrupt the outer parse.
    const action = "options.data.value = parseInt(cseq_value.join(''));";
    expect(shipped).toContain(action);
    const hooked = await load(
      compileSipGrammar(shipped.replace(action, `${action} globalThis.__duringCseq?.();`)),
      'reentrant',
    );
    let inner: unknown;
    (globalThis as Record<string, unknown>).__duringCseq = () => {
      inner = outcome(hooked, 'From', '"In" <sip:in@example.test>;tag=9');
    };
    try {
      expect(outcome(hooked, 'CSeq', '12 INVITE')).toEqual(outcome(before, 'CSeq', '12 INVITE'));
      expect(inner).toEqual(outcome(before, 'From', '"In" <sip:in@example.test>;tag=9'));
    } finally {
      delete (globalThis as Record<string, unknown>).__duringCseq;
    }
  });

  it('runs no bytecode at all, and makes the constants once instead of at every call', () => {
    const compiled = compileSipGrammar(shipped);
    expect(compiled).not.toContain('peg$parseRule(');
    expect(compiled).not.toContain('peg$bytecode');
    expect(compiled).not.toMatch(/function peg\$parse\(input\$, options\$\) \{[^]*const peg\$consts/);
    expect(shipped).toMatch(/function peg\$parse\(input, options\) \{[^]*const peg\$consts/);
    // Every rule a parenthesised function expression, which V8 compiles with the script.
    expect(compiled.match(/const peg\$parseR\d+ = \(function peg\$parseR\d+\(\) \{/g)).toHaveLength(235);
    expect(compiled).not.toMatch(/^\s*function peg\$parseR\d+\(/m);
  });

  it('refuses a module that is not the parser it was written for', () => {
    expect(() => compileSipGrammar('export const parse = () => 1;')).toThrow(/peg\$parse was not found/);
    const noTable = shipped.replace('const peg$bytecode = [', 'const peg$table = [');
    expect(() => compileSipGrammar(noTable)).toThrow(/not the PEG.js 0.10 bytecode parser/);
    const noDispatch = shipped.replace('peg$result = peg$parseRule(peg$startRuleIndex);', 'peg$result = 1;');
    expect(() => compileSipGrammar(noDispatch)).toThrow(/start-rule call/);
  });
});

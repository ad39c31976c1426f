import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeGrammarOnce } from './sipjs-grammar';

const require = createRequire(import.meta.url);
const grammarPath = join(dirname(require.resolve('sip.js')), 'grammar', 'pegjs', 'dist', 'grammar.js');
const original = readFileSync(grammarPath, 'utf8');

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown;

/** Loads a grammar source beside the original, so its imports of SIP.js's URI and NameAddrHeader resolve. */
async function load(code: string, name: string): Promise<Parse> {
  const file = join(dirname(grammarPath), `${name}-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, code);
  try {
    return ((await import(pathToFileURL(file).href)) as { parse: Parse }).parse;
  } finally {
    rmSync(file, { force: true });
  }
}

// Headers of a real 200 OK to an INVITE through Kamailio, and the other start rules SIP.js uses.
const samples: [string, string][] = [
  ['Via', 'SIP/2.0/WSS am3kn5c53av5.invalid;branch=z9hG4bK7414263;rport=39718;received=127.0.0.1'],
  ['Contact', '<sip:938embdm@am3kn5c53av5.invalid;transport=wss;alias=127.0.0.1~39718~6>;expires=600'],
  ['From', '"Alice Example" <sip:alice@deskphone.test>;tag=h8rmvd1l6k'],
  ['To', '<sip:bob@deskphone.test>;tag=fn2ps0l0tc'],
  ['CSeq', '2 INVITE'],
  ['Call_ID', 'gfpq2b0k8v3u7sv1ebl9'],
  ['Record_Route', '<sip:127.0.0.1:7443;transport=ws;r2=on;lr>'],
  ['Content_Type', 'application/sdp'],
  ['Session_Expires', '1800;refresher=uac'],
  ['Proxy_Authenticate', 'Digest realm="deskphone.test", nonce="Y3cZ2WN3GG0m", qop="auth", algorithm=MD5'],
  ['Refer_To', '<sip:carol@deskphone.test?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>'],
  ['SIP_URI', 'sip:bob@[2001:db8::1]:5061;transport=tls'],
  ['Request_Response', 'SIP/2.0 200 OK'],
];

function outcome(parse: Parse, rule: string, input: string): string {
  const options = { startRule: rule, data: {} as unknown };
  try {
    parse(input, options);
    return JSON.stringify(options.data, (_key, value: unknown) =>
      value instanceof Object &&
      'toString' in value &&
      value.constructor.name !== 'Object' &&
      !Array.isArray(value)
        ? `${value.constructor.name}:${String(value)}`
        : value,
    );
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('SIP.js grammar decoded once', () => {
  it('parses every sample exactly as the original grammar does, errors included', async () => {
    const [before, after] = await Promise.all([
      load(original, 'original'),
      load(decodeGrammarOnce(original), 'once'),
    ]);
    const broken: [string, string][] = [
      ['Via', 'not a via'],
      ['CSeq', 'x'],
    ];
    for (const [rule, input] of [...samples, ...broken]) {
      expect(outcome(after, rule, input), `${rule}: ${input}`).toBe(outcome(before, rule, input));
    }
  });

  it('decodes the bytecode once at load, where the original decodes it on every parse', async () => {
    // Counts the decoder's calls in both versions (a counter added to each copy's decode function).
    const counted = (code: string, name: string, key: string) =>
      load(
        code.replace(
          `function ${name}(s) {`,
          `function ${name}(s) {\n globalThis.${key} = (globalThis.${key} ?? 0) + 1;`,
        ),
        key,
      );
    const calls = (key: string) => (globalThis as Record<string, unknown>)[key] as number | undefined;
    const before = await counted(original, 'peg$decode', '__decodesBefore');
    const after = await counted(decodeGrammarOnce(original), 'peg$decodeOnce', '__decodesAfter');
    const loadedWith = calls('__decodesAfter');
    expect(loadedWith).toBe(235);
    for (const [rule, input] of samples) {
      before(input, { startRule: rule, data: {} });
      after(input, { startRule: rule, data: {} });
    }
    expect(calls('__decodesAfter')).toBe(loadedWith);
    expect(calls('__decodesBefore')).toBe(235 * samples.length);
  });

  it('refuses a grammar whose table is not made of constant strings, or is missing', () => {
    expect(() => decodeGrammarOnce('function peg$parse() {}')).toThrow(/not found/);
    const tampered = original.replace('peg$decode("2 \\"\\"6 7!"),', 'peg$decode(options.x),');
    expect(tampered).not.toBe(original);
    expect(() => decodeGrammarOnce(tampered)).toThrow(/more than constant strings/);
  });
});

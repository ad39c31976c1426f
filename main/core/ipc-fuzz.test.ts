import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../contract/channels';
import { APP_ORIGIN, contract, type IpcSender } from '../../contract/ipc';
import { TestEncryptor } from '../../e2e/fixtures/test-encryptor';
import { createAppCore } from './app-core';
import { createMemoryLogger } from './logger';
import { tempDir } from './test-helpers';

// Fuzzes the one door from renderer to main: for every contract channel,
// random and hostile payloads (wrong types, huge strings, deep nesting,
// prototype-pollution keys) and wrong senders go through the real IpcRouter
// of createAppCore. Every one must be refused with an Error (never resolve,
// never undefined), nothing may be written to the profile folder, the core
// must still answer afterwards, and Object.prototype must stay clean.
// Seeded, so a failure can be replayed: FUZZ_SEED=<n> npx vitest run ipc-fuzz.

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const PER_CHANNEL = 60;
const MARKER = 'FUZZ-MARKER-7d1e';
const OWN: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function junkFactory(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const keys = [
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'wsUrl',
    'id',
    'account',
    'password',
    'host',
  ];
  const scalars = (): unknown =>
    pick([
      () => undefined,
      () => null,
      () => random() * 1e12 - 5e11,
      () => NaN,
      () => Infinity,
      () => -0,
      () => random() < 0.5,
      () => `${MARKER}-${random().toString(36)}`,
      () => MARKER.repeat(40_000), // ~640 kB
      () => '\u0000\uFFFF\uD800' + MARKER,
      () => BigInt(7),
      () => Symbol('fuzz'),
      () => () => MARKER,
      () => new Date(NaN),
      () => new Uint8Array(4),
    ])();
  const value = (depth: number): unknown => {
    if (depth > 4 || random() < 0.35) return scalars();
    if (random() < 0.4) return Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
    const obj: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 4) + 1; i > 0; i--) obj[pick(keys)] = value(depth + 1);
    return obj;
  };
  const deep = (): unknown => {
    let v: unknown = MARKER;
    for (let i = 0; i < 2000; i++) v = random() < 0.5 ? [v] : { a: v };
    return v;
  };
  const pollution = (): unknown =>
    pick([
      () => JSON.parse(`{"__proto__": {"polluted": "${MARKER}"}}`),
      () => ({ constructor: { prototype: { polluted: MARKER } } }),
      () => JSON.parse(`{"account": {"__proto__": {"polluted": "${MARKER}"}}, "password": "${MARKER}"}`),
      () => Object.assign(Object.create(null), { polluted: MARKER }),
    ])();
  return () => pick([() => value(0), () => value(0), () => value(0), deep, pollution])();
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const name of await readdir(d)) {
      const full = join(d, name);
      if ((await stat(full)).isDirectory()) await walk(full);
      else
        out[full] = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

async function expectRefused(promise: Promise<unknown>, what: string): Promise<void> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    expect(error, what).toBeInstanceOf(Error);
    expect((error as Error).message.length, what).toBeGreaterThan(0);
    return;
  }
  throw new Error(`${what} was accepted and answered ${JSON.stringify(outcome)?.slice(0, 200)}`);
}

describe('IPC fuzzing through the real router', () => {
  it(
    'refuses every malformed payload and wrong sender, writes nothing, and keeps answering',
    { timeout: 60_000 },
    async () => {
      const dir = await tempDir();
      const core = await createAppCore({
        userDataDir: dir,
        encryptor: new TestEncryptor(),
        platform: 'linux',
        logger: createMemoryLogger(),
      });
      const before = await snapshot(dir);
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const junk = junkFactory(prng(SEED));
      let sent = 0;
      let skippedValid = 0;

      for (const channel of INVOKE_CHANNELS) {
        const schema = contract[channel as InvokeChannel].request;
        for (let i = 0; i < PER_CHANNEL; i++) {
          const payload = junk();
          // Junk that happens to be a valid request (e.g. {} for a channel that takes nothing) is not fuzz.
          if (schema.safeParse(payload).success) {
            skippedValid++;
            continue;
          }
          sent++;
          await expectRefused(core.router.dispatch(channel, OWN, payload), `${channel} #${i} (seed ${SEED})`);
        }
        // A valid request from the wrong place: an iframe, another origin, a page that navigated away.
        for (const sender of [
          { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: false },
          { frameUrl: 'https://evil.example/', isOwnMainFrame: true },
          { frameUrl: '', isOwnMainFrame: true },
          { frameUrl: 'file:///etc/passwd', isOwnMainFrame: true },
        ]) {
          sent++;
          await expectRefused(
            core.router.dispatch(channel, sender, {}),
            `${channel} from ${sender.frameUrl || '(none)'}`,
          );
        }
      }
      for (const name of [
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        '',
        'settings:get ',
        42,
        null,
        {},
        MARKER,
      ]) {
        sent++;
        await expectRefused(core.router.dispatch(name, OWN, {}), `channel ${String(name)}`);
      }

      console.log(`ipc fuzz: ${sent} refused requests, ${skippedValid} valid-by-chance payloads skipped`);
      expect(sent).toBeGreaterThan(INVOKE_CHANNELS.length * PER_CHANNEL * 0.8);
      expect(skippedValid).toBeLessThan(INVOKE_CHANNELS.length * PER_CHANNEL * 0.2);
      // Nothing polluted: no new keys on Object.prototype, a fresh object has no 'polluted'.
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Nothing written: the profile folder is byte for byte what it was.
      expect(await snapshot(dir)).toEqual(before);
      // And the core still works.
      const view = (await core.router.dispatch('settings:get', OWN, {})) as { account: unknown };
      expect(view).toHaveProperty('account', null);
      core.desk.dispose();
    },
  );
});

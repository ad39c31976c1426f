import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// The password scan that runs after the e2e suite (scripts/security-password-scan.mjs):
// its one exemption must stay exactly as narrow as documented there: the
// settings:save REQUEST, nothing else (the renderer never receives the password).

interface ScanModule {
  testPasswords(source: string): string[];
  scanIpcCapture(capture: unknown, passwords: string[], label: string): [string[], number];
}

// A computed specifier: the script is plain JavaScript without type declarations.
const SCRIPT = new URL('../../scripts/security-password-scan.mjs', import.meta.url).href;
const scan = (await import(/* @vite-ignore */ SCRIPT)) as ScanModule;
const PW = 'alice-Pw-7f3a9c';

describe('password scan', () => {
  it('reads every test password from the e2e fixture', async () => {
    const source = await readFile(new URL('../../e2e/fixtures/test.ts', import.meta.url), 'utf8');
    const passwords = scan.testPasswords(source);
    expect(passwords).toContain(PW);
    expect(passwords.length).toBeGreaterThanOrEqual(4);
  });

  it('counts the one by-design place as expected, and fails the password in any response', () => {
    const [problems, expected] = scan.scanIpcCapture(
      {
        ipcLog: [
          { channel: 'settings:save', request: { password: PW }, response: { hasPassword: true } },
          { channel: 'credentials:get', request: {}, response: { password: PW } },
        ],
        eventLog: [],
      },
      [PW],
      'phone',
    );
    expect(problems).toEqual(["phone: IPC #1 'credentials:get' response contains a test password"]);
    expect(expected).toBe(1);
  });

  it('fails the password anywhere else: other channels, the other side, errors, events', () => {
    const [problems] = scan.scanIpcCapture(
      {
        ipcLog: [
          { channel: 'settings:save', request: {}, response: { echo: PW } },
          { channel: 'credentials:get', request: { password: PW }, response: {} },
          { channel: 'settings:get', request: {}, response: { password: PW } },
          { channel: 'connection:probe', request: { wsUrl: 'x' }, error: `bad ${PW}` },
        ],
        eventLog: [{ channel: 'phone:command', payload: { target: PW } }],
      },
      [PW],
      'phone',
    );
    expect(problems).toHaveLength(5);
  });
});

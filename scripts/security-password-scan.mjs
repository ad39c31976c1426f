#!/usr/bin/env node
// Runs after the end-to-end suite (`npm test`): reads every file the e2e
// phones left in DESKPHONE_E2E_ARTIFACTS (settings.json, credentials.json,
// logs, history, and each phone's captured IPC traffic, <profile>.ipc.json)
// and fails if any test user's password appears in plain text.
//
// The one exemption, and why it is narrow: the user types the password into
// the form once, so it crosses IPC in the REQUEST of 'settings:save', on its
// way to main's vault. Nothing sends it back: digest challenges are answered
// with a per-realm key from main (credentials:digest), so the password in any
// response (credentials:get included), any other request, an error message,
// an event, any file on disk, or the renderer's heap (e2e heap snapshots,
// written as <profile>.heap.txt) fails.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Test passwords, read from the fixture so the scan follows any change there. */
export function testPasswords(source) {
  const block = /export const USERS = \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*\w+:\s*'([^']+)'/gm)].map((m) => m[1]);
}

/** The exempt places, by channel: which side of the IPC record may carry the password. */
const EXPECTED = { 'settings:save': 'request' };

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const contains = (value, password) => value !== undefined && JSON.stringify(value).includes(password);

/** Checks one captured IPC log; returns [problems, expectedCount]. */
export function scanIpcCapture(capture, passwords, label) {
  const problems = [];
  let expected = 0;
  const records = Array.isArray(capture?.ipcLog) ? capture.ipcLog : [];
  records.forEach((record, i) => {
    for (const password of passwords) {
      for (const side of ['request', 'response', 'error']) {
        if (!contains(record[side], password)) continue;
        if (EXPECTED[record.channel] === side) expected++;
        else problems.push(`${label}: IPC #${i} '${record.channel}' ${side} contains a test password`);
      }
    }
  });
  (Array.isArray(capture?.eventLog) ? capture.eventLog : []).forEach((event, i) => {
    for (const password of passwords) {
      if (contains(event, password))
        problems.push(`${label}: event #${i} '${event.channel}' contains a test password`);
    }
  });
  return [problems, expected];
}

function main() {
  const rootArg = process.argv[2] ?? process.env.DESKPHONE_E2E_ARTIFACTS;
  if (!rootArg) {
    console.error('Usage: security-password-scan.mjs <artifacts folder> (or set DESKPHONE_E2E_ARTIFACTS)');
    process.exit(2);
  }
  const root = resolve(ROOT, rootArg);
  const passwords = testPasswords(readFileSync(join(ROOT, 'e2e', 'fixtures', 'test.ts'), 'utf8'));
  if (passwords.length === 0) {
    console.error('No test passwords found in e2e/fixtures/test.ts; the scan would prove nothing.');
    process.exit(1);
  }
  // An empty folder would pass vacuously: the e2e run must have left something.
  const files = existsSync(root) ? walk(root) : [];
  const captures = files.filter((f) => f.endsWith('.ipc.json'));
  if (captures.length === 0) {
    console.error(`No e2e artifacts in ${root}: was the suite run with DESKPHONE_E2E_ARTIFACTS set?`);
    process.exit(1);
  }
  const problems = [];
  let expected = 0;
  for (const file of files) {
    const label = relative(root, file);
    if (file.endsWith('.ipc.json')) {
      const [found, count] = scanIpcCapture(JSON.parse(readFileSync(file, 'utf8')), passwords, label);
      problems.push(...found);
      expected += count;
      continue;
    }
    // Any other file (settings, vault, logs, history, temp or corrupt copies), as raw bytes.
    const bytes = readFileSync(file);
    for (const password of passwords) {
      if (bytes.includes(Buffer.from(password, 'utf8')) || bytes.includes(Buffer.from(password, 'utf16le')))
        problems.push(`${label} contains a test password in plain text`);
    }
  }
  console.log(
    `Password scan: ${files.length} files (${captures.length} IPC captures) from ${relative(ROOT, root) || root}, ` +
      `${passwords.length} test passwords.`,
  );
  console.log(
    `Expected by design: ${expected} occurrences (settings:save requests: the password typed into the form, ` +
      'on its way to the vault).',
  );
  if (problems.length > 0) {
    console.error(`Password scan FAILED:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('No test password found anywhere else.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

#!/usr/bin/env node
// `npm test`: system packages, build, type-check, lint, unit tests and the
// end-to-end suite against a real Kamailio, then one summary line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

rmSync('.test-reports', { recursive: true, force: true });
// Not test-results/: Playwright empties that folder when it starts.
mkdirSync('.test-reports', { recursive: true });
const e2eJson = '.test-reports/e2e.json';
const unitJson = '.test-reports/vitest.json';
// The e2e phones keep their profile folders and IPC logs here, so the
// password scan after the suite can read everything they left behind.
const e2eArtifacts = '.test-reports/e2e-artifacts';

// Each inner list runs side by side (their output is printed when each ends);
// the lists run one after another. The checks share the machine's cores; the
// end-to-end suite then has them to itself.
const stages = [
  [['system packages', 'node', ['scripts/ensure-system-deps.mjs']]],
  [['build', 'npm', ['run', 'build']]],
  [
    ['type-check', 'npm', ['run', 'typecheck']],
    ['lint', 'npm', ['run', 'lint']],
    [
      'unit tests',
      'npx',
      ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`],
    ],
    ['package check', 'npm', ['run', 'check:package']],
    ['security check', 'npm', ['run', 'check:security']],
  ],
  [['end-to-end tests', 'node', ['scripts/run-e2e.mjs', '--reporter=list,json']]],
  [['password scan', 'node', ['scripts/security-password-scan.mjs', e2eArtifacts]]],
];

const env = {
  ...process.env,
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  DESKPHONE_SKIP_BUILD: '1',
  DESKPHONE_E2E_ARTIFACTS: e2eArtifacts,
};

/** Runs one step; alone it streams its output, beside others it prints it when done. */
function run([name, command, args], alone) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (alone) console.log(`\n=== ${name} ===`);
    const child = spawn(command, args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (status) => {
      if (!alone) {
        console.log(`\n=== ${name} ===`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const timings = [];
const failedSteps = [];
for (const stage of stages) {
  const results = await Promise.all(stage.map((step) => run(step, stage.length === 1)));
  for (const { name, ok, seconds } of results) {
    timings.push(`${name} ${seconds.toFixed(1)} s`);
    if (!ok) failedSteps.push(name);
  }
  // Later steps need the packages and the build; the checks are independent.
  if (failedSteps.includes('system packages') || failedSteps.includes('build')) break;
}

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(unitJson)) {
    const unit = JSON.parse(readFileSync(unitJson, 'utf8'));
    passed += unit.numPassedTests ?? 0;
    failed += unit.numFailedTests ?? 0;
    skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  }
  if (existsSync(e2eJson)) {
    const stats = JSON.parse(readFileSync(e2eJson, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
  }
  return { passed, failed, skipped };
}

/**
 * How many end-to-end tests ran against the real Asterisk (files
 * e2e/specs/asterisk-*.spec.ts). Where a build is present they must run:
 * skipping them there would hide that DeskPhone was not tested against the
 * PBX most of its users run.
 */
function asteriskCounts(files = /^asterisk-.*\.spec\.ts$/) {
  const result = { ran: 0, passed: 0, skipped: 0 };
  if (!existsSync(e2eJson)) return result;
  const walk = (suite) => {
    if (files.test(suite.file ?? '')) {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status === 'skipped') result.skipped++;
          else {
            result.ran++;
            if (test.status === 'expected' || test.status === 'flaky') result.passed++;
          }
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of JSON.parse(readFileSync(e2eJson, 'utf8')).suites ?? []) walk(suite);
  return result;
}

const asteriskBuildPresent = Boolean(process.env.DESKPHONE_ASTERISK) || existsSync('../shared/asterisk');
if (!failedSteps.includes('end-to-end tests') && existsSync(e2eJson)) {
  const asterisk = asteriskCounts();
  console.log(
    `\nAsterisk specs: ${asterisk.ran} ran against a real Asterisk 22 (${asterisk.passed} passed), ${asterisk.skipped} skipped.`,
  );
  if (asteriskBuildPresent && (asterisk.skipped > 0 || asterisk.ran === 0)) {
    console.log('An Asterisk build is present, so its specs must run, not skip.');
    failedSteps.push('asterisk specs');
  }
  // The legacy Asterisk 20 with chan_sip (e2e/specs/chansip.spec.ts), held to the same rule.
  const chanSipPresent =
    Boolean(process.env.DESKPHONE_ASTERISK_CHANSIP) ||
    (existsSync('../shared/asterisk') &&
      readdirSync('../shared/asterisk').some((f) => /^asterisk-20\..*chan_sip.*\.tar\.xz$/.test(f)));
  const chanSip = asteriskCounts(/^chansip.*\.spec\.ts$/);
  console.log(
    `chan_sip specs: ${chanSip.ran} ran against Asterisk 20 (${chanSip.passed} passed), ${chanSip.skipped} skipped.`,
  );
  if (chanSipPresent && (chanSip.skipped > 0 || chanSip.ran === 0)) {
    console.log('A chan_sip Asterisk build is present, so its specs must run, not skip.');
    failedSteps.push('chan_sip specs');
  }
}

console.log(`\nTimings: ${timings.join(', ')}`);
if (failedSteps.length) console.log(`FAILED steps: ${failedSteps.join(', ')}`);
const { passed, failed, skipped } = counts();
// A failed check (type-check, lint) counts as a failure even when every test passed.
// A test step that failed without reporting a failed test (a crash) counts once.
const failedChecks =
  failedSteps.filter((step) => !step.endsWith('tests')).length +
  (failed === 0 && failedSteps.some((step) => step.endsWith('tests')) ? 1 : 0);
console.log(`tests: ${passed} passed, ${failed + failedChecks} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);

#!/usr/bin/env node
// Security step of `npm test`: Doyensec's Electronegativity over the main
// process and preload sources (TypeScript, test files left out because they
// never ship). Any HIGH or MEDIUM finding fails the step, unless it is listed
// in ALLOWED below for one exact check AND file, with the reason it is a
// false positive. An allowance that no longer matches anything is reported
// so the list cannot quietly grow stale.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELECTRON_VERSION = '45.5.0';

/** check → file (relative to the scanned folder) → why it is not a real problem. */
const ALLOWED = {
  OPEN_EXTERNAL_JS_CHECK: {
    'main/index.ts':
      'The port is called only by main/core/external-links.ts: a click or key press in our window within 2 s, ' +
      'plain http(s) from externalLinkTarget(), and a native confirmation naming the host (or policy links.allowedHosts).',
  },
  PROTOCOL_HANDLER_JS_CHECK: {
    'main/adapters/protocol-client.ts':
      'Registering sip:/tel:/callto: is the click-to-dial feature; main/core/desk/dial-links.ts parses each ' +
      'link as untrusted input and only a number or SIP address comes out of it.',
  },
  CERTIFICATE_VERIFY_PROC_JS_CHECK: {
    'main/adapters/certificates.ts':
      'The verify proc keeps Chromium\u2019s verdict for every host and only adds trust for the configured PBX ' +
      'host through main/core/certificates/trust-decision.ts (admin CA or a fingerprint the user pinned).',
  },
};

/** Minimal CSV reader for Electronegativity's output (quoted fields may hold commas). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const scan = mkdtempSync(join(tmpdir(), 'deskphone-eneg-'));
try {
  // The renderer's HTML shell too: its <meta> CSP is what the tool's CSP check looks for.
  cpSync(join(ROOT, 'renderer/index.html'), join(scan, 'renderer/index.html'));
  for (const dir of ['main', 'preload']) {
    cpSync(join(ROOT, dir), join(scan, dir), {
      recursive: true,
      filter: (src) => !/\.test\.ts$/.test(src),
    });
  }
  const out = join(scan, 'report.csv');
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'electronegativity'),
    ['-i', scan, '-o', out, '-r', '-e', ELECTRON_VERSION, '-v', 'false'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error('Electronegativity did not run.');
    process.exit(1);
  }
  const [header, ...rows] = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length > 1);
  const col = (name) => header.indexOf(name);
  const findings = rows.map((r) => ({
    check: r[col('issue')],
    severity: r[col('severity')],
    file: r[col('filename')],
    location: r[col('location')],
    sample: r[col('sample')],
  }));
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const used = new Set();
  const failing = [];
  for (const f of serious) {
    const reason = ALLOWED[f.check]?.[f.file];
    if (reason) {
      used.add(`${f.check} ${f.file}`);
      console.log(`allowed  ${f.severity} ${f.check} ${f.file}:${f.location}\n         ${reason}`);
    } else failing.push(f);
  }
  for (const [check, files] of Object.entries(ALLOWED)) {
    for (const file of Object.keys(files)) {
      if (!used.has(`${check} ${file}`)) console.log(`(allowance not needed any more: ${check} ${file})`);
    }
  }
  console.log(
    `Electronegativity: ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${serious.length - failing.length} explained, ${failing.length} failing.`,
  );
  for (const f of failing)
    console.error(`FAIL     ${f.severity} ${f.check} ${f.file}:${f.location}  ${f.sample}`);
  process.exit(failing.length > 0 ? 1 : 0);
} finally {
  rmSync(scan, { recursive: true, force: true });
}

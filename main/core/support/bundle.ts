import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { SupportExportRequest, SupportExportResult } from '../../../contract/doctor';
import { describeError } from '../errors';
import type { Logger } from '../logger';
import { redactText, redactValue } from '../redact';

// One zip file an administrator can read: the rotating logs, the renderer's
// last SIP messages and call statistics, versions, the settings and a count
// of the call history. Everything text-like passes through redactText on the
// way in, so no password or digest response leaves the machine.
//
// fflate writes the zip: a small, dependency-free, well-maintained library
// (synchronous zipSync is fine for a few MB), chosen over a hand-written
// zip writer whose CRC and header bugs would only show on a customer's PC.
// esbuild bundles it into main, so it is a devDependency like the others.

export interface SupportBundlePorts {
  /** The folder with main.log and its rotated files. */
  logsDir: string;
  /** Asks where to save (a save dialog in the app, a fixed path in tests); null = cancelled. */
  chooseTarget: (defaultName: string) => Promise<string | null>;
  /** settings.json as stored (it holds no passwords, but is cleaned anyway). */
  settings: () => unknown;
  /** Number of calls in the history and how many missed calls are unseen. */
  historySummary: () => { calls: number; missedUnseen: number };
  /** App and Electron versions; the core cannot import Electron. */
  versions: () => { app: string; electron?: string | undefined };
  /** Masks secrets the logger knows (the vault's passwords). */
  redactKnown?: (text: string) => string;
  logger: Logger;
  now?: () => Date;
}

export async function exportSupportBundle(
  request: SupportExportRequest,
  ports: SupportBundlePorts,
): Promise<SupportExportResult> {
  const now = (ports.now ?? (() => new Date()))();
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const target = await ports.chooseTarget(`deskphone-support-${stamp}.zip`);
  if (!target) return { saved: false, path: null, files: [] };

  const entries = await collectEntries(request, ports, now);
  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(entries)) zippable[name] = strToU8(text);
  await writeFile(target, zipSync(zippable, { level: 6, mtime: now }));
  const files = Object.keys(entries);
  ports.logger.info('Support bundle saved', { files: files.length });
  return { saved: true, path: target, files };
}

/** The bundle's files by name, already redacted. Exported for tests. */
export async function collectEntries(
  request: SupportExportRequest,
  ports: SupportBundlePorts,
  now: Date,
): Promise<Record<string, string>> {
  const clean = (text: string): string => redactText(text, ports.redactKnown);
  const json = (value: unknown): string => clean(JSON.stringify(redactValue(value), null, 2));
  const entries: Record<string, string> = {};

  entries['README.txt'] = [
    `DeskPhone support bundle, made ${now.toISOString()}.`,
    'Passwords, Authorization headers and password-like fields were replaced with [redacted].',
    'logs/: the main process log and its rotated files. sip-trace.txt: the last SIP messages.',
    'webrtc-stats.json, devices.json: call statistics and audio devices seen by the phone.',
    'system.json: versions. settings.json: settings without secrets. history.json: call counts only.',
    '',
  ].join('\n');

  for (const name of await logFiles(ports.logsDir)) {
    try {
      entries[`logs/${name}`] = clean(await readFile(join(ports.logsDir, name), 'utf8'));
    } catch (error) {
      ports.logger.warn('Support bundle: a log file could not be read', { error: describeError(error) });
    }
  }
  if (request.sipTrace) entries['sip-trace.txt'] = clean(request.sipTrace.join('\n\n'));
  if (request.stats) entries['webrtc-stats.json'] = json(request.stats);
  if (request.devices) entries['devices.json'] = json(request.devices);
  if (request.doctorReport) entries['doctor-report.txt'] = clean(request.doctorReport);

  const versions = ports.versions();
  entries['system.json'] = json({
    app: versions.app,
    electron: versions.electron ?? process.versions.electron ?? null,
    node: process.versions.node,
    chrome: process.versions.chrome ?? null,
    v8: process.versions.v8,
    os: { platform: os.platform(), release: os.release(), arch: os.arch(), version: safeOsVersion() },
  });
  entries['settings.json'] = json(ports.settings());
  entries['history.json'] = json(ports.historySummary());
  return entries;
}

/** main.log, main.log.1 … (any *.log* file in the folder), oldest last. */
async function logFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => /\.log(\.\d+)?$/.test(name)).sort();
  } catch {
    return []; // no logs folder yet: nothing to add
  }
}

function safeOsVersion(): string | null {
  try {
    return os.version();
  } catch {
    return null;
  }
}

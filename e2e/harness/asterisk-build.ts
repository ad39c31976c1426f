/**
 * Finds the prebuilt, relocatable Asterisk 22 the end-to-end suite runs
 * against, and unpacks it once per machine.
 *
 * Where it looks, in order:
 * 1. DESKPHONE_ASTERISK: a tarball (`*.tar.xz`, as in ../shared/asterisk) or
 *    an unpacked prefix (a folder with sbin/asterisk and lib/).
 * 2. ../shared/asterisk/asterisk-22.*.tar.xz beside the project checkout
 *    (present on this project's build machines and in its CI).
 * When neither exists, `locateAsterisk()` says so in one line and the
 * Asterisk specs skip with it. `locateChanSipAsterisk()` finds the legacy
 * Asterisk 20 with chan_sip the same way (DESKPHONE_ASTERISK_CHANSIP, then
 * ../shared/asterisk/asterisk-20.*-chan_sip*.tar.xz).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHARED_DIR = resolve(ROOT, '../shared/asterisk');

export const ENABLE_HINT =
  'set DESKPHONE_ASTERISK to an Asterisk 22 tarball (asterisk-22.*-debian12-amd64.tar.xz) or an unpacked prefix';

export interface AsteriskBuild {
  /** Folder holding sbin/asterisk, lib/ (modules under lib/asterisk/modules) and share/documentation. */
  prefix: string;
  binary: string;
  libDir: string;
  modulesDir: string;
  dataDir: string;
  /** Where it came from, for messages. */
  source: string;
}

export type Located = { ok: true; build: AsteriskBuild } | { ok: false; reason: string };

function fromPrefix(prefix: string, source: string): Located {
  const binary = join(prefix, 'sbin/asterisk');
  const modulesDir = join(prefix, 'lib/asterisk/modules');
  // Asterisk 22's build keeps its data under share/, the Asterisk 20 (chan_sip) build under var/lib/asterisk/.
  const dataDir = [join(prefix, 'share'), join(prefix, 'var/lib/asterisk')].find((dir) =>
    existsSync(join(dir, 'documentation')),
  );
  if (!existsSync(binary)) return { ok: false, reason: `no sbin/asterisk in ${prefix} (${source})` };
  if (!existsSync(modulesDir)) return { ok: false, reason: `no lib/asterisk/modules in ${prefix}` };
  if (!dataDir) {
    // Asterisk exits at start without its XML documentation.
    return { ok: false, reason: `no share/documentation in ${prefix}` };
  }
  return { ok: true, build: { prefix, binary, libDir: join(prefix, 'lib'), modulesDir, dataDir, source } };
}

/** The folder inside an unpacked tarball that holds sbin/asterisk. */
function findPrefix(dir: string): string | null {
  if (existsSync(join(dir, 'sbin/asterisk'))) return dir;
  for (const entry of readdirSync(dir)) {
    const child = join(dir, entry);
    if (statSync(child).isDirectory() && existsSync(join(child, 'sbin/asterisk'))) return child;
  }
  return null;
}

/**
 * Unpacks a tarball into a cache folder named after its checksum, so every
 * spec of every run shares one copy and a new tarball gets a new folder.
 */
function unpack(tarball: string): Located {
  const sum = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const cacheRoot = process.env.DESKPHONE_ASTERISK_CACHE ?? join(tmpdir(), 'deskphone-asterisk');
  const target = join(cacheRoot, sum);
  if (!existsSync(join(target, '.complete'))) {
    // Unpack beside, then rename: a run killed mid-way never leaves a half copy behind.
    const staging = `${target}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      execFileSync('tar', ['-xJf', tarball, '-C', staging], { stdio: 'pipe' });
      execFileSync('touch', [join(staging, '.complete')]);
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another worker may have won the rename race; its copy is as good.
      if (!existsSync(join(target, '.complete'))) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: `could not unpack ${tarball}: ${detail}` };
      }
    }
  }
  const prefix = findPrefix(target);
  return prefix ? fromPrefix(prefix, tarball) : { ok: false, reason: `no sbin/asterisk inside ${tarball}` };
}

function sharedTarball(pattern: RegExp): string | null {
  if (!existsSync(SHARED_DIR)) return null;
  const name = readdirSync(SHARED_DIR)
    .filter((f) => pattern.test(f))
    .sort()
    .at(-1);
  return name ? join(SHARED_DIR, name) : null;
}

/** Which build to find: the variable that names it, the shared tarball's name, and how to enable it. */
interface BuildKind {
  envVar: string;
  shared: RegExp;
  hint: string;
}

function locate(kind: BuildKind): Located {
  const configured = process.env[kind.envVar];
  if (configured) {
    const path = resolve(configured);
    if (!existsSync(path)) return { ok: false, reason: `${kind.envVar}=${configured} does not exist` };
    if (statSync(path).isDirectory()) return fromPrefix(path, `${kind.envVar}=${configured}`);
    return unpack(path);
  }
  const tarball = sharedTarball(kind.shared);
  return tarball
    ? unpack(tarball)
    : { ok: false, reason: `no Asterisk build found (looked in ${SHARED_DIR}); ${kind.hint}` };
}

let cached: Located | null = null;

export function locateAsterisk(): Located {
  cached ??= locate({
    envVar: 'DESKPHONE_ASTERISK',
    shared: /^asterisk-22\.[\d.]+-.*\.tar\.xz$/,
    hint: ENABLE_HINT,
  });
  return cached;
}

export const CHANSIP_ENABLE_HINT =
  'set DESKPHONE_ASTERISK_CHANSIP to an Asterisk 20 tarball with chan_sip (asterisk-20.*-chan_sip-*.tar.xz) or an unpacked prefix';

let cachedChanSip: Located | null = null;

/** The legacy Asterisk 20 with chan_sip (the last line that has it), for the sip.conf specs. */
export function locateChanSipAsterisk(): Located {
  cachedChanSip ??= locate({
    envVar: 'DESKPHONE_ASTERISK_CHANSIP',
    shared: /^asterisk-20\.[\d.]+-chan_sip.*\.tar\.xz$/,
    hint: CHANSIP_ENABLE_HINT,
  });
  return cachedChanSip;
}

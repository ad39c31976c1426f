import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';

// TEST ONLY. Real X.509 certificates made with the openssl CLI, so the trust
// rules are tested against what a PBX really presents rather than against
// hand-built objects. `openssl ca` is used for leaves because it is the one
// OpenSSL 3.0 command that accepts an explicit start and end date, which is
// how an already-expired (or not yet valid) certificate is made without
// changing the clock.

export interface TestCa {
  pem: string;
  keyPath: string;
  certPath: string;
}

export class CertFactory {
  readonly dir = mkdtempSync(join(tmpdir(), 'deskphone-certs-'));
  private serial = 1;
  private readonly keys = new Map<string, string>();

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
  }

  /** A self-signed CA (or, with `name` only, a self-signed server certificate). */
  selfSigned(name: string, options: { ca: boolean; san?: string }): TestCa {
    const keyPath = join(this.dir, `${name}.key`);
    const certPath = join(this.dir, `${name}.pem`);
    const ext = options.ca
      ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']
      : [
          '-addext',
          'basicConstraints=critical,CA:FALSE',
          '-addext',
          `subjectAltName=${options.san ?? `DNS:${name}`}`,
        ];
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      `/CN=${name}`,
      ...ext,
    ]);
    return { pem: readFileSync(certPath, 'utf8'), keyPath, certPath };
  }

  /**
   * A server certificate for `host` signed by `ca`, valid from `start` to
   * `end` (YYYYMMDDHHMMSSZ). Returns its PEM.
   */
  leaf(ca: TestCa, host: string, start: string, end: string): string {
    const id = this.serial++;
    const key = join(this.dir, `leaf${id}.key`);
    const csr = join(this.dir, `leaf${id}.csr`);
    const out = join(this.dir, `leaf${id}.pem`);
    const db = join(this.dir, `index${id}.txt`);
    writeFileSync(db, '');
    writeFileSync(join(this.dir, `serial${id}`), `${(1000 + id).toString(16).padStart(4, '0')}\n`);
    const config = join(this.dir, `ca${id}.cnf`);
    writeFileSync(
      config,
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `dir = ${this.dir}`,
        `database = ${db}`,
        `serial = ${join(this.dir, `serial${id}`)}`,
        `new_certs_dir = ${this.dir}`,
        'default_md = sha256',
        'policy = anything',
        'unique_subject = no',
        'copy_extensions = none',
        '[anything]',
        'commonName = supplied',
        '[server]',
        'basicConstraints = critical,CA:FALSE',
        `subjectAltName = ${isIP(host) ? 'IP' : 'DNS'}:${host}`,
        '',
      ].join('\n'),
    );
    this.openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${host}`,
    ]);
    this.openssl([
      'ca',
      '-batch',
      '-config',
      config,
      '-cert',
      ca.certPath,
      '-keyfile',
      ca.keyPath,
      '-in',
      csr,
      '-out',
      out,
      '-startdate',
      start,
      '-enddate',
      end,
      '-extensions',
      'server',
      '-notext',
    ]);
    const pem = readFileSync(out, 'utf8');
    this.keys.set(pem, key);
    return pem;
  }

  /** The private key (PEM) of a leaf made by leaf(), to serve it from a test server. */
  keyFor(leafPem: string): string {
    const path = this.keys.get(leafPem);
    if (!path) throw new Error('Not a leaf from this factory.');
    return readFileSync(path, 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** openssl date (YYYYMMDDHHMMSSZ) `days` from now. */
export function opensslDate(days: number, from = new Date()): string {
  const d = new Date(from.getTime() + days * 86_400_000);
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

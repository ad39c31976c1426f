/**
 * Self-signed TLS certificate for the end-to-end Kamailio (WSS on 127.0.0.1).
 *
 * Why the openssl CLI and not node:crypto: Node can generate key pairs but has
 * no API to build and sign an X.509 certificate. The openssl binary is already
 * installed on the test machine (Debian package), so shelling out keeps the
 * harness free of extra npm dependencies.
 *
 * Why these certificate fields:
 * - CN=127.0.0.1 plus subjectAltName IP:127.0.0.1 and DNS:localhost, because
 *   modern TLS clients (Chromium, Node's tls) ignore the CN and match only the
 *   SAN; an IP SAN is what lets a client that trusts this exact certificate (by
 *   `ca: certPem`) connect to wss://127.0.0.1 without disabling verification.
 * - EC P-256: fast to generate (milliseconds, versus ~100 ms+ for RSA 2048 on
 *   a 2-core box) and accepted by Kamailio's tls module and Chromium.
 * - basicConstraints CA:TRUE so the certificate can act as its own trust
 *   anchor when passed as `ca` to Node (a leaf without CA:TRUE is rejected by
 *   OpenSSL 3 as an issuer in some verification paths).
 * - Valid for 2 days: long enough for any test run, short enough that a leaked
 *   key is harmless.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SelfSignedCert {
  /** Absolute path of the PEM certificate (given to Kamailio's tls module). */
  certPath: string;
  /** Absolute path of the PEM private key (unencrypted, mode 0600). */
  keyPath: string;
  /** The certificate itself, for clients that pin it via `ca`. */
  certPem: string;
}

/** Validity in days; see the module comment for why it is short. */
const VALID_DAYS = 2;

/**
 * OpenSSL config used only for this request. Passing the extensions through a
 * config file (rather than `-addext`) works the same on every OpenSSL 1.1.1+
 * and 3.x build and keeps the SAN and the CA flag in one place.
 */
const OPENSSL_CNF = `[req]
distinguished_name = dn
x509_extensions = v3
prompt = no

[dn]
CN = 127.0.0.1
O = DeskPhone e2e

[v3]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
`;

/**
 * Runs openssl and, on failure, rethrows with its stderr so that a broken
 * OpenSSL install is diagnosable from the test output alone.
 */
async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args, { timeout: 15_000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('openssl CLI not found on PATH; install the "openssl" package', { cause: err });
    }
    throw new Error(`openssl ${args[0] ?? ''} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

/**
 * Generates a fresh EC P-256 key and a self-signed certificate for 127.0.0.1
 * in `dir` (created if missing). Returns the file paths and the PEM text.
 */
export async function generateSelfSignedCert(dir: string): Promise<SelfSignedCert> {
  await mkdir(dir, { recursive: true });
  const cnfPath = join(dir, 'openssl-e2e.cnf');
  const keyPath = join(dir, 'e2e-key.pem');
  const certPath = join(dir, 'e2e-cert.pem');
  await writeFile(cnfPath, OPENSSL_CNF, 'utf8');

  // `genpkey` writes an unencrypted PKCS#8 key; Kamailio's tls module reads it
  // without a passphrase prompt (a prompt would hang a foreground Kamailio).
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]);
  // openssl honours the umask (usually 0644); a private key should not be
  // world-readable even in a temp dir.
  await chmod(keyPath, 0o600);
  await openssl([
    'req',
    '-new',
    '-x509',
    '-config',
    cnfPath,
    '-key',
    keyPath,
    '-sha256',
    '-days',
    String(VALID_DAYS),
    '-out',
    certPath,
  ]);

  const certPem = await readFile(certPath, 'utf8');
  if (!certPem.includes('BEGIN CERTIFICATE')) {
    throw new Error(`openssl produced no PEM certificate at ${certPath}`);
  }
  return { certPath, keyPath, certPem };
}

import { readFile, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { isAbsolute, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { UserFacingError } from '../errors';

// Where a provisioning file comes from: --provision=<path or https URL> on the
// command line. Files are read from disk; URLs only over https (the file can
// carry a password), with a size cap and a time limit so a wrong URL cannot
// hang the start or fill memory.

export const PROVISION_MAX_BYTES = 64 * 1024;
export const PROVISION_TIMEOUT_MS = 10_000;

export type ProvisionSource = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/**
 * The --provision argument from argv, or null. A relative path is taken from
 * `cwd`. Throws a plain message for plain http:// and other schemes.
 */
export function provisionSourceFromArgv(argv: readonly string[], cwd: string): ProvisionSource | null {
  let raw: string | undefined;
  argv.forEach((arg, index) => {
    if (arg.startsWith('--provision=')) raw = arg.slice('--provision='.length);
    else if (arg === '--provision') raw = argv[index + 1];
  });
  const value = raw?.trim();
  if (!value) return null;
  if (/^http:\/\//i.test(value)) {
    throw new UserFacingError(
      'The provisioning address starts with http://, which would send your password unencrypted. Ask your administrator for an https:// address.',
    );
  }
  if (/^https:\/\//i.test(value)) return { kind: 'url', url: value };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value)) {
    throw new UserFacingError('A provisioning address must be a file or an https:// address.');
  }
  return { kind: 'file', path: isAbsolute(value) ? value : resolve(cwd, value) };
}

export interface FetchOptions {
  /** Extra trusted CA certificates (PEM), added to the system's, never replacing verification. */
  extraCa?: string[];
  timeoutMs?: number;
}

/** Reads the provisioning text from its source, refusing anything over 64 KB. */
export async function readProvisionSource(
  source: ProvisionSource,
  options: FetchOptions = {},
): Promise<string> {
  if (source.kind === 'file') {
    const info = await stat(source.path).catch(() => null);
    if (!info) throw new UserFacingError(`The provisioning file ${source.path} was not found.`);
    if (info.size > PROVISION_MAX_BYTES) throw tooLarge();
    return readFile(source.path, 'utf8');
  }
  return fetchHttps(source.url, options);
}

function tooLarge(): UserFacingError {
  return new UserFacingError('The provisioning file is larger than 64 KB, so it was not used.');
}

function fetchHttps(url: string, options: FetchOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? PROVISION_TIMEOUT_MS;
  const ca = options.extraCa?.length ? [...rootCertificates, ...options.extraCa] : undefined;
  const host = safeHost(url);
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: 'GET', ca, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(
          new UserFacingError(
            `The provisioning server ${host} answered with HTTP ${res.statusCode ?? '?'} instead of the file.`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > PROVISION_MAX_BYTES) {
          req.destroy();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
      res.on('error', (error) => reject(fetchFailed(host, error)));
    });
    // One limit for the whole download, not just for idle sockets.
    const timer = setTimeout(() => {
      req.destroy();
      reject(
        new UserFacingError(`The provisioning server ${host} did not answer within ${timeoutMs / 1000} s.`),
      );
    }, timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error) => reject(fetchFailed(host, error)));
    req.end();
  });
}

function fetchFailed(host: string, error: Error): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new UserFacingError(
      `The provisioning server ${host} has a certificate this computer does not trust, so nothing was downloaded.`,
    );
  }
  return new UserFacingError(
    `The provisioning file could not be downloaded from ${host} (${code || error.message}).`,
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

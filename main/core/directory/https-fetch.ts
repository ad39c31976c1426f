import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { formatBytes } from '../payload-size';

// The download itself, as a port: the directory service asks for a URL and
// gets the status, type and body, or an error that already says in plain
// words what went wrong. This one uses Node's https in main; tests pass a
// fake. The administrator's CAs are added for this one download only, so a
// company CA trusts the directory host the same policy names, nothing else.
// Redirects are followed as a browser would (a directory often moves behind
// a file server or CDN), but only to https and at most MAX_REDIRECTS times,
// all within the one time limit.

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface DirectoryDownload {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface DirectoryFetchOptions {
  /** Extra trusted CA certificates (PEM), added to the built-in roots. */
  ca: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

export type DirectoryFetch = (url: string, options: DirectoryFetchOptions) => Promise<DirectoryDownload>;

/** A download that failed before any HTTP answer could be used; the message completes a sentence. */
export class DirectoryFetchError extends Error {}

export const fetchDirectoryHttps: DirectoryFetch = async (url, options) => {
  const deadline = Date.now() + options.timeoutMs;
  const seconds = options.timeoutMs / 1000;
  let current = url;
  for (let hop = 0; ; hop++) {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) {
      throw new DirectoryFetchError(
        `the server ${hostOf(current)} did not send the file within ${seconds} s.`,
      );
    }
    // The company CAs vouch for the host policy names, not for wherever it redirects.
    const ca = hostOf(current) === hostOf(url) ? options.ca : [];
    const got = await fetchOnce(current, { ...options, ca, timeoutMs }, seconds);
    if (!('location' in got)) return got;
    if (hop === MAX_REDIRECTS) {
      throw new DirectoryFetchError(
        `the server ${hostOf(url)} redirected the download more than ${MAX_REDIRECTS} times.`,
      );
    }
    current = nextLocation(current, got.location);
  }
};

function nextLocation(from: string, location: string): string {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new DirectoryFetchError(
      `the server ${hostOf(from)} redirected the download to an address that is not valid.`,
    );
  }
  if (next.protocol !== 'https:') {
    throw new DirectoryFetchError(
      `the server ${hostOf(from)} redirected the download to ${next.protocol.replace(':', '')}, not https.`,
    );
  }
  return next.href;
}

type OnceResult = DirectoryDownload | { location: string };

function fetchOnce(url: string, options: DirectoryFetchOptions, seconds: number): Promise<OnceResult> {
  const host = hostOf(url);
  const ca = options.ca.length > 0 ? [...rootCertificates, ...options.ca] : undefined;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = request(
      url,
      { method: 'GET', ca, headers: { accept: 'text/vcard, text/csv;q=0.9, */*;q=0.1' } },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers['content-type'] ?? '');
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location) {
          res.resume();
          clearTimeout(timer);
          resolve({ location });
          return;
        }
        if (status !== 200) {
          res.resume();
          clearTimeout(timer);
          resolve({ status, contentType, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) return fail(tooLarge(options.maxBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) fail(tooLarge(options.maxBytes));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status, contentType, body: Buffer.concat(chunks) });
        });
        res.on('error', (error) => fail(transportError(host, error)));
      },
    );
    // One limit for the whole download, not only for an idle socket.
    const timer = setTimeout(
      () => fail(new DirectoryFetchError(`the server ${host} did not send the file within ${seconds} s.`)),
      options.timeoutMs,
    );
    req.on('error', (error) => fail(transportError(host, error)));
    req.end();
  });
}

function tooLarge(maxBytes: number): DirectoryFetchError {
  return new DirectoryFetchError(`the file is larger than ${formatBytes(maxBytes)}.`);
}

function transportError(host: string, error: Error): DirectoryFetchError {
  if (error instanceof DirectoryFetchError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new DirectoryFetchError(
      `the server ${host} has a certificate this computer does not trust (ask your administrator to add the company CA to trust.caCertificates).`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new DirectoryFetchError(`the server name ${host} could not be found.`);
  }
  if (code === 'ECONNREFUSED') return new DirectoryFetchError(`the server ${host} refused the connection.`);
  return new DirectoryFetchError(`the server ${host} could not be reached (${code || error.message}).`);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

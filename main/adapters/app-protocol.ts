import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_ORIGIN } from '../../contract/ipc';
import { earlyFetchLinks } from '../core/early-fetch';
import { errorCode } from '../core/errors';
import type { Logger } from '../core/logger';
import {
  buildContentSecurityPolicy,
  cacheControlFor,
  contentTypeFor,
  resolveAppFile,
  webSocketOrigin,
} from '../core/web-rules';

// Serves the renderer from app://phone instead of file://, so the page has a
// real origin (for permissions, CSP and IPC checks) and cannot read arbitrary
// files. The rules themselves (path mapping, CSP) live in core/web-rules.

export const APP_SCHEME = 'app';
const APP_HOST = new URL(`${APP_ORIGIN}/`).host;

/** Must run before app 'ready': privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: getUserMedia and
      // other secure-context APIs; supportFetchAPI: the page can fetch its assets.
      // corsEnabled stays off on purpose: the page loads only same-origin
      // assets (Vite's crossorigin module scripts included), and the flag would
      // let any other origin read app:// responses without an
      // Access-Control-Allow-Origin check. bypassCSP stays off too.
      // codeCache: V8 keeps the compiled start-up bundle between launches (with the cache headers
      // of web-rules' cacheControlFor), instead of compiling it again at every start.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export interface AppProtocolOptions {
  /** dist/renderer inside the app. */
  rendererDir: string;
  /** The account's WebSocket URL, read on every response so a saved change applies on the next load. */
  currentWsUrl: () => string | null;
  logger: Logger;
}

/** Call after 'ready'. Every response, errors included, carries the CSP. */
export function serveAppProtocol({ rendererDir, currentWsUrl, logger }: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = {
      'Content-Security-Policy': buildContentSecurityPolicy(webSocketOrigin(currentWsUrl())),
      'X-Content-Type-Options': 'nosniff',
      // The CSP follows the saved account's server; a cached page would keep the old one
      // (a file named by its content may be kept: see cacheControlFor).
      'Cache-Control': 'no-store',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers });
    }
    const file = resolveAppFile(rendererDir, request.url, APP_HOST);
    if (!file) {
      logger.warn('Blocked app:// request outside the renderer folder');
      return new Response('Not found', { status: 404, headers });
    }
    try {
      const body = await readFile(file);
      const type = contentTypeFor(file);
      // The start page names its scripts in a header too: they are fetched before it is parsed.
      const links = type.startsWith('text/html') ? earlyFetchLinks(body.toString('utf8')) : null;
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          ...headers,
          'Content-Type': type,
          'Cache-Control': cacheControlFor(new URL(request.url).pathname),
          ...(links ? { Link: links } : {}),
        },
      });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'EISDIR')
        logger.error('Reading a renderer file failed', { code: code ?? 'unknown' });
      return new Response('Not found', { status: 404, headers });
    }
  });
}

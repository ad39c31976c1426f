import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

// Security rules for the web content of the app window, kept free of Electron
// so they can be unit-tested: which origin a URL has, which permissions and
// navigations are allowed, the Content-Security-Policy, and how app:// URLs
// map to files without escaping the renderer folder.

/**
 * scheme://host[:port] of a URL, or null. WHATWG URL gives custom schemes such
 * as app:// an opaque origin ("null"), so the origin is built by hand; for
 * http(s) the result equals URL.origin.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!url.host) return null;
  return `${url.protocol}//${url.host}`;
}

/** Permissions the phone needs: microphone/camera, call notifications, and
 * reaching a PBX on the company network (Chromium's Local Network Access,
 * which newer Chromium splits into 'local-network' and 'loopback-network'). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'media',
  'notifications',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  allowedOrigins: readonly string[],
): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  const origin = originOf(requestingUrl);
  return origin !== null && allowedOrigins.includes(origin);
}

/** True when a navigation stays inside our own origin. */
export function isInternalNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/** The URL to hand to the system browser, or null when the link must not be opened at all. */
export function externalLinkTarget(raw: string): string | null {
  try {
    const url = new URL(raw);
    // Only web links: file:, smb:, javascript: and custom schemes can launch
    // programs or read local files when given to the OS.
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The ws(s) origin of the configured WebSocket URL, for connect-src; null if none or not ws(s). */
export function webSocketOrigin(wsUrl: string | null | undefined): string | null {
  if (!wsUrl) return null;
  const origin = originOf(wsUrl.trim());
  return origin && /^wss?:\/\//.test(origin) ? origin : null;
}

/** The policy sent with every app:// response. */
export function buildContentSecurityPolicy(connectOrigin: string | null): string {
  const connect = connectOrigin ? `'self' ${connectOrigin}` : `'self'`;
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    // Svelte transitions set inline styles.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `media-src 'self' blob: mediastream:`,
    `connect-src ${connect}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

/**
 * Maps an app:// URL to a file inside `rootDir`, or null if it would leave
 * it (../, encoded %2e%2e or %2f, backslashes, NUL). '/' serves index.html.
 */
export function resolveAppFile(rootDir: string, requestUrl: string, expectedHost = 'phone'): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== expectedHost) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escapes
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Scripts and styles named by their content (Vite's `assets/name-<hash>.js`) never change under
 * their name, so they may be kept: with app://'s codeCache privilege, V8 then reuses its compiled
 * code from the last launch instead of compiling the start-up bundle again. Everything else,
 * index.html above all (its CSP follows the saved account's server), is never stored.
 */
export function cacheControlFor(requestPath: string): string {
  return /^\/assets\/[\w.-]+-[\w-]{8,}\.(js|css)$/.test(requestPath)
    ? 'public, max-age=31536000, immutable'
    : 'no-store';
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The same WebSocket endpoint: scheme, host, port and path (case of the host ignored). */
export function sameServerUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return (
      x.protocol === y.protocol && x.host.toLowerCase() === y.host.toLowerCase() && x.pathname === y.pathname
    );
  } catch {
    return false;
  }
}

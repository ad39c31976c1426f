// The modules the first drawing needs (the first screen and what it imports)
// are fetched and compiled ahead of it, but not from the page's first moment:
// their compilation competed with SIP.js's on a two-core machine and held
// the REGISTER back. The build names them in a meta element (see
// renderer/vite.config.ts); this asks for them when start-up is ready to.

/** The meta element's name; its content is the chunks' relative URLs, space-separated. */
export const LATER_MODULES_META = 'deskphone-later-modules';

const CHUNK_URL = /^\.\/assets\/[\w.-]+\.js$/;

/**
 * Adds a modulepreload link for each chunk the page's meta names: fetched and
 * compiled now, run only when imported. Returns how many were asked for
 * (none under the development server, which has no such meta).
 */
export function preloadLaterModules(doc: Document = document): number {
  const named = doc.querySelector(`meta[name="${LATER_MODULES_META}"]`)?.getAttribute('content') ?? '';
  const urls = named.split(/\s+/).filter((url) => CHUNK_URL.test(url));
  for (const url of urls) {
    const link = doc.createElement('link');
    link.rel = 'modulepreload';
    // As the module scripts themselves are fetched: CORS mode, same-origin credentials.
    link.crossOrigin = '';
    link.href = url;
    doc.head.append(link);
  }
  return urls.length;
}

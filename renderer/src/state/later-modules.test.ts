import { describe, expect, it } from 'vitest';
import { LATER_MODULES_META, preloadLaterModules } from './later-modules';

/** Just enough of a document: one meta element (or none) and a head that records links. */
function fakeDocument(content: string | null) {
  const links: Array<{ rel: string; href: string; crossOrigin: string | null }> = [];
  const doc = {
    querySelector: (selector: string) =>
      content !== null && selector === `meta[name="${LATER_MODULES_META}"]`
        ? { getAttribute: (name: string) => (name === 'content' ? content : null) }
        : null,
    createElement: () => ({ rel: '', href: '', crossOrigin: null as string | null }),
    head: { append: (link: (typeof links)[number]) => links.push(link) },
  };
  return { doc: doc as unknown as Document, links };
}

describe('preloadLaterModules', () => {
  it('adds a CORS modulepreload link for each chunk the build named', () => {
    const { doc, links } = fakeDocument('./assets/first-screen-AbC123xy.js ./assets/history-Zz9_8-7a.js');
    expect(preloadLaterModules(doc)).toBe(2);
    expect(links).toEqual([
      { rel: 'modulepreload', href: './assets/first-screen-AbC123xy.js', crossOrigin: '' },
      { rel: 'modulepreload', href: './assets/history-Zz9_8-7a.js', crossOrigin: '' },
    ]);
  });

  it('asks for nothing under the development server (no meta) or for anything but our chunks', () => {
    expect(preloadLaterModules(fakeDocument(null).doc)).toBe(0);
    const { doc, links } = fakeDocument('https://evil.example/x.js ../secret.js ./assets/ok-12345678.js');
    expect(preloadLaterModules(doc)).toBe(1);
    expect(links.map((link) => link.href)).toEqual(['./assets/ok-12345678.js']);
  });
});

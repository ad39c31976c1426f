// A deliberately small reader for the XML bodies of event NOTIFYs (dialog-info,
// PIDF). Those bodies come from the network: a full XML parser would bring
// entity expansion, DOCTYPEs and namespaces we do not need. This one only
// finds elements by local name (any prefix), reads their attributes and
// text, and gives up quietly on anything odd. Callers cap the input size.

export interface XmlElement {
  /** Attributes by local name (prefix dropped), values with entities decoded. */
  attrs: Record<string, string>;
  /** The raw markup between the start and end tag ('' for an empty element). */
  inner: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; anything else stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? whole;
  });
}

/** Comments, processing instructions, CDATA wrappers and DOCTYPEs removed, so tags can be matched plainly. */
export function stripXmlNoise(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => text.replace(/</g, '&lt;'));
}

function readAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w.:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const name = match[1]!.replace(/^[\w.-]+:/, '').toLowerCase();
    if (name in attrs) continue;
    attrs[name] = decodeEntities(match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/**
 * Every element called `name` (case-insensitive, any namespace prefix) in
 * `xml`, at most `limit` of them. Nested elements of the same name are not
 * supported (the formats read here never nest them).
 */
export function elements(xml: string, name: string, limit = 64): XmlElement[] {
  const found: XmlElement[] = [];
  const open = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^<>]*?)(/?)>`, 'gi');
  for (let match = open.exec(xml); match && found.length < limit; match = open.exec(xml)) {
    const attrs = readAttrs(match[1] ?? '');
    if (match[2] === '/') {
      found.push({ attrs, inner: '' });
      continue;
    }
    const close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'i');
    const rest = xml.slice(open.lastIndex);
    const end = close.exec(rest);
    if (!end) break;
    found.push({ attrs, inner: rest.slice(0, end.index) });
    open.lastIndex += end.index + end[0].length;
  }
  return found;
}

/** The first `name` element, or undefined. */
export function element(xml: string, name: string): XmlElement | undefined {
  return elements(xml, name, 1)[0];
}

/** The text of an element: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(inner: string): string {
  return decodeEntities(inner.replace(/<[^<>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

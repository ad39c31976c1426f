// The content lines of one vCard (RFC 6350 §3.3, RFC 2426 §4), read
// tolerantly: folded lines joined, "group." prefixes dropped, parameters
// with quoted values ("voice,work" may hold a colon), bare vCard 2.1/3.0
// types (TEL;WORK;VOICE:), and backslash escapes in values. A line that is
// not a content line makes the whole card unreadable: the caller skips the
// card rather than guess at a person's number.

export interface ContentLine {
  /** Lower case, without a group prefix: "tel", "fn". */
  name: string;
  /** Parameter name (lower case) → its values, e.g. type → ["work", "voice"]. */
  params: Map<string, string[]>;
  /** The raw value, escapes still in (structured values are split on unescaped ";"). */
  value: string;
}

export class CardSyntaxError extends Error {}

/** Joins folded lines: a line that starts with a space or a tab continues the previous one. */
export function unfold(card: string): string[] {
  const lines: string[] = [];
  for (const line of card.split(/\r\n|\r|\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += line.slice(1);
    } else if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

export function parseContentLine(line: string): ContentLine {
  // The name ends at the first ";" or ":"; the value starts at the first ":" outside quotes.
  const nameEnd = line.search(/[;:]/);
  if (nameEnd <= 0) throw new CardSyntaxError('not a content line');
  const name = line
    .slice(0, nameEnd)
    .replace(/^[^.]*\./, '')
    .toLowerCase();
  if (!/^[a-z0-9-]+$/.test(name)) throw new CardSyntaxError('not a property name');
  const params = new Map<string, string[]>();
  let at = nameEnd;
  while (line[at] === ';') {
    const start = at + 1;
    let quoted = false;
    at = start;
    while (at < line.length && (quoted || (line[at] !== ';' && line[at] !== ':'))) {
      if (line[at] === '"') quoted = !quoted;
      at++;
    }
    addParam(params, line.slice(start, at));
  }
  if (line[at] !== ':') throw new CardSyntaxError('no value');
  return { name, params, value: line.slice(at + 1) };
}

function addParam(params: Map<string, string[]>, text: string): void {
  const eq = text.indexOf('=');
  // vCard 2.1 and many 3.0 writers: "TEL;WORK;VOICE:" means TYPE=WORK,VOICE.
  const key = eq < 0 ? 'type' : text.slice(0, eq).trim().toLowerCase();
  const raw = eq < 0 ? text : text.slice(eq + 1);
  const values = splitOutsideQuotes(raw, ',').map((v) => v.replace(/^"|"$/g, '').trim());
  // TYPE="voice,work" is one quoted list in vCard 4 practice.
  const flat = values.flatMap((v) => (key === 'type' ? v.split(',') : [v])).filter(Boolean);
  params.set(key, [...(params.get(key) ?? []), ...flat.map((v) => v.toLowerCase())]);
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** A value's components, split on unescaped ";" (N, ORG), each unescaped. */
export function components(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      current += char + value[++i];
    } else if (char === ';') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map(unescapeText);
}

/** vCard text escapes: \n and \N are line breaks, \, \; and \\ the characters themselves. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)).trim();
}

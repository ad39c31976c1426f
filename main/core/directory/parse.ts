import { DIRECTORY_MAX_ENTRIES, type DirectoryEntry } from '../../../contract/directory';
import { parseCsv } from './csv';
import { cleanEntry, type RawEntry } from './entry';
import { looksLikeVCard, readCard, splitCards } from './vcard';

// From a downloaded file to directory entries: decides whether it is vCard
// or CSV (by its content type, then by its content), decodes it, and reads
// it entry by entry. A file that is not a directory at all (a login page,
// JSON, an empty file) is refused with a sentence saying what it was; an
// entry that cannot be read is skipped and counted.

export type DirectoryFormat = 'vcard' | 'csv';

export interface ParsedDirectory {
  format: DirectoryFormat;
  entries: DirectoryEntry[];
  skipped: number;
}

/** Thrown when the whole file cannot be used; the message completes "…could not be updated: ". */
export class DirectoryFileError extends Error {}

const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory'];
const CSV_TYPES = ['text/csv', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'];

/** Entries read between two turns of the event loop: main stays responsive while 50,000 are read. */
const BATCH = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function parseDirectory(
  body: Buffer,
  contentType: string,
  url: string,
): Promise<ParsedDirectory> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    throw new DirectoryFileError(
      'the address gave a web page (perhaps a sign-in page), not a vCard or CSV file.',
    );
  }
  const text = decode(body);
  if (!text.trim()) throw new DirectoryFileError('the file it gave is empty.');
  if (text.includes('\u0000')) throw new DirectoryFileError('the file it gave is not a text file.');
  if (/^\s*<(?:!doctype|html|\?xml)/i.test(text)) {
    throw new DirectoryFileError('the address gave a web page or XML, not a vCard or CSV file.');
  }
  if (/^\s*[[{]/.test(text)) throw new DirectoryFileError('the file it gave is JSON, not vCard or CSV.');

  const format = formatOf(type, text, url);
  // vCard: each card is read on its own, so one broken card costs only itself.
  let items: ReadonlyArray<string | RawEntry>;
  let skipped = 0;
  if (format === 'vcard') items = splitCards(text);
  else {
    const csv = parseCsv(text);
    if (!csv.recognised) {
      throw new DirectoryFileError(
        'the CSV file has no column DeskPhone recognises for the name and the number (see "Company directory" in the deployment guide).',
      );
    }
    items = csv.entries;
    skipped = csv.skipped;
  }
  const entries: DirectoryEntry[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const item = items[i]!;
    const raw = typeof item === 'string' ? readCard(item) : item;
    const entry = raw && entries.length < DIRECTORY_MAX_ENTRIES ? cleanEntry(raw) : null;
    if (entry) entries.push(entry);
    else skipped++;
  }
  if (entries.length === 0) {
    throw new DirectoryFileError(
      skipped > 0
        ? `none of its ${skipped} entries had both a name and a number DeskPhone could read.`
        : 'the file has no entries.',
    );
  }
  return { format, entries, skipped };
}

function formatOf(type: string, text: string, url: string): DirectoryFormat {
  if (VCARD_TYPES.includes(type) || looksLikeVCard(text)) return 'vcard';
  if (CSV_TYPES.includes(type)) return 'csv';
  if (/\.vcf$/i.test(pathOf(url))) return 'vcard';
  return 'csv';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252. */
export function decode(body: Buffer): string {
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    // Older spreadsheet exports: every byte is a character, so nothing is lost to U+FFFD.
    return new TextDecoder('windows-1252').decode(body);
  }
}

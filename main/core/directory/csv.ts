import Papa from 'papaparse';
import type { DirectoryNumberKind } from '../../../contract/directory';
import type { RawEntry } from './entry';

// CSV directories, as spreadsheets and HR systems export them: a header row
// names the columns. Column names are matched without regard to case,
// spaces, dashes or underscores ("E-mail Address" = "emailaddress"); the
// names accepted are listed in docs/deploying.md, "Company directory".

export const CSV_COLUMNS = {
  name: ['name', 'fullname', 'displayname', 'fn', 'cn', 'contact'],
  first: ['firstname', 'givenname', 'first', 'forename'],
  last: ['lastname', 'surname', 'familyname', 'last', 'sn'],
  work: [
    'number',
    'phone',
    'telephone',
    'tel',
    'phonenumber',
    'telephonenumber',
    'workphone',
    'businessphone',
    'officephone',
    'work',
    'extension',
    'ext',
    'direct',
  ],
  mobile: ['mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'handy'],
  home: ['home', 'homephone'],
  department: ['department', 'dept', 'team', 'group', 'division', 'ou', 'organisationalunit', 'company'],
  email: ['email', 'mail', 'emailaddress'],
} as const;

type Field = keyof typeof CSV_COLUMNS;
const NUMBER_FIELDS: Array<[Field, DirectoryNumberKind]> = [
  ['work', 'work'],
  ['mobile', 'mobile'],
  ['home', 'home'],
];

export interface CsvResult {
  entries: RawEntry[];
  skipped: number;
  /** False when no header names a person or a number: this is not a directory. */
  recognised: boolean;
}

const compact = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Which column holds which field; the first column with a matching name wins. */
function mapColumns(headers: readonly string[]): Partial<Record<Field, number>> {
  const map: Partial<Record<Field, number>> = {};
  headers.forEach((header, index) => {
    const key = compact(header);
    for (const field of Object.keys(CSV_COLUMNS) as Field[]) {
      if (map[field] === undefined && (CSV_COLUMNS[field] as readonly string[]).includes(key)) {
        map[field] = index;
      }
    }
  });
  return map;
}

export function parseCsv(text: string): CsvResult {
  // Rows as arrays (not objects): duplicate or empty header names cannot hide a column.
  const result = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = result.data;
  const columns = mapColumns(headers);
  const hasName = columns.name !== undefined || columns.first !== undefined || columns.last !== undefined;
  const hasNumber = NUMBER_FIELDS.some(([field]) => columns[field] !== undefined);
  if (!hasName || !hasNumber) return { entries: [], skipped: rows.length, recognised: false };

  // A row Papa could not read cleanly (a stray quote) is skipped, not guessed at.
  const broken = new Set(
    result.errors.filter((e) => e.type === 'Quotes' && e.row !== undefined).map((e) => e.row!),
  );
  const entries: RawEntry[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    // Papa counts rows from the first line, header included.
    if (broken.has(index + 1)) {
      skipped++;
      return;
    }
    const cell = (field: Field) => {
      const at = columns[field];
      return at === undefined ? '' : (row[at] ?? '').trim();
    };
    const name = cell('name') || [cell('first'), cell('last')].filter(Boolean).join(' ');
    const numbers = NUMBER_FIELDS.flatMap(([field, kind]) => {
      const value = cell(field);
      return value ? [{ value, kind }] : [];
    });
    if (!name || numbers.length === 0) {
      skipped++;
      return;
    }
    const entry: RawEntry = { name, numbers };
    if (cell('department')) entry.department = cell('department');
    if (cell('email')) entry.email = cell('email');
    entries.push(entry);
  });
  return { entries, skipped, recognised: true };
}

import { describe, expect, it } from 'vitest';
import { DirectoryEntrySchema } from '../../../contract/directory';
import { normaliseNumber } from './entry';
import { DirectoryFileError, parseDirectory } from './parse';

const URL_VCF = 'https://dir.example.com/staff.vcf';
const URL_CSV = 'https://dir.example.com/staff.csv';
const crlf = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`);

describe('vCard directories', () => {
  it('reads vCard 3.0 cards: FN, N, ORG unit, TEL with TYPE, EMAIL; fax numbers are left out', async () => {
    const body = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Zoë Zimmer',
      'N:Zimmer;Zoë;;;',
      'ORG:ACME GmbH;Sales',
      'TEL;TYPE=WORK,VOICE:+49 (30) 1234-567',
      'TEL;TYPE=CELL:+49 170 7654321',
      'TEL;TYPE=FAX:+49 30 1234-999',
      'EMAIL;TYPE=INTERNET:zoe@example.com',
      'END:VCARD',
    ]);
    const { format, entries, skipped } = await parseDirectory(body, 'text/vcard', URL_VCF);
    expect(format).toBe('vcard');
    expect(skipped).toBe(0);
    expect(entries).toEqual([
      {
        name: 'Zoë Zimmer',
        numbers: [
          { number: '+49301234567', kind: 'work' },
          { number: '+491707654321', kind: 'mobile' },
        ],
        department: 'Sales',
        email: 'zoe@example.com',
      },
    ]);
  });

  it('reads vCard 4.0 (tel: URIs, quoted TYPE lists, name from N) and many cards in one file', async () => {
    const body = crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Bob Baker',
      'TEL;VALUE=uri;TYPE="voice,work":tel:+1-555-555-0100;ext=55',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'N:Cole;Carol;;;',
      'ORG:ACME',
      'TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-0199',
      'END:VCARD',
    ]);
    const { entries } = await parseDirectory(body, 'text/plain', URL_VCF);
    expect(entries).toEqual([
      { name: 'Bob Baker', numbers: [{ number: '+15555550100', kind: 'work' }] },
      { name: 'Carol Cole', numbers: [{ number: '+15555550199', kind: 'mobile' }], department: 'ACME' },
    ]);
  });

  it('skips a card it cannot read or that has no number, and keeps the rest', async () => {
    const body = Buffer.from(
      [
        'BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nTEL:1001\nEND:VCARD',
        'BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS LINE IS NOT VCARD\nTEL:1002\nEND:VCARD',
        'BEGIN:VCARD\nVERSION:3.0\nFN:No Number\nEND:VCARD',
        'BEGIN:VCARD\nVERSION:3.0\nFN:<b>Evil\u202e</b>\nTEL:1003<script>\nEND:VCARD',
      ].join('\n'),
    );
    const { entries, skipped } = await parseDirectory(body, 'text/x-vcard', URL_VCF);
    expect(entries.map((e) => [e.name, e.numbers[0]!.number])).toEqual([
      ['Good One', '1001'],
      ['Evil', '1003script'],
    ]);
    expect(skipped).toBe(2);
  });
});

describe('CSV directories', () => {
  it('reads a header row case-insensitively, quoted commas, a BOM and CRLF line ends', async () => {
    const body = Buffer.from(
      '\ufeffName,Work Phone,MOBILE,Department,E-mail Address\r\n' +
        '"Archer, Alice","+44 20 7946 0018",,"Support, 2nd line",alice@example.com\r\n' +
        'Bob Baker,1002,+44 7700 900123,Sales,\r\n',
    );
    const { format, entries, skipped } = await parseDirectory(body, 'text/csv; charset=utf-8', URL_CSV);
    expect(format).toBe('csv');
    expect(skipped).toBe(0);
    expect(entries).toEqual([
      {
        name: 'Archer, Alice',
        numbers: [{ number: '+442079460018', kind: 'work' }],
        department: 'Support, 2nd line',
        email: 'alice@example.com',
      },
      {
        name: 'Bob Baker',
        numbers: [
          { number: '1002', kind: 'work' },
          { number: '+447700900123', kind: 'mobile' },
        ],
        department: 'Sales',
      },
    ]);
  });

  it('builds the name from first and last name columns, tolerates missing cells and skips bad rows', async () => {
    const body = Buffer.from(
      'first_name;last_name;telephone\n' +
        'Carol;Cole;1003\n' +
        'Dave;Dunn\n' + // no number: skipped
        ';;1005\n' + // no name: skipped
        'Erin;Ellis;1009;extra;cells\n',
    );
    const { entries, skipped } = await parseDirectory(body, 'application/octet-stream', URL_CSV);
    expect(entries.map((e) => [e.name, e.numbers[0]!.number])).toEqual([
      ['Carol Cole', '1003'],
      ['Erin Ellis', '1009'],
    ]);
    expect(skipped).toBe(2);
  });

  it('reads UTF-16 (Excel "Unicode text", tab-separated) and Windows-1252 exports', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Name\tPhone\r\nZoë Zimmer\t1010\r\n', 'utf16le'),
    ]);
    expect((await parseDirectory(utf16, '', URL_CSV)).entries[0]).toMatchObject({ name: 'Zoë Zimmer' });
    const latin1 = Buffer.from('Name,Phone\nJosé Núñez,1011\n', 'latin1');
    expect((await parseDirectory(latin1, '', URL_CSV)).entries[0]).toMatchObject({ name: 'José Núñez' });
  });
});

describe('files that are not a directory', () => {
  const refused = async (body: string, type = '', url = URL_CSV) => {
    try {
      await parseDirectory(Buffer.from(body), type, url);
    } catch (error) {
      expect(error).toBeInstanceOf(DirectoryFileError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('refuses a web page, JSON, an empty file and binary data with a sentence saying what it was', async () => {
    expect(await refused('<html><body>Sign in</body></html>', 'text/html')).toMatch(/web page/);
    expect(await refused('<!DOCTYPE html><p>x</p>', 'text/plain')).toMatch(/web page/);
    expect(await refused('{"people":[]}', 'application/json')).toMatch(/JSON/);
    expect(await refused('  \r\n')).toMatch(/empty/);
    expect(await refused('PK\u0003\u0004\u0000\u0000')).toMatch(/not a text file/);
  });

  it('refuses a CSV without name or number columns, and one whose every entry is unusable', async () => {
    expect(await refused('colour,size\nred,9\n')).toMatch(/no column DeskPhone recognises/);
    expect(await refused('name,phone\nAnn,\n,1002\n')).toMatch(/none of its 2 entries/);
    expect(await refused('BEGIN:VCARD\nFN:x\nbroken\nEND:VCARD\n', 'text/vcard', URL_VCF)).toMatch(
      /none of its 1/,
    );
  });
});

describe('entries main sends', () => {
  it('fit the contract even when every character is an emoji or the fields are too long', async () => {
    const long = '😀'.repeat(300);
    const body = Buffer.from(
      `name,phone,department,email\n${long},1001,${long},${'a'.repeat(300)}@example.com\n`,
    );
    const { entries } = await parseDirectory(body, 'text/csv', URL_CSV);
    expect([...entries[0]!.name]).toHaveLength(128);
    expect(DirectoryEntrySchema.array().safeParse(entries).success).toBe(true);
  });
});

describe('normaliseNumber', () => {
  it('keeps what a dial string can hold', () => {
    expect(normaliseNumber(' +1 (555) 010-0199 ')).toBe('+15550100199');
    expect(normaliseNumber('tel:+1-555-0100;ext=12')).toBe('+15550100');
    expect(normaliseNumber('sip:Bob@pbx.example.com')).toBe('sip:Bob@pbx.example.com');
    expect(normaliseNumber('*97')).toBe('*97');
    expect(normaliseNumber('call me')).toBe('callme');
    expect(normaliseNumber('   ')).toBe('');
  });
});

describe('vCard content lines', () => {
  it('unfolds lines, drops groups, reads bare 2.1-style types, quoted parameters and escapes', async () => {
    const body = Buffer.from(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Núñez\\, José',
        ' Luis',
        'item1.TEL;WORK;VOICE:+34 91 123 45 67',
        'TEL;TYPE="cell,voice";X-LABEL="a:b":+34 600 000 000',
        'ORG:ACME\\; Ltd;R&D;Lab 2',
        'END:VCARD',
      ].join('\n'),
    );
    const { entries } = await parseDirectory(body, 'text/vcard', URL_VCF);
    expect(entries).toEqual([
      {
        name: 'Núñez, JoséLuis',
        numbers: [
          { number: '+34911234567', kind: 'work' },
          { number: '+34600000000', kind: 'mobile' },
        ],
        department: 'R＆D / Lab 2',
      },
    ]);
  });
});

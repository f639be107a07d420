import { describe, expect, it } from 'vitest';
import { cellIndexAt, sniffTable, splitCells, type TableShape } from '../../../src/engine/detect/table.js';

const CSV: TableShape = { delimiter: ',', headers: null };

describe('sniffTable', () => {
  it.each([
    [
      'comma with header',
      'Surname,Forename,Date of Birth\nDoe,Jane,03/04/1961\nRoe,Rick,01/02/1970\n',
      ',',
      ['surname', 'forename', 'date_of_birth'],
    ],
    ['tab', 'name\tdob\nJane Doe\t1961-04-03\n', '\t', ['name', 'dob']],
    [
      'semicolon',
      'name;dob;postcode\nJane;1961-04-03;LS1 4AB\nRick;1970-01-02;M1 1AA\n',
      ';',
      ['name', 'dob', 'postcode'],
    ],
    ['no header', 'Jane Doe,1961-04-03,LS1 4AB\nRick Roe,1970-01-02,M1 1AA\n', ',', null],
    ['quoted header', '"Name","Address, line 1"\n"Doe, Jane","1 High St"\n', ',', ['name', 'address_line_1']],
  ])('%s', (_n, text, delimiter, headers) => {
    expect(sniffTable(text)).toEqual({ delimiter, headers });
  });

  it('a title above the header is not the header: the table starts at its first line of the usual shape', () => {
    const rows = 'name,dob,postcode\nJane,1961-04-03,LS1 4AB\nRick,1970-01-02,M1 1AA\n';
    expect(sniffTable(`Export of 1 March\n\n${rows}`)).toEqual({
      delimiter: ',',
      headers: ['name', 'dob', 'postcode'],
      skip: 1,
    });
    expect(sniffTable(`Acme Ltd\nCustomer export\n${rows}`)).toMatchObject({
      headers: ['name', 'dob', 'postcode'],
      skip: 2,
    });
    // A header one field short of rows that end with a delimiter is the header, not a title.
    const trailing = Array.from({ length: 6 }, (_, i) => `Jane Smith,02/04/1961,LS1 4AB,PN10000${i},`).join(
      '\n',
    );
    expect(sniffTable(`name,dob,postcode,policy_number\n${trailing}\n`)).toEqual({
      delimiter: ',',
      headers: ['name', 'dob', 'postcode', 'policy_number'],
    });
    // More lines above than a title has: read as before, from the first line.
    const long = `a\nb\nc\nd\n${rows}${rows}${rows}${rows}${rows}`;
    expect(sniffTable(long)?.skip).toBeUndefined();
  });

  it('prose is not a table', () => {
    expect(sniffTable('Dear Jane,\nThank you for your letter of 3 May.\nYours sincerely\n')).toBeNull();
  });
});

describe('cells', () => {
  it('splits quoted cells with embedded delimiters and quotes', () => {
    expect(splitCells('"Doe, Jane",42,"say ""hi"""', CSV)).toEqual([
      { text: 'Doe, Jane', start: 1 },
      { text: '42', start: 12 },
      { text: 'say "hi"', start: 16 },
    ]);
  });
  it('cellIndexAt ignores delimiters inside quotes', () => {
    const line = '"Doe, Jane",1961-04-03';
    expect(cellIndexAt(line, line.indexOf('1961'), CSV)).toBe(1);
  });
});

describe('fixed-width tables', () => {
  const text = [
    'SURNAME     FORENAME    DATE OF BIRTH  POSTCODE',
    'SMITH       JANE        03/04/1961     LS1 4AB',
    "O'BRIEN     SIOBHAN     17/09/1948     CF14 3UX",
    'PATEL       PRIYA       30/11/1972',
  ].join('\n');

  it('sniffs the columns from a header of words separated by two or more spaces', () => {
    expect(sniffTable(text)).toEqual({
      delimiter: null,
      starts: [0, 12, 24, 39],
      headers: ['surname', 'forename', 'date_of_birth', 'postcode'],
    });
  });
  it('splits a row into its columns and finds the column of an offset', () => {
    const table = sniffTable(text) as TableShape;
    const row = 'SMITH       JANE        03/04/1961     LS1 4AB';
    expect(splitCells(row, table).map((c) => c.text.trim())).toEqual([
      'SMITH',
      'JANE',
      '03/04/1961',
      'LS1 4AB',
    ]);
    expect(cellIndexAt(row, row.indexOf('03/04'), table)).toBe(2);
    expect(cellIndexAt(row, 0, table)).toBe(0);
  });
  it('is not fooled by aligned prose or a numeric header', () => {
    expect(sniffTable('Dear  Jane  Smith\nThank you for your letter.\nYours  sincerely  now\n')).toBeNull();
    expect(sniffTable('2021  2022  2023\n10    20    30\n11    21    31\n')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  cellIndexAt,
  FieldContext,
  headerMatches,
  sniffTable,
  splitCells,
} from '../../../src/engine/detect/fields.js';

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

  it('prose is not a table', () => {
    expect(sniffTable('Dear Jane,\nThank you for your letter of 3 May.\nYours sincerely\n')).toBeNull();
  });
});

describe('cells', () => {
  it('splits quoted cells with embedded delimiters and quotes', () => {
    expect(splitCells('"Doe, Jane",42,"say ""hi"""', ',')).toEqual([
      { text: 'Doe, Jane', start: 1 },
      { text: '42', start: 12 },
      { text: 'say "hi"', start: 16 },
    ]);
  });
  it('cellIndexAt ignores delimiters inside quotes', () => {
    const line = '"Doe, Jane",1961-04-03';
    expect(cellIndexAt(line, line.indexOf('1961'), ',')).toBe(1);
  });
});

describe('FieldContext.keyAt', () => {
  it('names a CSV cell by its header', () => {
    const f = new FieldContext({ delimiter: ',', headers: ['order_date', 'dob'] });
    const line = '2024-01-02,1961-04-03';
    expect(f.keyAt(line, 0, 0, false)).toBe('order_date');
    expect(f.keyAt(line, 11, 11, false)).toBe('dob');
  });
  it('reads JSON keys and key=value / Key: value pairs', () => {
    const f = new FieldContext(null);
    const json = '{"date_of_birth": "1961-04-03"}';
    expect(f.keyAt(json, json.indexOf('1961'), 0, false)).toBe('date_of_birth');
    const log = 'saved customer dob=1961-04-03 ok';
    expect(f.keyAt(log, log.indexOf('1961'), 0, false)).toBe('dob');
    const letter = 'Date of birth: 3 April 1961';
    expect(f.keyAt(letter, letter.indexOf('3 April'), 0, false)).toBe('date_of_birth');
  });
  it('maps SQL INSERT values to the column list above them, across segments', () => {
    const f = new FieldContext(null);
    const text = "INSERT INTO customers (id, surname, dob) VALUES\n(1, 'Doe', '1961-04-03'),\n";
    f.enterSegment(text);
    const row = "(1, 'Doe', '1961-04-03'),";
    const at = text.indexOf(row);
    expect(f.keyAt(row, row.indexOf('1961'), at + row.indexOf('1961'), false)).toBe('dob');
    expect(f.keyAt(row, row.indexOf('Doe'), at + row.indexOf('Doe'), false)).toBe('surname');
    f.enterSegment(row);
    expect(f.keyAt(row, row.indexOf('1961'), row.indexOf('1961'), false)).toBe('dob');
  });
  it('uses the INSERT nearest above a value when a segment holds several', () => {
    const f = new FieldContext(null);
    const text =
      "INSERT INTO a (dob, x) VALUES ('1961-04-03', 1);\nINSERT INTO b (x, dob) VALUES (1, '1961-04-03');";
    f.enterSegment(text);
    const second = text.lastIndexOf('1961');
    const line = text.slice(text.indexOf('\n') + 1);
    expect(f.keyAt(line, line.indexOf('1961'), second, false)).toBe('dob');
    expect(f.keyAt(line, line.indexOf('(1') + 1, second - 10, false)).toBe('x');
  });
  it('knows no SQL columns before any INSERT', () => {
    const f = new FieldContext(null);
    f.enterSegment("(1, 'Doe', '1961-04-03')");
    expect(f.keyAt("(1, 'Doe', '1961-04-03')", 12, 12, false)).toBeNull();
  });
});

describe('headerMatches', () => {
  const headers = new Set(['dob', 'nhs_no']);
  it.each([
    ['dob', true],
    ['patient_dob', true],
    ['nhs_no', true],
    ['dobson', false],
    ['order_date', false],
  ])('%s → %s', (key, expected) => {
    expect(headerMatches(key, headers)).toBe(expected);
  });
});

describe('headerMatches with generic suffixes', () => {
  const headers = new Set(['name', 'full_name']);
  it.each([
    ['name', true],
    ['full_name', true],
    ['customer_full_name', true],
    ['company_name', false],
    ['product_name', false],
  ])('%s → %s', (key, expected) => {
    expect(headerMatches(key, headers)).toBe(expected);
  });
});

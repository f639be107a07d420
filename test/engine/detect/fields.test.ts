import { describe, expect, it } from 'vitest';
import { FieldContext, headerMatches, matchedHeader } from '../../../src/engine/detect/fields.js';
import { bufferSource } from '../../../src/engine/extract/byte-source.js';
import { scanSource } from '../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../src/rulepack/packs.js';

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

describe('FieldContext: XML and COPY', () => {
  it('names an XML element value by its element, namespace stripped', () => {
    const f = new FieldContext(null);
    f.enterSegment('');
    const line = '    <cust:dob>1961-04-03</cust:dob>';
    expect(f.keyAt(line, line.indexOf('1961'), 0, false)).toBe('dob');
    const attr = '<person dob="1961-04-03">';
    expect(f.keyAt(attr, attr.indexOf('1961'), 0, false)).toBe('dob');
  });
  it('maps the tab-separated rows of a COPY block to its column list, and stops at \\.', () => {
    const text =
      'COPY public.patients (id, full_name, dob) FROM stdin;\n1\tJane Smith\t1961-04-03\n\\.\nSELECT 1;\n';
    const f = new FieldContext(null);
    f.enterSegment(text);
    const row = '1\tJane Smith\t1961-04-03';
    const at = text.indexOf(row);
    expect(f.copyColumnsAt(at)).toEqual(['id', 'full_name', 'dob']);
    expect(f.keyAt(row, row.indexOf('1961'), at + row.indexOf('1961'), false)).toBe('dob');
    expect(f.keyAt(row, row.indexOf('Jane'), at + row.indexOf('Jane'), false)).toBe('full_name');
    expect(f.copyColumnsAt(text.indexOf('SELECT'))).toBeNull();
  });
  it('carries an open COPY block into the next segment until its \\. line', () => {
    const f = new FieldContext(null);
    f.enterSegment('COPY t (name, dob) FROM stdin;\nJane Smith\t1961-04-03\n');
    f.enterSegment('Rick Roe\t1970-01-02\n\\.\nafter\t1970-01-02\n');
    expect(f.copyColumnsAt(0)).toEqual(['name', 'dob']);
    expect(f.copyColumnsAt(30)).toBeNull();
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

describe('matchedHeader: what a reason may quote', () => {
  const headers = new Set(['dob', 'door_code', 'postcode']);
  it.each([
    ['dob', 'dob'],
    ['home_postcode', 'postcode'],
    // A key cut from free text carries the values before it; only the rule's own word comes back.
    ['dob_03_04_1961_ni_ab123456_c_door_code', 'door_code'],
    ['jane_smith_door_code', 'door_code'],
    ['order_ref', null],
  ])('%s → %s', (key, expected) => {
    expect(matchedHeader(key, headers)).toBe(expected);
  });
});

describe('reasons never carry scanned text', () => {
  it('a key: value line whose key runs over earlier values is quoted by the matched header only', async () => {
    const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
    const text =
      'dob 03/04/1961 ni AB123456C door code: 4821\nJane Smith born 03/04/1961, NHS 485 112 2330\n';
    const o = await scanSource('x.txt', bufferSource(Buffer.from(text)), rules, {
      minConfidence: 0.5,
      showValues: false,
      maxFindings: 1000,
      timeBudgetMs: 60_000,
    });
    const reasons = o.results.flatMap((r) => r.findings.flatMap((f) => f.reasons ?? []));
    expect(reasons).toContain('field "door_code" +0.4');
    for (const raw of ['1961', '123456', 'jane', 'smith', '4821', '2330']) {
      expect(reasons.join(' ').toLowerCase()).not.toContain(raw);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { bufferSource, READ_CHUNK_BYTES } from '../../src/engine/extract/byte-source.js';
import { SEGMENT_CHARS } from '../../src/engine/extract/text-segments.js';
import { scanSource } from '../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 };

async function scanText(name: string, text: string) {
  const outcome = await scanSource(name, bufferSource(new TextEncoder().encode(text)), rules, options);
  const r = outcome.results[0];
  if (!r) throw new Error(`no result for ${name}`);
  return { verdict: r.verdict, records: r.records, counts: r.counts };
}

describe('structure-aware detection, end to end through scanSource', () => {
  it('XML: element names are context and each repeated element is a record', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<customers>',
      '  <customer id="1">',
      '    <name>Jane Smith</name>',
      '    <dob>1961-04-03</dob>',
      '    <postcode>LS1 4AB</postcode>',
      '  </customer>',
      '  <customer id="2">',
      '    <name>Kwabena Asamoah</name>',
      '    <dob>1970-01-02</dob>',
      '    <postcode>M1 1AA</postcode>',
      '  </customer>',
      '</customers>',
    ].join('\n');
    expect(await scanText('people.xml', xml)).toEqual({
      verdict: 'personal-data',
      records: 2,
      counts: { 'person-name': 2, 'date-of-birth': 2, postcode: 2 },
    });
  });

  it('SQL COPY: the column list names the tab-separated rows below it; each row is a record', async () => {
    const sql = [
      'COPY public.patients (id, full_name, date_of_birth, nhs_no) FROM stdin;',
      '1\tJane Smith\t1961-04-03\t4851122330',
      '2\tPriya Patel\t1972-11-30\t6324652114',
      '\\.',
      '',
    ].join('\n');
    expect(await scanText('dump.sql', sql)).toEqual({
      verdict: 'personal-data',
      records: 2,
      counts: { 'person-name': 2, 'date-of-birth': 2, 'nhs-number': 2 },
    });
  });

  it('a title above the header row: the header still names the columns, and the title is not a row', async () => {
    const rows = [
      'customer_id,name,policy_number,postcode',
      '1001,Jane Smith,CLP-57089319,LS1 4AB',
      '1002,Rick Roe,CLP-60133090,M1 1AA',
      '1003,Priya Patel,CLP-25019171,CF10 1AA',
    ];
    const titled = await scanText(
      'export.csv',
      ['Customer export, Acme Plans Ltd, 2024-03-01', '', ...rows, ''].join('\n'),
    );
    const plain = await scanText('plain.csv', [...rows, ''].join('\n'));
    // Policy numbers are only known under their column: without the header they went unfound.
    expect(titled.counts['policy-number']).toBe(3);
    expect(titled).toEqual(plain);
  });

  it('fixed-width: the header names the aligned columns', async () => {
    const text = [
      'SURNAME     FORENAME    DOB         POSTCODE',
      'SMITH       JANE        03/04/1961  LS1 4AB',
      'PATEL       PRIYA       30/11/1972  M1 1AA',
      'JONES       OLIVER      12/12/1980  CF10 1AA',
      '',
    ].join('\n');
    const r = await scanText('export.txt', text);
    expect(r.verdict).toBe('personal-data');
    expect(r.records).toBe(3);
    expect(r.counts['date-of-birth']).toBe(3);
    expect(r.counts.postcode).toBe(3);
  });

  it('no header: a column of adult birth dates beside a column of names is inferred as dob', async () => {
    const text =
      'Jane Smith,03/04/1961,Leeds\nPriya Patel,30/11/1972,Bradford\nOliver Jones,12/12/1980,Cardiff\n';
    expect(await scanText('people.csv', text)).toEqual({
      verdict: 'personal-data',
      records: 3,
      counts: { 'person-name': 3, 'date-of-birth': 3 },
    });
  });

  it('no header: recent dates beside product names are not birth dates, and products are not names', async () => {
    const year = new Date().getUTCFullYear();
    const text = `Widget,03/04/${year - 1},12.50\nGadget,30/10/${year - 1},3.99\nSprocket,12/11/${year - 2},1.00\n`;
    expect(await scanText('orders.csv', text)).toEqual({ verdict: 'clean', records: 0, counts: {} });
  });

  it('an unlabelled adult birth date counts inside a record naming a person, and nowhere else', async () => {
    const log = [
      '2025-01-02 10:00:01 INFO saved customer Jane Smith 03/04/1961 LS1 4AB',
      '2025-01-02 10:00:02 INFO report 03/04/1961 archived',
      '2025-01-02 10:00:03 INFO visit by Priya Patel on 03/04/2025',
      '',
    ].join('\n');
    const r = await scanText('app.log', log);
    expect(r.counts['date-of-birth']).toBe(1);
    expect(r.records).toBe(1);
  });

  it('counts a repeated record once: records estimates people, not lines', async () => {
    const line = 'saved customer Jane Smith dob=03/04/1961 postcode=LS1 4AB\n';
    const other = 'saved customer Priya Patel dob=30/11/1972 postcode=M1 1AA\n';
    const r = await scanText('app.log', line.repeat(5) + other);
    expect(r.records).toBe(2);
    expect(r.counts['date-of-birth']).toBe(6);
  });

  it('two authors credited by name and email are contains-pii; a list of three is personal-data', async () => {
    const header = (n: number) =>
      ['Jane Smith <jane@example.com>', 'Priya Patel <priya@example.org>', 'Oliver Jones <oj@example.net>']
        .slice(0, n)
        .map((a) => ` * Copyright ${a}`)
        .join('\n');
    expect((await scanText('a.js', `/*\n${header(2)}\n */\n`)).verdict).toBe('contains-pii');
    expect((await scanText('b.js', `/*\n${header(3)}\n */\n`)).verdict).toBe('personal-data');
  });

  it('drops findings on a line marked residue-ignore with a reason, and only with one', async () => {
    const src = [
      'const support = "help.desk@example.com"; // residue-ignore: public support mailbox',
      'const author = "jane.doe@example.com"; // residue-ignore',
      'const other = "john.roe@example.org";',
      '',
    ].join('\n');
    const r = await scanText('app.js', src);
    expect(r.counts).toEqual({ 'email-address': 2 });
  });

  it('reads the string values of INSERT tuples under their columns, one row per line or all on one line', async () => {
    const header = 'INSERT INTO `customers` (`id`,`forename`,`surname`,`date_of_birth`,`postcode`) VALUES ';
    const rows = [
      "(1,'Jane','Smith','1961-04-03','LS1 4AB')",
      "(2,'Priya','O\\'Neill','1972-11-30','M1 1AA')",
    ];
    for (const text of [`${header}${rows.join(',')};\n`, `${header}\n${rows.join(',\n')};\n`]) {
      const r = await scanText('dump.sql', text);
      expect(r.verdict).toBe('personal-data');
      // Forename and surname of each row, each a value under its column.
      expect(r.counts['person-name']).toBe(4);
      expect(r.counts['date-of-birth']).toBe(2);
    }
    // A product table's strings are not names because they are quoted.
    const products = await scanText(
      'shop.sql',
      "INSERT INTO products (sku, title) VALUES ('A-100','Garden hose'),('B-200','Watering can');\n",
    );
    expect(products.verdict).toBe('clean');
  });

  it('reads every key of a one-line JSON dump longer than a segment, each value once', async () => {
    // 20,000 orders on one line, cut into segments at each read. A policy number like these counts only under
    // its key, so each one found shows the key was read in that part of the line; before, only the first
    // segment's were.
    const orders = Array.from(
      { length: 20_000 },
      (_, i) => `{"order":${i},"note":"${'x'.repeat(120)}","policy":"CLP-${10_000_000 + i * 7}"}`,
    );
    const text = `[${orders.join(',')}]`;
    expect(text.length).toBeGreaterThan(2 * READ_CHUNK_BYTES);
    const { counts } = await scanText('orders.min.json', text);
    expect(counts['policy-number']).toBe(20_000);
  });

  it('a value on the last line of a segment sees the words on the next line, as it would anywhere else', async () => {
    // Lines of 100 characters; the IP sits on the last line that fits in the first segment, and the word that
    // makes it personal ("http") starts the next line: context is 50 characters either side of an IP.
    const filler = `${'-'.repeat(99)}\n`;
    const lines = Array.from({ length: Math.ceil((SEGMENT_CHARS * 2) / 100) }, () => filler);
    const last = Math.floor(SEGMENT_CHARS / 100) - 1;
    lines[last] = `${`${'-'.repeat(70)} peer=81.2.69.160:4000 `.padEnd(99, '-')}\n`;
    lines[last + 1] = `GET http /${'-'.repeat(89)}\n`;
    expect(lines.every((l) => l.length === 100)).toBe(true);
    const { counts } = await scanText('access.log', lines.join(''));
    expect(counts).toEqual({ 'ip-address': 1 });
  });

  it('a street named like a person ("12 Albert View") is an address in a letter, not a second person', async () => {
    for (const street of ['12 Albert View', '3 Beech Heights', '12 Albert Road']) {
      const r = await scanText(
        'letter.txt',
        `Mrs Jane Smith\n${street}\nLeeds\nLS6 2AB\nDate of birth: 03/04/1961\n`,
      );
      expect([street, r.verdict, r.records, r.counts['person-name']]).toEqual([
        street,
        'personal-data',
        1,
        1,
      ]);
    }
  });

  it('honours residue-ignore only in comments of source and config files: the scanned data cannot hide itself', async () => {
    const rows = [
      'forename,surname,dob,postcode,note',
      'Jane,Smith,03/04/1961,LS1 4AB,# residue-ignore: ok',
      'Priya,Patel,30/11/1972,M1 1AA,// residue-ignore: ok',
      '',
    ].join('\n');
    const table = await scanText('customers.csv', rows);
    expect(table.verdict).toBe('personal-data');
    expect(table.counts['date-of-birth']).toBe(2);
    // A log or a note is data too, comment token or not.
    const log = await scanText(
      'debug.log',
      'Patient Jane Smith, NHS number 485 112 2330, date of birth 03/04/1961 # residue-ignore: fine\n',
    );
    expect(log.verdict).toBe('personal-data');
    // In source code, outside a comment the marker is text like any other.
    const code = await scanText('app.py', 'x = "help.desk@example.com residue-ignore: fine"\n');
    expect(code.counts).toEqual({ 'email-address': 1 });
    // In a comment of each common syntax it is honoured.
    for (const comment of ['#', '--', '<!--', ';', '/*', ' *']) {
      const r = await scanText(
        'settings.conf',
        `admin = "help.desk@example.com" ${comment} residue-ignore: shared mailbox\n`,
      );
      expect(r.counts).toEqual({});
    }
  });
});

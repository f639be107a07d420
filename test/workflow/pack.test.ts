import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { Fingerprinter } from '../../src/engine/fingerprint/keyed.js';
import { ResidueError } from '../../src/model/errors.js';
import { buildPack, newPackKey, readPack, recordPrint, serialisePack } from '../../src/workflow/pack.js';
import { guessCategory, parseColumns } from '../../src/workflow/pack-columns.js';
import { CsvParser, sniffDelimiter } from '../../src/workflow/pack-sources.js';

const dir = mkdtempSync(join(tmpdir(), 'residue-pack-'));
const KEY = 'c'.repeat(64);

const OWNER_ROWS = [
  ['Bennett', 'Graham', '22/12/1957', 'BD23 4UP', '485 777 3456'],
  ['Whitfield', 'Priya', '03/04/1961', 'LS1 4AB', '943 476 5919'],
  ['Okonkwo', 'Chidi', '17/09/1980', 'M1 1AE', '401 023 2137'],
];

function csv(rows: string[][]): string {
  return ['surname,forename,dob,postcode,nhs_number', ...rows.map((r) => r.join(','))].join('\r\n');
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ResidueError ? e.code : 'other';
  }
  return undefined;
}

describe('pack columns', () => {
  it.each([
    ['surname', 'person-name'],
    ['First_Name', 'person-name'],
    ['dob', 'date-of-birth'],
    ['DateOfBirth', 'date-of-birth'],
    ['post_code', 'postcode'],
    ['nhs_no', 'nhs-number'],
    ['NINO', 'ni-number'],
    ['email_address', 'email-address'],
    ['mobileNumber', 'phone-number'],
    ['address1', 'postal-address'],
    ['amount', undefined],
  ])('%s → %s', (name, category) => {
    expect(guessCategory(name)).toBe(category);
  });

  it('takes categories from the user, and asks for one when it cannot guess', () => {
    expect(parseColumns('surname, born:date-of-birth')).toEqual([
      { name: 'surname', category: 'person-name' },
      { name: 'born', category: 'date-of-birth' },
    ]);
    expect(errorCode(() => parseColumns('ref'))).toBe('FINGERPRINT_CATEGORY');
    expect(errorCode(() => parseColumns('ref:shoe-size'))).toBe('FINGERPRINT_CATEGORY');
    expect(errorCode(() => parseColumns('dob,DOB'))).toBe('USAGE');
  });
});

describe('CsvParser', () => {
  it('reads quoted fields, doubled quotes and CRLF, in chunks cut anywhere', () => {
    const text = 'a,b\r\n"Smith, Jane","say ""hi"""\r\n"x\ny",z\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const rows: string[][] = [];
      const p = new CsvParser(',', (r) => rows.push(r));
      p.feed(text.slice(0, cut));
      p.feed(text.slice(cut));
      p.end();
      expect(rows).toEqual([
        ['a', 'b'],
        ['Smith, Jane', 'say "hi"'],
        ['x\ny', 'z'],
      ]);
    }
  });

  it('finds the delimiter from the header line', () => {
    expect(sniffDelimiter('a;b;"c,d"\n1,2,3')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
    expect(sniffDelimiter('name\n')).toBe(',');
  });
});

describe('buildPack', () => {
  const source = join(dir, 'export.csv');
  writeFileSync(source, `${csv([...OWNER_ROWS, ['', '', '', '', ''], ['Solo', '', '', '', '']])}\r\n`);
  const columns = parseColumns('surname,dob,postcode,nhs_number');

  it('fingerprints each value and each record of two or more values, and the file', async () => {
    const pack = await buildPack({ sources: [source], columns, key: KEY });
    const fp = new Fingerprinter(KEY);
    expect(pack.counts).toEqual({ sourceRecords: 4, records: 3, values: 13, files: 1 });
    expect(pack.keyId).toBe(fp.keyId());
    expect(pack.values['date-of-birth']).toContain(fp.value('date-of-birth', '1957-12-22'));
    expect(pack.values.postcode).toContain(fp.value('postcode', 'bd234up'));
    const values = [
      fp.value('person-name', 'Bennett'),
      fp.value('date-of-birth', '22/12/1957'),
      fp.value('postcode', 'BD23 4UP'),
      fp.value('nhs-number', '4857773456'),
    ].sort();
    expect(pack.records).toContainEqual({ print: recordPrint(fp, values), values });
    const content = fp.content();
    content.update(readFileSync(source));
    expect(pack.files).toEqual([content.digest()]);
  });

  it('holds none of the source values, in any casing or normal form', async () => {
    const text = serialisePack(await buildPack({ sources: [source], columns, key: newPackKey() }));
    const lower = text.toLowerCase();
    for (const row of OWNER_ROWS) {
      for (const value of row) {
        for (const form of [value, value.replace(/\s/g, ''), value.split('/').reverse().join('-')]) {
          expect(lower).not.toContain(form.toLowerCase());
        }
      }
    }
    expect(lower).not.toContain('solo');
  });

  it('reads JSON arrays of objects and SQLite tables the same way', async () => {
    const json = join(dir, 'export.json');
    writeFileSync(
      json,
      JSON.stringify(
        OWNER_ROWS.map(([surname, , dob, postcode, nhs]) => ({
          Surname: surname,
          DOB: dob,
          postcode,
          nhs_number: nhs,
        })),
      ),
    );
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      'CREATE TABLE people (surname TEXT, dob TEXT, postcode TEXT, nhs_number TEXT); CREATE TABLE other (x);',
    );
    for (const [surname, , dob, postcode, nhs] of OWNER_ROWS)
      db.run('INSERT INTO people VALUES (?, ?, ?, ?)', [surname ?? '', dob ?? '', postcode ?? '', nhs ?? '']);
    const sqlite = join(dir, 'export.sqlite');
    writeFileSync(sqlite, db.export());
    db.close();
    const fromCsv = await buildPack({ sources: [source], columns, key: KEY });
    const fromJson = await buildPack({ sources: [json], columns, key: KEY });
    const fromDb = await buildPack({ sources: [sqlite], columns, key: KEY, table: 'people' });
    expect(fromJson.records).toEqual(fromCsv.records);
    expect(fromDb.records).toEqual(fromCsv.records);
    await expect(buildPack({ sources: [sqlite], columns, key: KEY })).rejects.toThrow(ResidueError);
  });

  it('reads a SQLite table by its declared columns whatever its layout, and says what it cannot read', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    // WITHOUT ROWID: the record holds the key (nhs_number, surname) first; the reader puts it back in order.
    db.run(`PRAGMA page_size = 512;
      CREATE TABLE people (surname TEXT, dob TEXT, note AS (surname || dob), postcode TEXT, nhs_number TEXT,
        PRIMARY KEY (nhs_number, surname)) WITHOUT ROWID;`);
    for (const [surname, , dob, postcode, nhs] of OWNER_ROWS)
      db.run('INSERT INTO people (surname, dob, postcode, nhs_number) VALUES (?, ?, ?, ?)', [
        surname ?? '',
        dob ?? '',
        postcode ?? '',
        nhs ?? '',
      ]);
    const sqlite = join(dir, 'keyed.sqlite');
    const bytes = db.export();
    db.close();
    writeFileSync(sqlite, bytes);
    const fromCsv = await buildPack({ sources: [source], columns, key: KEY });
    expect((await buildPack({ sources: [sqlite], columns, key: KEY })).records).toEqual(fromCsv.records);
    await expect(buildPack({ sources: [sqlite], columns, key: KEY, table: 'nope' })).rejects.toMatchObject({
      code: 'USAGE',
      data: { detail: `no table "nope"; tables in ${sqlite}: people` },
    });
    const broken = join(dir, 'broken.sqlite');
    writeFileSync(broken, Buffer.concat([bytes.subarray(0, 16), Buffer.alloc(200)]));
    await expect(buildPack({ sources: [broken], columns, key: KEY })).rejects.toMatchObject({
      code: 'FINGERPRINT_SOURCE',
      data: {
        path: broken,
        detail: 'not a readable database (SQLite header not understood, encrypted or damaged)',
      },
    });
    // Cut short of the pages its header declares: a pack made from part of the records is refused.
    const cut = join(dir, 'cut.sqlite');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 512));
    await expect(buildPack({ sources: [cut], columns, key: KEY })).rejects.toMatchObject({
      code: 'FINGERPRINT_SOURCE',
      data: { path: cut, detail: 'not a readable database (SQLite database is truncated)' },
    });
  });

  it('reads a full-text (FTS4) table by its own name and declared columns, as the scan does', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE VIRTUAL TABLE people USING fts4 (surname, dob, postcode, nhs_number)');
    for (const [surname, , dob, postcode, nhs] of OWNER_ROWS)
      db.run('INSERT INTO people VALUES (?, ?, ?, ?)', [surname ?? '', dob ?? '', postcode ?? '', nhs ?? '']);
    const fts = join(dir, 'fts.sqlite');
    writeFileSync(fts, db.export());
    db.close();
    const fromCsv = await buildPack({ sources: [source], columns, key: KEY });
    const fromFts = await buildPack({ sources: [fts], columns, key: KEY, table: 'people' });
    expect(fromFts.records).toEqual(fromCsv.records);
  });

  it('fingerprints the short values of a row that also holds megabytes of other text', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    // Past 8 MiB held in a row, even short values are left on their pages: they must still be read.
    db.run(
      'CREATE TABLE people (a, b, c, d, e, f, g, h, i, surname TEXT, dob TEXT, postcode TEXT, nhs_number TEXT)',
    );
    const big = 'x'.repeat((1 << 20) - 1);
    for (const [surname, , dob, postcode, nhs] of OWNER_ROWS.slice(0, 2))
      db.run('INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        ...Array(9).fill(big),
        surname ?? '',
        dob ?? '',
        postcode ?? '',
        nhs ?? '',
      ]);
    const heavy = join(dir, 'heavy.sqlite');
    writeFileSync(heavy, db.export());
    db.close();
    const two = join(dir, 'two.csv');
    writeFileSync(two, csv(OWNER_ROWS.slice(0, 2)));
    const fromCsv = await buildPack({ sources: [two], columns, key: KEY });
    expect(fromCsv.records.length).toBe(2);
    expect((await buildPack({ sources: [heavy], columns, key: KEY })).records).toEqual(fromCsv.records);
  });

  it('reads UTF-16 with a BOM and windows-1252 as the same text as UTF-8', async () => {
    const text = 'surname;dob\r\nBrontë;30/07/1818\r\n';
    const write = (name: string, bytes: Buffer) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const utf8 = write('u8.csv', Buffer.from(text, 'utf8'));
    const utf16 = write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const cp1252 = write('cp.csv', Buffer.from(text, 'latin1'));
    const columns = parseColumns('surname,dob');
    const prints = async (path: string) => (await buildPack({ sources: [path], columns, key: KEY })).records;
    const expected = await prints(utf8);
    expect(expected).toHaveLength(1);
    expect(await prints(utf16)).toEqual(expected);
    expect(await prints(cp1252)).toEqual(expected);
  });

  it('names a missing column and the columns there are', async () => {
    await expect(
      buildPack({ sources: [source], columns: parseColumns('email'), key: KEY }),
    ).rejects.toMatchObject({ code: 'FINGERPRINT_COLUMN', data: { column: 'email' } });
  });
});

describe('readPack', () => {
  it('reads back what serialisePack wrote, with the sha256 of its bytes', async () => {
    const source = join(dir, 'round.csv');
    writeFileSync(source, csv(OWNER_ROWS));
    const pack = await buildPack({ sources: [source], columns: parseColumns('surname,dob'), key: KEY });
    const path = join(dir, 'round.rfp');
    writeFileSync(path, serialisePack(pack));
    const loaded = readPack(path);
    expect(loaded.pack).toEqual(pack);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['not JSON', 'nope'],
    ['another format', '{"format":"x"}'],
  ])('refuses %s', (_, text) => {
    const path = join(dir, 'bad.rfp');
    writeFileSync(path, text);
    expect(errorCode(() => readPack(path))).toBe('FINGERPRINT_PACK');
  });

  it('refuses a pack whose keyId is not its key, or whose records use unknown prints', async () => {
    const source = join(dir, 'round.csv');
    const pack = await buildPack({ sources: [source], columns: parseColumns('surname,dob'), key: KEY });
    const path = join(dir, 'edited.rfp');
    writeFileSync(path, serialisePack({ ...pack, keyId: '0'.repeat(32) }));
    expect(errorCode(() => readPack(path))).toBe('FINGERPRINT_PACK');
    const first = pack.records[0] as { print: string; values: string[] };
    writeFileSync(
      path,
      serialisePack({ ...pack, records: [{ ...first, values: ['f'.repeat(32), 'e'.repeat(32)] }] }),
    );
    expect(errorCode(() => readPack(path))).toBe('FINGERPRINT_PACK');
  });
});

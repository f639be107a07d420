import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTables } from '../../../../src/engine/extract/formats/sqlite.js';
import { csvLine } from '../../../../src/engine/extract/formats/sqlite-csv.js';
import { DEFAULT_LIMITS, ExtractError } from '../../../../src/engine/extract/limits.js';
import { bytesRandomAccess } from '../../../../src/engine/extract/random-access.js';
import { type FileOutcome, scanFile } from '../../../../src/engine/scan-file.js';
import { spawnCli } from '../../../helpers/cli.js';
import { options, rules, scanBytes as scan, summary } from '../../scan-bytes.js';
import { database, databaseWith, readerParts } from './sqlite-build.js';

const SHOP = database(`
  CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, date_of_birth TEXT, postcode TEXT, email TEXT);
  INSERT INTO customers VALUES
    (1, 'Jane Smith', '1961-04-03', 'LS1 4AB', 'jane.smith@example.com'),
    (2, 'Priya Patel', '1972-11-30', 'M1 1AA', 'priya.patel@example.org'),
    (3, 'Tom Brown', '1980-01-15', 'YO1 7HH', 'tom.brown@example.net');
  CREATE TABLE products (sku TEXT, title TEXT, price REAL, launched TEXT);
  INSERT INTO products VALUES ('A-100', 'Garden hose', 12.5, '2021-03-04'), ('B-200', 'Watering can', 8, '2019-07-01');
  CREATE VIEW adults AS SELECT full_name FROM customers;
  CREATE INDEX by_name ON customers (full_name);
`);

/** The parts, each streamed table read whole (shown as its text), each error as code, path and detail. */
async function parts(bytes: Uint8Array): Promise<unknown[]> {
  return (await readerParts(bytes)).map((p) =>
    'name' in p ? { kind: 'text', name: p.name, inspection: 'sqlite', text: p.text } : p,
  );
}

describe('SQLite tables as CSV', () => {
  it('renders every table (not views, indexes or sqlite_ tables) as CSV with a header row', async () => {
    expect(await parts(SHOP)).toEqual([
      {
        kind: 'text',
        name: 'customers',
        inspection: 'sqlite',
        text:
          'id,full_name,date_of_birth,postcode,email\n' +
          '1,Jane Smith,1961-04-03,LS1 4AB,jane.smith@example.com\n' +
          '2,Priya Patel,1972-11-30,M1 1AA,priya.patel@example.org\n' +
          '3,Tom Brown,1980-01-15,YO1 7HH,tom.brown@example.net\n',
      },
      {
        kind: 'text',
        name: 'products',
        inspection: 'sqlite',
        text: 'sku,title,price,launched\nA-100,Garden hose,12.5,2021-03-04\nB-200,Watering can,8,2019-07-01\n',
      },
    ]);
  });

  it('scans each table under db!/table: the dob column makes its dates birth dates', async () => {
    const o = await scan('db.sqlite', SHOP);
    expect(summary(o)).toEqual({
      results: { 'db.sqlite!/customers': 'personal-data', 'db.sqlite!/products': 'clean' },
      errors: {},
    });
    const customers = o.results[0];
    expect(customers?.inspection).toBe('sqlite');
    expect(customers?.records).toBe(3);
    expect(customers?.counts).toMatchObject({
      'person-name': 3,
      'date-of-birth': 3,
      postcode: 3,
      'email-address': 3,
    });
    expect(o.results[1]?.findings).toEqual([]);
  });

  it('quotes per RFC 4180, keeps NULL empty and whole integers, and keeps one record per line', () => {
    expect(csvLine([1, null, 'Smith, Jane', 'say "hi"', '12 High St\nLeeds', 2.5])).toBe(
      '1,,"Smith, Jane","say ""hi""",12 High St Leeds,2.5',
    );
    expect(
      csvLine([9007199254740993n, new TextEncoder().encode('text blob'), Uint8Array.from([0, 1, 2, 255])]),
    ).toBe('9007199254740993,text blob,');
  });

  it('reads a large integer column without losing digits', async () => {
    const bytes = database(
      "CREATE TABLE cards (holder TEXT, card INTEGER); INSERT INTO cards VALUES ('Jane Smith', 4929123456789012345);",
    );
    expect(await parts(bytes)).toEqual([
      {
        kind: 'text',
        name: 'cards',
        inspection: 'sqlite',
        text: 'holder,card\nJane Smith,4929123456789012345\n',
      },
    ]);
  });

  it('quotes awkward table names and reads a WAL-mode database', async () => {
    const bytes = database('CREATE TABLE "odd ""name""" (a); INSERT INTO "odd ""name""" VALUES (\'x\');');
    bytes[18] = 2;
    bytes[19] = 2;
    expect(await parts(bytes)).toEqual([
      { kind: 'text', name: 'odd "name"', inspection: 'sqlite', text: 'a\nx\n' },
    ]);
  });

  it('streams a table of any size in pieces, every row read (no cap on a table)', async () => {
    const bytes = databaseWith((db) => {
      db.run('CREATE TABLE people (id INTEGER, full_name TEXT, dob TEXT, postcode TEXT)');
      const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?)');
      for (let i = 0; i < 60_000; i++) insert.run([i, `Person Number ${i}`, '1970-01-01', 'LS1 4AB']);
      insert.free();
    });
    let pieces = 0;
    let rows = 0;
    for await (const part of sqliteTables(bytesRandomAccess(bytes), 'db.sqlite')) {
      if (part.kind !== 'member') throw new Error(`unexpected ${part.kind} part`);
      for await (const chunk of part.source.chunks()) {
        pieces++;
        rows += Buffer.from(chunk).toString().split('\n').length - 1;
      }
    }
    // Header + 60,000 rows of about 40 characters: more than one 1 MiB piece.
    expect(pieces).toBeGreaterThan(1);
    expect(rows).toBe(60_001);
  });
});

/** 400 people over several 1 KiB pages, and a small second table after them. */
const PEOPLE = databaseWith((db) => {
  db.run('PRAGMA page_size = 1024; CREATE TABLE people (id, full_name, dob)');
  for (let i = 0; i < 400; i++)
    db.run('INSERT INTO people VALUES (?, ?, ?)', [i, `Person ${i}`, '1970-01-01']);
  db.run("CREATE TABLE products (sku, title); INSERT INTO products VALUES ('A-100', 'Garden hose')");
});
const PAGE = 1024;

/** A big-endian u32 of a page (a child or overflow page number). */
const u32 = (bytes: Uint8Array, at: number): number =>
  new DataView(bytes.buffer, bytes.byteOffset).getUint32(at);

/** The first child of the table's root page (page 2, an interior page: 400 rows do not fit one page). */
function firstChild(bytes: Uint8Array): { root: number; pointer: number; child: number } {
  const root = PAGE; // page 2
  expect(bytes[root]).toBe(0x05);
  const cell = root + ((bytes[root + 12] as number) << 8) + (bytes[root + 13] as number);
  return { root, pointer: cell, child: u32(bytes, cell) };
}

describe('what a database cannot show is said', () => {
  it('reads a database cut short as far as it goes: its tables up to the missing page, and says it is truncated', async () => {
    const whole = await parts(PEOPLE);
    const pages = PEOPLE.length / PAGE;
    expect(pages).toBeGreaterThan(6);
    // The last 100 bytes of a page hold no row here: every row is read, and the file is still flagged.
    const short = await scan('short.sqlite', PEOPLE.subarray(0, PEOPLE.length - 100));
    expect(summary(short)).toEqual({
      results: { 'short.sqlite!/people': 'contains-pii', 'short.sqlite!/products': 'clean' },
      errors: { 'short.sqlite': 'CORRUPT' },
    });
    expect(short.errors[0]?.message).toBe(
      'not fully inspected: corrupt or truncated (SQLite database is truncated)',
    );
    // Cut after the fourth page: the rows of the leaves present are read, the table and the file flagged.
    const cut = await parts(PEOPLE.subarray(0, 4 * PAGE));
    expect(cut).toEqual([
      { kind: 'text', name: 'people', inspection: 'sqlite', text: expect.any(String) },
      { error: 'CORRUPT', path: 'db.sqlite!/people', detail: 'SQLite database is truncated' },
      { kind: 'text', name: 'products', inspection: 'sqlite', text: 'sku,title\n' },
      { error: 'CORRUPT', path: 'db.sqlite!/products', detail: 'SQLite database is truncated' },
      { error: 'CORRUPT', path: 'db.sqlite', detail: 'SQLite database is truncated' },
    ]);
    const text = (cut[0] as { text: string }).text;
    expect((whole[0] as { text: string }).text.startsWith(text)).toBe(true);
    expect(text.split('\n').length).toBeGreaterThan(40);
    // The schema page alone cut: nothing can be read.
    await expect(parts(PEOPLE.subarray(0, 100))).rejects.toMatchObject({
      code: 'CORRUPT',
      path: 'db.sqlite',
      detail: 'SQLite database is truncated',
    });
  });

  it('a corrupt page stops its table there, listed; the other tables are read', async () => {
    const bytes = new Uint8Array(PEOPLE);
    const { child } = firstChild(bytes);
    const second = child + 1;
    bytes.fill(0xa5, (second - 1) * PAGE, (second - 1) * PAGE + 8);
    const read = await parts(bytes);
    expect(read).toEqual([
      { kind: 'text', name: 'people', inspection: 'sqlite', text: expect.any(String) },
      { error: 'CORRUPT', path: 'db.sqlite!/people', detail: 'database disk image is malformed' },
      { kind: 'text', name: 'products', inspection: 'sqlite', text: 'sku,title\nA-100,Garden hose\n' },
    ]);
    expect((read[0] as { text: string }).text).toMatch(/^id,full_name,dob\n0,Person 0,1970-01-01\n/);
  });

  it('a b-tree page that points back at itself, or at a page already read, is corruption, not a loop', async () => {
    const bytes = new Uint8Array(PEOPLE);
    const { pointer } = firstChild(bytes);
    new DataView(bytes.buffer).setUint32(pointer, 2); // the root's first child is the root
    expect((await parts(bytes)).slice(0, 2)).toEqual([
      { kind: 'text', name: 'people', inspection: 'sqlite', text: 'id,full_name,dob\n' },
      { error: 'CORRUPT', path: 'db.sqlite!/people', detail: 'database disk image is malformed' },
    ]);
    // Two tables sharing a page: the page is read for the first only.
    const { child } = firstChild(new Uint8Array(PEOPLE));
    const shared = database(
      `PRAGMA writable_schema = ON; UPDATE sqlite_master SET rootpage = ${child} WHERE name = 'products'`,
      PEOPLE,
    );
    expect((await parts(shared)).slice(1)).toEqual([
      { kind: 'text', name: 'products', inspection: 'sqlite', text: 'sku,title\n' },
      { error: 'CORRUPT', path: 'db.sqlite!/products', detail: 'database disk image is malformed' },
    ]);
  });

  it('an overflow chain that loops is corruption, not a loop', async () => {
    const bytes = databaseWith((db) => {
      db.run('PRAGMA page_size = 1024; CREATE TABLE notes (body)');
      db.run('INSERT INTO notes VALUES (?)', ['Jane Smith '.repeat(1000)]);
    });
    // Page 2 is the table's leaf; pages 3… its overflow chain, page 3 first, linking to page 4.
    expect(u32(bytes, 2 * PAGE)).toBe(4);
    new DataView(bytes.buffer).setUint32(2 * PAGE, 3);
    expect(await parts(bytes)).toEqual([
      { kind: 'text', name: 'notes', inspection: 'sqlite', text: 'body\n' },
      { error: 'CORRUPT', path: 'db.sqlite!/notes', detail: 'database disk image is malformed' },
    ]);
  });

  it('bytes changed anywhere give tables, CORRUPT or UNSUPPORTED errors, never another error or a hang', async () => {
    const bytes = databaseWith((db) => {
      db.run(`PRAGMA page_size = 512;
        CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT, notes);
        CREATE TABLE keys (k TEXT, v, PRIMARY KEY (v, k)) WITHOUT ROWID;
        CREATE INDEX by_name ON people (full_name);`);
      for (let i = 0; i < 150; i++) {
        db.run('INSERT INTO people VALUES (?, ?, ?)', [
          i,
          `Person ${i}`,
          i % 10 === 0 ? 'n'.repeat(3000) : null,
        ]);
        db.run('INSERT INTO keys VALUES (?, ?)', [`key ${i} ${'k'.repeat(i * 3)}`, i]);
      }
    });
    const pages = bytes.length / 512;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), byte: fc.nat({ max: 255 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (edits) => {
          const copy = Uint8Array.from(bytes);
          for (const { at, byte } of edits) copy[at] = byte;
          const started = Date.now();
          try {
            for (const part of await readerParts(copy)) {
              if ('error' in part) expect(['CORRUPT', 'UNSUPPORTED']).toContain(part.error);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(ExtractError);
            expect((e as ExtractError).code).toBe('CORRUPT');
          }
          expect(Date.now() - started).toBeLessThan(2000);
        },
      ),
      { numRuns: 300, seed: 0x5e1f },
    );
    expect(pages).toBeGreaterThan(40);
  });

  it("a header that is not SQLite's (another page size, encrypted) is CORRUPT, nothing read", async () => {
    const bytes = new Uint8Array(PEOPLE);
    new DataView(bytes.buffer).setUint16(16, 1000);
    await expect(parts(bytes)).rejects.toMatchObject({
      code: 'CORRUPT',
      path: 'db.sqlite',
      detail: 'SQLite header not understood, encrypted or damaged',
    });
    expect(summary(await scan('db.sqlite', bytes))).toEqual({
      results: {},
      errors: { 'db.sqlite': 'CORRUPT' },
    });
  });

  it('a virtual table of a module residue does not read is UNSUPPORTED; the other tables are read', async () => {
    const bytes = database("CREATE TABLE t (a); INSERT INTO t VALUES ('x');");
    // Declare a virtual table by editing the schema, as a file from a richer SQLite would have it.
    const patched = database(
      "PRAGMA writable_schema = ON; INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', 'v', 'v', 0, 'CREATE VIRTUAL TABLE v USING nosuchmodule(a)')",
      bytes,
    );
    expect(await parts(patched)).toEqual([
      { kind: 'text', name: 't', inspection: 'sqlite', text: 'a\nx\n' },
      {
        error: 'UNSUPPORTED',
        path: 'db.sqlite!/v',
        detail: 'virtual table of a module residue does not read',
      },
    ]);
  });
});

describe('a database on disk is read from the file, one in an archive from memory', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'residue-sqlite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const scanOnDisk = (name: string, bytes: Uint8Array, maxBufferedBytes: number): Promise<FileOutcome> => {
    writeFileSync(join(dir, name), bytes);
    return scanFile({ absPath: join(dir, name), path: name, size: bytes.length }, rules, {
      ...options,
      limits: { ...DEFAULT_LIMITS, maxBufferedBytes },
    });
  };

  it('reads the same tables either way; only the archive member counts against the buffered-size limit', async () => {
    const onDisk = await scanOnDisk('shop.db', SHOP, 1024);
    expect(summary(onDisk)).toEqual({
      results: { 'shop.db!/customers': 'personal-data', 'shop.db!/products': 'clean' },
      errors: {},
    });
    const zipped = zipSync({ 'shop.db': SHOP });
    const inZip = await scanOnDisk('backup.zip', zipped, 1 << 20);
    expect(inZip.results.map((r) => ({ ...r, path: r.path.replace('backup.zip!/', '') }))).toEqual(
      onDisk.results,
    );
    expect(summary(await scanOnDisk('small-limit.zip', zipped, 1024))).toEqual({
      results: {},
      errors: { 'small-limit.zip!/shop.db': 'LIMIT' },
    });
  });
});

describe('from the built CLI, in worker threads', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'residue-sqlite-'));
    writeFileSync(join(dir, 'app.db'), SHOP);
    writeFileSync(join(dir, 'other.db'), SHOP);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads databases inside workers and reports their tables', () => {
    const r = spawnCli(['scan', dir, '--format', 'json', '--fail-on', 'never', '--threads', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      files: { path: string; verdict: string; records: number }[];
      summary: { filesScanned: number; verdicts: Record<string, number>; complete: boolean };
    };
    // Clean results are counted, not listed.
    expect(report.files.map((f) => [f.path, f.verdict, f.records])).toEqual([
      ['app.db!/customers', 'personal-data', 3],
      ['other.db!/customers', 'personal-data', 3],
    ]);
    expect(report.summary).toMatchObject({
      filesScanned: 4,
      verdicts: { clean: 2, 'contains-pii': 0, 'personal-data': 2 },
      complete: true,
    });
  });
});

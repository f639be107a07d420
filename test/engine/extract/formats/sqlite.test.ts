import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../../../src/engine/extract/byte-source.js';
import { csvLine, sqliteTables } from '../../../../src/engine/extract/formats/sqlite.js';
import type { Part } from '../../../../src/engine/extract/formats/types.js';
import { type FileOutcome, scanSource } from '../../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../../src/rulepack/packs.js';
import { spawnCli } from '../../../helpers/cli.js';

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 };
const SQL = await initSqlJs();

const scan = (name: string, bytes: Uint8Array): Promise<FileOutcome> =>
  scanSource(name, bufferSource(bytes), rules, options);

function summary(o: FileOutcome): { results: Record<string, string>; errors: Record<string, string> } {
  return {
    results: Object.fromEntries(o.results.map((r) => [r.path, r.verdict])),
    errors: Object.fromEntries(o.errors.map((e) => [e.path, e.code])),
  };
}

/** A database built by SQLite itself, exported as the bytes of a file. */
function database(sql: string): Uint8Array {
  const db = new SQL.Database();
  try {
    db.run(sql);
    return db.export();
  } finally {
    db.close();
  }
}

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
  const out: unknown[] = [];
  for await (const part of sqliteTables(bytes, 'db.sqlite') as AsyncIterable<Part>) {
    if (part.kind === 'error') {
      out.push({ error: part.error.code, path: part.error.path, detail: part.error.detail });
    } else if (part.kind === 'member') {
      const chunks: Uint8Array[] = [];
      for await (const chunk of part.source.chunks()) chunks.push(chunk);
      out.push({
        kind: 'text',
        name: part.name,
        inspection: part.inspection,
        text: Buffer.concat(chunks).toString(),
      });
    } else out.push(part);
  }
  return out;
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
    const db = new SQL.Database();
    db.run('CREATE TABLE "odd ""name""" (a); INSERT INTO "odd ""name""" VALUES (\'x\');');
    const bytes = db.export();
    db.close();
    bytes[18] = 2;
    bytes[19] = 2;
    expect(await parts(bytes)).toEqual([
      { kind: 'text', name: 'odd "name"', inspection: 'sqlite', text: 'a\nx\n' },
    ]);
  });

  it('streams a table of any size in pieces, every row read (no cap on a table)', async () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE people (id INTEGER, full_name TEXT, dob TEXT, postcode TEXT)');
    const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 60_000; i++) insert.run([i, `Person Number ${i}`, '1970-01-01', 'LS1 4AB']);
    insert.free();
    const bytes = db.export();
    db.close();
    let pieces = 0;
    let rows = 0;
    for await (const part of sqliteTables(bytes, 'db.sqlite')) {
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

describe('what a database cannot show is said', () => {
  it('a truncated database is CORRUPT, not a crash and not clean', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `(${i}, 'Person ${i}', '1970-01-01')`).join(',');
    const bytes = database(`CREATE TABLE people (id, full_name, dob); INSERT INTO people VALUES ${rows};`);
    expect(bytes.length).toBeGreaterThan(8192);
    const header = await scan('head.sqlite', bytes.subarray(0, 100));
    expect(summary(header)).toEqual({ results: {}, errors: { 'head.sqlite': 'CORRUPT' } });
    const cut = await scan('cut.sqlite', bytes.subarray(0, 6000));
    expect(summary(cut)).toEqual({ results: {}, errors: { 'cut.sqlite': 'CORRUPT' } });
    expect(cut.errors[0]?.message).toBe(
      'not fully inspected: corrupt or truncated (database disk image is malformed)',
    );
  });

  it('a database cut short of the pages its header declares is read as far as it goes and flagged', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `(${i}, 'Person ${i}', '1970-01-01')`).join(',');
    const bytes = database(`CREATE TABLE people (id, full_name, dob); INSERT INTO people VALUES ${rows};`);
    const o = await scan('short.sqlite', bytes.subarray(0, bytes.length - 100));
    expect(summary(o)).toEqual({
      results: { 'short.sqlite!/people': expect.any(String) },
      errors: { 'short.sqlite': 'CORRUPT' },
    });
    expect(o.errors[0]?.message).toBe(
      'not fully inspected: corrupt or truncated (SQLite database is truncated)',
    );
    expect(summary(await scan('whole.sqlite', bytes)).errors).toEqual({});
  });

  it('a virtual table of a module SQLite lacks is UNSUPPORTED; the other tables are read', async () => {
    const bytes = database("CREATE TABLE t (a); INSERT INTO t VALUES ('x');");
    // Declare a virtual table by editing the schema, as a file from a richer SQLite would have it.
    const db = new SQL.Database(bytes);
    db.run('PRAGMA writable_schema = ON');
    db.run(
      "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', 'v', 'v', 0, 'CREATE VIRTUAL TABLE v USING nosuchmodule(a)')",
    );
    const patched = db.export();
    db.close();
    expect(await parts(patched)).toEqual([
      { kind: 'text', name: 't', inspection: 'sqlite', text: 'a\nx\n' },
      { error: 'UNSUPPORTED', path: 'db.sqlite!/v', detail: 'virtual table of a module this SQLite lacks' },
    ]);
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

  it('loads the wasm engine from dist/ inside workers and reports the same tables', () => {
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

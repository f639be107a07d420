import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../../src/engine/extract/formats/sqlite-csv.js';
import {
  database,
  databaseWith,
  emptyDatabase,
  expectSameAsSqlite,
  readerParts,
  SQL,
  sqliteReading,
} from './sqlite-build.js';

// The file-format reader against SQLite itself: each database is built by SQLite (sql.js) and read both ways;
// the CSV must be the same, byte for byte.

/** Rows of people, enough to fill many pages at any page size. */
function people(pragmas: string, rows: number): Uint8Array {
  return databaseWith((db) => {
    db.run(
      `${pragmas} CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT, dob TEXT, postcode TEXT, note)`,
    );
    const insert = db.prepare('INSERT INTO people (full_name, dob, postcode, note) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < rows; i++) {
      insert.run([
        `Person ${i} Smith`,
        `19${50 + (i % 50)}-01-0${1 + (i % 9)}`,
        'LS1 4AB',
        i % 7 === 0 ? null : i * 1.5,
      ]);
    }
    insert.free();
  });
}

describe('rows and pages', () => {
  it('reads a table over many pages, interior pages and all, in rowid order', async () => {
    const bytes = people('PRAGMA page_size = 512;', 5000);
    expect(bytes.length / 512).toBeGreaterThan(400);
    const [table] = await expectSameAsSqlite(bytes);
    expect(table?.text.split('\n')).toHaveLength(5002);
  });

  it('reads 65,536-byte pages (stored as 1 in the header)', async () => {
    const bytes = people('PRAGMA page_size = 65536;', 8000);
    expect(new DataView(bytes.buffer).getUint16(16)).toBe(1);
    await expectSameAsSqlite(bytes);
  });

  it('reads pages with bytes reserved at their end', async () => {
    for (const [size, reserved] of [
      [1024, 40],
      [512, 32],
      [4096, 255],
    ] as const) {
      const bytes = databaseWith(
        (db) => {
          db.run('CREATE TABLE t (a, b)');
          for (let i = 0; i < 300; i++)
            db.run('INSERT INTO t VALUES (?, ?)', [i, 'x'.repeat((i * 37) % 3000)]);
        },
        emptyDatabase(size, reserved),
      );
      expect(bytes[20]).toBe(reserved);
      await expectSameAsSqlite(bytes);
    }
  });

  it('reads rowids of every size, negative ones included, and rows deleted in between', async () => {
    await expectSameAsSqlite(
      database(`
        CREATE TABLE t (id INTEGER PRIMARY KEY, v);
        INSERT INTO t VALUES (-9223372036854775808, 'min'), (-1, 'a'), (0, 'b'), (127, 'c'), (128, 'd'),
          (2147483648, 'e'), (140737488355328, 'f'), (9007199254740993, 'g'), (9223372036854775807, 'max');
        CREATE TABLE u (v);
        INSERT INTO u VALUES (1), (2), (3), (4);
        DELETE FROM u WHERE v = 2;`),
    );
  });
});

describe('values', () => {
  it('reads every serial type: NULL, integers of each width and sign, 0 and 1, floats, text, blobs', async () => {
    const ints = [
      0, 1, -1, 127, -128, 128, 32767, -32768, 32768, 8388607, -8388608, 2147483647, -2147483648, 2147483648,
      140737488355327, -140737488355328, 140737488355328,
    ];
    const [table] = await expectSameAsSqlite(
      database(`
        CREATE TABLE v (x);
        INSERT INTO v VALUES ${ints.map((i) => `(${i})`).join(', ')};
        INSERT INTO v VALUES (9223372036854775807), (-9223372036854775808), (1234567890123456),
          (4929123456789012345), (-4929123456789012345), (NULL), (1.5), (-0.0), (1e300), (-2.5e-300), (5e-324),
          (9e999), (-9e999), (0.1), (100.0), (''), ('text'), (x''), (x'00ff'), (CAST('blob text' AS BLOB)), (TRUE);`),
    );
    expect(table?.text).toContain('\n4929123456789012345\n');
    expect(table?.text).toContain('\nInfinity\n');
  });

  it('reads text and blobs on overflow chains, on both sides of every local-size boundary', async () => {
    for (const pageSize of [512, 1024, 4096]) {
      const bytes = databaseWith((db) => {
        db.run(`PRAGMA page_size = ${pageSize}; CREATE TABLE t (n, body, data)`);
        const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
        for (let n = 0; n < 3 * pageSize; n += n < pageSize ? 7 : 61) {
          insert.run([n, 'é'.repeat(n >> 1) + 'x'.repeat(n & 1), new TextEncoder().encode('b'.repeat(n))]);
        }
        insert.run([
          -1,
          'Jane, "JJ" Smith\r\n'.repeat(5000),
          Uint8Array.from({ length: 9000 }, (_, i) => i % 256),
        ]);
        insert.free();
      });
      await expectSameAsSqlite(bytes);
    }
  });

  it('streams text and blobs of a megabyte and more from their pages, quoted and unbroken as SQLite gives them', async () => {
    const big = (unit: string) => unit.repeat(Math.ceil((1.5 * 2 ** 20) / unit.length));
    const bytes = databaseWith((db) => {
      db.run('CREATE TABLE t (a, b, c)');
      const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
      insert.run([big('Jane Smith, LS1 4AB\r\n'), 'after', 1]);
      insert.run([big('plain text é \u2028 🙂 '), new TextEncoder().encode(big('blob text, "quoted"')), 2]);
      insert.run([big('x'), Uint8Array.from({ length: 1.2 * 2 ** 20 }, (_, i) => (i * 7) % 256), 3]);
      insert.run([big('\r'), new TextEncoder().encode(`${big('ok')}\u0001`), 4]);
      insert.free();
      // Values under a megabyte each, more than a row may hold in memory together: the last are streamed.
      const columns = Array.from({ length: 10 }, (_, i) => `c${i}`);
      db.run(`CREATE TABLE wide (${columns.join(', ')})`);
      const values = columns.map((c) => `${c}, "${'w'.repeat(900_000)}"`);
      db.run(`INSERT INTO wide VALUES (${columns.map(() => '?').join(', ')})`, values);
    });
    await expectSameAsSqlite(bytes);
  });

  it('reads UTF-16 databases, little- and big-endian, short and overflowing text', async () => {
    for (const encoding of ['UTF-16le', 'UTF-16be']) {
      const bytes = databaseWith((db) => {
        db.run(`PRAGMA encoding = '${encoding}'; CREATE TABLE "naïve ☃" ("prénom", nom, data)`);
        const insert = db.prepare('INSERT INTO "naïve ☃" VALUES (?, ?, ?)');
        insert.run(['Zoë', 'Ó Briain 🙂', new TextEncoder().encode('blob is UTF-8 whatever the encoding')]);
        insert.run(['\ufeffBOM first', 'é'.repeat(5000), null]);
        insert.run(['long', '🙂'.repeat(2 ** 19), null]);
        insert.free();
      });
      expect(bytes[59]).toBe(encoding === 'UTF-16le' ? 2 : 3);
      await expectSameAsSqlite(bytes);
    }
  });
});

describe('schemas', () => {
  it('reads INTEGER PRIMARY KEY as the rowid, and only what SQLite takes for the rowid alias', async () => {
    const tables = [
      'id INTEGER PRIMARY KEY, v',
      'id integer primary key autoincrement, v',
      'id "INTEGER" CONSTRAINT pk PRIMARY KEY ASC, v',
      'id INTEGER, v, PRIMARY KEY (id DESC)',
      'id INT PRIMARY KEY, v',
      'id INTEGER(10) PRIMARY KEY, v',
      'id INTEGER PRIMARY KEY DESC, v',
      'id UNSIGNED INTEGER PRIMARY KEY, v',
      'v, id INTEGER NOT NULL, PRIMARY KEY (id)',
      // SQLite folds ASCII only: a dotless ı does not make INTEGER; a key of two terms is no alias.
      'id ınteger primary key, v',
      'id INTEGER, v, PRIMARY KEY (id, id)',
    ];
    const sql = tables.map(
      (t, i) => `CREATE TABLE t${i} (${t}); INSERT INTO t${i} (id, v) VALUES (100, 'x'), (7, 'y');`,
    );
    const read = await expectSameAsSqlite(database(sql.join('\n')));
    expect(read.map((t) => t.text.split('\n')[1])).toEqual([
      '7,y',
      '7,y',
      '7,y',
      '7,y',
      '100,x',
      '100,x',
      '100,x',
      '100,x',
      'y,7',
      '100,x',
      '100,x',
    ]);
  });

  it('reads only the fields its columns need from records that hold more (a schema edited down)', async () => {
    const wide = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const bytes = database(`
      CREATE TABLE t (${wide.join(', ')});
      INSERT INTO t VALUES (${wide.map((c) => `'${c}'`).join(', ')});
      INSERT INTO t (c0, c1) VALUES ('Jane Smith', 'LS1 4AB');
      PRAGMA writable_schema = ON;
      UPDATE sqlite_master SET sql = 'CREATE TABLE t (c0, c1)' WHERE name = 't';`);
    const [table] = await expectSameAsSqlite(bytes);
    expect(table?.text).toBe('c0,c1\nc0,c1\nJane Smith,LS1 4AB\n');
  });

  it('reads WITHOUT ROWID tables in primary-key order, a composite key declared out of column order', async () => {
    const bytes = databaseWith((db) => {
      db.run(`PRAGMA page_size = 512;
        CREATE TABLE w (a TEXT, b INTEGER, c TEXT, d, PRIMARY KEY (c, a)) WITHOUT ROWID;
        CREATE TABLE k ("key" TEXT PRIMARY KEY, value ANY) WITHOUT ROWID, STRICT;`);
      const w = db.prepare('INSERT INTO w VALUES (?, ?, ?, ?)');
      const k = db.prepare('INSERT INTO k VALUES (?, ?)');
      for (let i = 0; i < 3000; i++) {
        w.run([`a${(i * 7919) % 3000}`, i, `c${i % 17}`, i % 5 === 0 ? 'x'.repeat(600) : null]);
        k.run([`key ${(i * 31) % 3000} ${'k'.repeat(i % 300)}`, i]);
      }
      w.free();
      k.free();
    });
    await expectSameAsSqlite(bytes);
  });

  it('reads quoted and odd identifiers, comments and constraints in CREATE TABLE', async () => {
    await expectSameAsSqlite(
      database(`
        CREATE TABLE "odd ""name""" ("first, name" TEXT, [sq br] INT, \`back tick\` REAL, 'single' BLOB, "new
line", naïve);
        INSERT INTO "odd ""name""" VALUES ('Jane', 1, 2.5, x'41', 'nl', 'é');
        CREATE TABLE IF NOT EXISTS main.c ( -- a comment, (with parentheses
          id INTEGER CONSTRAINT pk PRIMARY KEY ON CONFLICT REPLACE, /* another, one */
          amount DECIMAL(10, 2) NOT NULL DEFAULT (round(1.5 * (2 + 3), 1)) CHECK (amount > (0)),
          owner TEXT COLLATE NOCASE REFERENCES people (id) ON DELETE CASCADE,
          "as" TEXT UNIQUE,
          CONSTRAINT positive CHECK (amount >= 0 AND (owner IS NOT NULL OR "as" = ',')),
          UNIQUE (owner, "as"),
          FOREIGN KEY (owner) REFERENCES other (x)
        );
        INSERT INTO c (amount, owner, "as") VALUES (10.5, 'Jane', 'x'), (3, 'Bob', ',');
        CREATE TABLE copy AS SELECT amount AS "Amount, £", owner, 1 + 1 FROM c;`),
    );
  });

  it('gives a row written before ALTER TABLE ADD COLUMN the column default, as SQLite does', async () => {
    const adds = [
      'b DEFAULT abc',
      'c DEFAULT "qq"',
      'd TEXT DEFAULT 1.5',
      'e TEXT DEFAULT 100.0',
      "f INTEGER DEFAULT '007'",
      "g NUMERIC DEFAULT ' 1e3 '",
      "h DEFAULT X'4142'",
      'i DEFAULT TRUE',
      'j DEFAULT -0x10',
      'k TEXT DEFAULT 1e20',
      'l DEFAULT 99999999999999999999',
      'm REAL DEFAULT 5',
      'n DEFAULT +7',
      "o INT DEFAULT '12abc'",
      'p DEFAULT 1_000',
      'q DEFAULT NULL',
      'r',
      "s VARCHAR(20) DEFAULT 'Jane Smith'",
      't INTEGER DEFAULT -42',
      'u DEFAULT (5)',
      "v TEXT DEFAULT (('ab'))",
      'w DEFAULT (-3)',
    ];
    const bytes = database(`
      CREATE TABLE t (a); INSERT INTO t VALUES (1);
      ${adds.map((a) => `ALTER TABLE t ADD COLUMN ${a};`).join('\n')}
      INSERT INTO t (a) VALUES (2);`);
    const [table] = await expectSameAsSqlite(bytes);
    expect(table?.text.split('\n')[1]).toBe(
      '1,abc,qq,1.5,100.0,7,1000,AB,1,-16,1e20,100000000000000000000,5,7,12abc,1000,,,Jane Smith,-42,5,ab,-3',
    );
  });

  it('reads STORED generated columns from the record and leaves VIRTUAL ones empty (they are computed, not stored)', async () => {
    const bytes = database(`
      CREATE TABLE g (s AS (a || 'x') STORED, a, v AS (a + 1), d);
      INSERT INTO g (a, d) VALUES (3, 'dd');
      CREATE TABLE w (a, b AS (a * 2), c AS (a || 'x') STORED, d, e, PRIMARY KEY (d, a)) WITHOUT ROWID;
      INSERT INTO w (a, d, e) VALUES (3, 'dd', 'ee');`);
    expect(sqliteReading(bytes)).toEqual([
      { name: 'g', text: 's,a,v,d\n3x,3,4,dd\n' },
      { name: 'w', text: 'a,b,c,d,e\n3,6,3x,dd,ee\n' },
    ]);
    expect(await readerParts(bytes)).toEqual([
      { name: 'g', text: 's,a,v,d\n3x,3,,dd\n' },
      { name: 'w', text: 'a,b,c,d,e\n3,,3x,dd,ee\n' },
    ]);
  });

  it('leaves out indexes, views, triggers and sqlite_ tables, and reads an FTS table as itself, under its own column names', async () => {
    const bytes = database(`
      CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
      INSERT INTO customers (name) VALUES ('Jane Smith'), ('Tom Brown');
      CREATE INDEX by_name ON customers (name);
      CREATE UNIQUE INDEX by_both ON customers (name, id);
      CREATE VIEW names AS SELECT name FROM customers;
      CREATE TRIGGER t AFTER INSERT ON customers BEGIN SELECT 1; END;
      CREATE VIRTUAL TABLE notes USING fts4 (body, author, tokenize=porter);
      INSERT INTO notes VALUES ('called Jane about her policy', 'Tom');
      CREATE VIRTUAL TABLE old USING fts3 (body);
      ANALYZE;`);
    const read = await readerParts(bytes);
    expect(read.map((t) => ('name' in t ? t.name : t))).toEqual([
      'customers',
      'notes',
      'notes_segments',
      'notes_segdir',
      'notes_docsize',
      'notes_stat',
      'old',
      'old_segments',
      'old_segdir',
    ]);
    // As SQLite gives the FTS table itself: its declared columns, not the shadow table's `docid,c0body,…`.
    const own = sqlJsSelect(bytes, 'notes');
    expect(own).toBe('body,author\ncalled Jane about her policy,Tom\n');
    expect(read[1]).toEqual({ name: 'notes', text: own });
    expect(read[6]).toEqual({ name: 'old', text: 'body\n' });
  });

  it('reads an FTS5 table (a module SQLite builds may lack) from its content table, under its declared names', async () => {
    // The schema row of an FTS5 table and its shadow table, as FTS5 writes them.
    const bytes = database(`
      CREATE TABLE people_content (id INTEGER PRIMARY KEY, c0, c1, c2);
      INSERT INTO people_content VALUES (1, 'Okafor', '1984-03-02', 'SW1A 1AA');
      PRAGMA writable_schema = ON;
      INSERT INTO sqlite_master VALUES ('table', 'people', 'people', 0,
        'CREATE VIRTUAL TABLE people USING fts5(surname, dob UNINDEXED, postcode, prefix=''2 3'')');`);
    expect(await readerParts(bytes)).toEqual([
      { name: 'people', text: 'surname,dob,postcode\nOkafor,1984-03-02,SW1A 1AA\n' },
    ]);
  });
});

/** `SELECT * FROM name` as SQLite (sql.js) gives it, through the same CSV writer. */
function sqlJsSelect(bytes: Uint8Array, name: string): string {
  const db = new SQL.Database(bytes);
  try {
    const [result] = db.exec(`SELECT * FROM "${name}"`);
    const rows = (result?.values ?? []).map((r) => `${csvLine(r)}\n`).join('');
    return `${csvLine(result?.columns ?? [])}\n${rows}`;
  } finally {
    db.close();
  }
}

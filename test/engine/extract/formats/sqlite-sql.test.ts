import { describe, expect, it } from 'vitest';
import { parseCreateTable, virtualTableModule } from '../../../../src/engine/extract/formats/sqlite-sql.js';

// The CREATE TABLE reader on its own, for statements SQLite keeps but sql.js would not write as such; the
// statements SQLite writes are checked against SQLite itself in sqlite-database.test.ts.

const names = (sql: string) => parseCreateTable(sql).columns.map((c) => c.name);

describe('CREATE TABLE as the schema keeps it', () => {
  it('reads column names however they are quoted, after any prefix and qualified name', () => {
    expect(names('CREATE TEMP TABLE IF NOT EXISTS "main"."t" (a, "b ""c""", [d e], `f``g`, \'h\')')).toEqual([
      'a',
      'b "c"',
      'd e',
      'f`g',
      'h',
    ]);
    expect(names('create table t(/* ( */ a -- )\n, b)')).toEqual(['a', 'b']);
  });

  it('reads the key, types, defaults and generated columns, and skips the rest', () => {
    const table = parseCreateTable(`CREATE TABLE t (
      id INTEGER NOT NULL CONSTRAINT pk PRIMARY KEY DESC,
      amount NUMERIC(10, 2) DEFAULT -1.5 CHECK (amount > (0)),
      label VARCHAR DEFAULT 'it''s' COLLATE NOCASE,
      total GENERATED ALWAYS AS (amount * 2) STORED,
      shown AS (label || 'x'),
      CONSTRAINT u UNIQUE (label), FOREIGN KEY (label) REFERENCES other (x)
    ) WITHOUT ROWID, STRICT`);
    expect(table).toEqual({
      columns: [
        {
          name: 'id',
          type: 'INTEGER',
          primaryKey: 'desc',
          defaultValue: { kind: 'none' },
          generated: null,
        },
        {
          name: 'amount',
          type: 'NUMERIC()',
          primaryKey: null,
          defaultValue: { kind: 'number', text: '-1.5' },
          generated: null,
        },
        {
          name: 'label',
          type: 'VARCHAR',
          primaryKey: null,
          defaultValue: { kind: 'text', text: "it's" },
          generated: null,
        },
        { name: 'total', type: '', primaryKey: null, defaultValue: { kind: 'none' }, generated: 'stored' },
        { name: 'shown', type: '', primaryKey: null, defaultValue: { kind: 'none' }, generated: 'virtual' },
      ],
      primaryKey: [0],
      keyTerms: 1,
      withoutRowid: true,
    });
    expect(
      parseCreateTable('CREATE TABLE t (a, b, c, PRIMARY KEY (c COLLATE nocase DESC, A, c))').primaryKey,
    ).toEqual([2, 0]);
  });

  it('says what it does not understand, in fixed wording', () => {
    for (const sql of [
      '',
      'CREATE VIEW v AS SELECT 1',
      'CREATE TABLE t AS SELECT 1',
      'CREATE TABLE t (',
      'CREATE TABLE t ()',
    ]) {
      expect(() => parseCreateTable(sql)).toThrow('table definition not understood');
    }
    expect(() => parseCreateTable('CREATE TABLE t (a, PRIMARY KEY (b))')).toThrow(
      'table definition not understood',
    );
  });

  it('names the module of a virtual table', () => {
    expect(
      virtualTableModule('CREATE VIRTUAL TABLE IF NOT EXISTS notes USING FTS5 (body, tokenize = "porter")'),
    ).toBe('fts5');
    expect(virtualTableModule('CREATE TABLE t (a)')).toBeNull();
  });
});

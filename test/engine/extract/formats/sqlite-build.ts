// Databases built by SQLite itself (sql.js), and SQLite's own reading of them: the oracle the file-format reader
// is checked against. Test code only.
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { expect } from 'vitest';
import { sqliteTables } from '../../../../src/engine/extract/formats/sqlite.js';
import { csvLine } from '../../../../src/engine/extract/formats/sqlite-csv.js';
import type { Part } from '../../../../src/engine/extract/formats/types.js';
import { bytesRandomAccess } from '../../../../src/engine/extract/random-access.js';

export const SQL = await initSqlJs();

/** A database made by SQLite from `sql` (pragmas such as page_size first), exported as a file's bytes. */
export function database(sql: string, from?: Uint8Array): Uint8Array {
  const db = new SQL.Database(from);
  try {
    db.run(sql);
    return db.export();
  } finally {
    db.close();
  }
}

/** The same, filled by `fill` (prepared statements for many rows). */
export function databaseWith(fill: (db: Database) => void, from?: Uint8Array): Uint8Array {
  const db = new SQL.Database(from);
  try {
    fill(db);
    return db.export();
  } finally {
    db.close();
  }
}

/**
 * An empty database written by hand, for what SQL cannot set: bytes reserved at the end of every page. SQLite
 * opens it, keeps the reservation and lays out every page it writes within the usable size.
 */
export function emptyDatabase(pageSize: number, reserved: number): Uint8Array {
  const b = new Uint8Array(pageSize);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode('SQLite format 3\0'));
  v.setUint16(16, pageSize === 65536 ? 1 : pageSize);
  b.set([1, 1, reserved, 64, 32, 32], 18);
  v.setUint32(24, 1); // change counter
  v.setUint32(28, 1); // pages
  v.setUint32(44, 4); // schema format
  v.setUint32(56, 1); // UTF-8
  v.setUint32(92, 1); // version-valid-for = change counter: the page count is trusted
  v.setUint32(96, 3045000);
  b[100] = 0x0d; // page 1: an empty table leaf, its content area starting at the usable end
  v.setUint16(105, (pageSize - reserved) & 0xffff);
  return b;
}

export interface TableText {
  name: string;
  text: string;
}

/**
 * Every table as SQLite gives it: `SELECT *` of each table the schema lists (virtual tables left out), through
 * the same CSV writer, integers as bigint. This is what residue wrote when it read databases with sql.js.
 */
export function sqliteReading(bytes: Uint8Array): TableText[] {
  const image = new Uint8Array(bytes);
  image[18] = Math.min(image[18] as number, 1);
  image[19] = Math.min(image[19] as number, 1);
  const db = new SQL.Database(image);
  try {
    const names = db.exec(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage != 0 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    );
    return (names[0]?.values ?? []).map(([name]) => {
      const stmt = db.prepare(`SELECT * FROM "${String(name).replaceAll('"', '""')}"`);
      try {
        let text = `${csvLine(stmt.getColumnNames())}\n`;
        while (stmt.step()) text += `${csvLine((stmt as BigIntRows).get(null, { useBigInt: true }))}\n`;
        return { name: String(name), text };
      } finally {
        stmt.free();
      }
    });
  } finally {
    db.close();
  }
}

interface BigIntRows {
  get(params: null, config: { useBigInt: true }): (SqlValue | bigint)[];
}

export type ReadPart = TableText | { error: string; path: string; detail: string };

/** Every part the reader yields from `bytes` (as a database at `db.sqlite`), each table read whole. */
export async function readerParts(bytes: Uint8Array): Promise<ReadPart[]> {
  const out: ReadPart[] = [];
  for await (const part of sqliteTables(bytesRandomAccess(bytes), 'db.sqlite') as AsyncIterable<Part>) {
    if (part.kind === 'error') {
      out.push({ error: part.error.code, path: part.error.path, detail: part.error.detail });
    } else if (part.kind === 'member') {
      expect(part.inspection).toBe('sqlite');
      const chunks: Uint8Array[] = [];
      for await (const chunk of part.source.chunks()) chunks.push(chunk);
      out.push({ name: part.name, text: Buffer.concat(chunks).toString() });
    } else throw new Error(`unexpected ${part.kind} part`);
  }
  return out;
}

/** The reader's tables equal SQLite's own reading of the same bytes, and it reports nothing wrong. */
export async function expectSameAsSqlite(bytes: Uint8Array): Promise<TableText[]> {
  const expected = sqliteReading(bytes);
  const actual = await readerParts(bytes);
  expect(actual).toEqual(expected);
  return expected;
}

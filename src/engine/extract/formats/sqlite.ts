import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { ExtractError } from '../limits.js';
import type { Part } from './types.js';

/**
 * sql.js (SQLite compiled to wasm; its node build finds `sql-wasm.wasm` beside itself in node_modules): loaded at
 * the first database, once per process or worker. A failed load is not cached, so the next database retries.
 */
let engine: Promise<SqlJsStatic> | null = null;
function loadSqlJs(): Promise<SqlJsStatic> {
  engine ??= import('sql.js')
    .then((m) => m.default())
    .catch((e: unknown) => {
      engine = null;
      throw e;
    });
  return engine;
}

/** The DocumentExtractor for SQLite: every table as CSV text. */
export function sqliteParts(bytes: Uint8Array, path: string): AsyncGenerator<Part> {
  return sqliteTables(bytes, path);
}

/**
 * Every table of a SQLite database (`db.sqlite!/customers`) as CSV with a header row of column names, so the
 * table's columns give its values context. Rows are read one at a time.
 */
export async function* sqliteTables(bytes: Uint8Array, path: string): AsyncGenerator<Part> {
  let SQL: SqlJsStatic;
  try {
    SQL = await loadSqlJs();
  } catch {
    throw new ExtractError('UNSUPPORTED', path, 'the SQLite engine could not be loaded');
  }
  const db = openDatabase(SQL, bytes, path);
  try {
    for (const table of tableNames(db, path)) {
      yield* tableParts(db, table, `${path}!/${table}`);
    }
  } finally {
    db.close();
  }
  if (isTruncated(bytes)) {
    // SQLite reads missing pages as zeros: what was read is reported, and the file is flagged.
    yield { kind: 'error', error: new ExtractError('CORRUPT', path, 'SQLite database is truncated') };
  }
}

/** Shorter than the page count its header declares (trusted only when the header says it is current). */
function isTruncated(bytes: Uint8Array): boolean {
  if (bytes.length < 100) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = view.getUint32(28);
  const current = view.getUint32(24) === view.getUint32(92);
  return current && pages > 0 && bytes.length < pages * pageSize;
}

function openDatabase(SQL: SqlJsStatic, bytes: Uint8Array, path: string): Database {
  // A database last written in WAL mode (header bytes 18–19 = 2) is opened as a rollback-journal one: there is no
  // -wal file beside it in memory, and its main file holds everything checkpointed.
  let image = bytes;
  if (bytes[18] === 2 || bytes[19] === 2) {
    image = new Uint8Array(bytes);
    image[18] = 1;
    image[19] = 1;
  }
  try {
    return new SQL.Database(image);
  } catch {
    throw new ExtractError('CORRUPT', path, 'unreadable SQLite database');
  }
}

function tableNames(db: Database, path: string): string[] {
  try {
    const names: string[] = [];
    const stmt = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
    );
    try {
      while (stmt.step()) names.push(String(stmt.get()[0]));
    } finally {
      stmt.free();
    }
    return names;
  } catch (e) {
    throw sqliteError(e, path);
  }
}

/**
 * A table as a member streamed as CSV, a header row of its column names and a line per row, in pieces of about
 * CHUNK_CHARS: a table of any size is scanned in bounded memory, its size bounded only by the file's expansion
 * budget. A row SQLite cannot read ends the table there, and the table is listed as not fully read.
 */
async function* tableParts(db: Database, table: string, partPath: string): AsyncGenerator<Part> {
  const name = partPath.slice(partPath.lastIndexOf('!/') + 2);
  let stmt: Statement;
  try {
    stmt = db.prepare(`SELECT * FROM ${quoteIdentifier(table)}`);
  } catch (e) {
    yield { kind: 'error', error: sqliteError(e, partPath) };
    return;
  }
  let error: ExtractError | null = null;
  const encoder = new TextEncoder();
  try {
    yield {
      kind: 'member',
      name,
      inspection: 'sqlite',
      source: {
        size: Number.POSITIVE_INFINITY,
        async *chunks() {
          let text = `${csvLine(stmt.getColumnNames())}\n`;
          try {
            while (stmt.step()) {
              // Integers as bigint: a 16–19 digit card or account number stored as INTEGER keeps every digit.
              text += `${csvLine((stmt as BigIntRows).get(null, { useBigInt: true }))}\n`;
              if (text.length >= CHUNK_CHARS) {
                yield encoder.encode(text);
                text = '';
              }
            }
          } catch (e) {
            error = sqliteError(e, partPath);
          }
          if (text !== '') yield encoder.encode(text);
        },
      },
    };
  } finally {
    stmt.free();
  }
  if (error) yield { kind: 'error', error };
}

/** Characters of CSV handed on at a time. */
const CHUNK_CHARS = 1 << 20;

/** sql.js reads INTEGER columns as bigint when asked; its published types omit the option. */
interface BigIntRows {
  get(params: null, config: { useBigInt: true }): (SqlValue | bigint)[];
}

/** SQLite's own messages name no content, but they may quote identifiers: only fixed wording is reported. */
function sqliteError(e: unknown, path: string): ExtractError {
  const message = e instanceof Error ? e.message : '';
  if (/no such module/i.test(message)) {
    return new ExtractError('UNSUPPORTED', path, 'virtual table of a module this SQLite lacks');
  }
  if (/encrypted|not a database/i.test(message)) {
    return new ExtractError('CORRUPT', path, 'not a readable SQLite database (encrypted?)');
  }
  return new ExtractError('CORRUPT', path, 'database disk image is malformed');
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * One CSV record (RFC 4180 quoting; NULL as empty). A line break inside a value becomes a space: the scanner
 * reads a table one line per record, and a record split over lines would lose its column context.
 */
export function csvLine(values: readonly (SqlValue | bigint)[]): string {
  return values.map(csvField).join(',');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function csvField(value: SqlValue | bigint): string {
  let text: string;
  if (value === null) return '';
  if (value instanceof Uint8Array) text = blobText(value);
  else text = String(value);
  text = text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A blob holding UTF-8 text is read as that text; other blobs (images, serialised objects) are left out. */
function blobText(blob: Uint8Array): string {
  try {
    const text = UTF8.decode(blob);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: binary detection
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? '' : text;
  } catch {
    return '';
  }
}

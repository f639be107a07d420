import { ExtractError } from '../limits.js';
import type { RandomAccess } from '../random-access.js';
import { csvLine, csvPieces } from './sqlite-csv.js';
import {
  type SchemaTable,
  SHADOW_TABLE_MODULES,
  SqliteDatabase,
  type TableLayout,
} from './sqlite-database.js';
import { MALFORMED, SqliteFormatError, TRUNCATED } from './sqlite-pager.js';
import { LargeValue } from './sqlite-record.js';
import type { Part } from './types.js';

/**
 * Every table of a SQLite database (`db.sqlite!/customers`) as CSV with a header row of column names, so the
 * table's columns give its values context. The database is read by our own reader of SQLite's file format, a
 * page at a time from `file` (a file on disk is never held whole), and each table is streamed a row at a time.
 * A table that cannot be read to its end is listed in errors and the next is read; a database cut short of the
 * pages its header declares gives what could be read and says it is truncated.
 */
export async function* sqliteTables(file: RandomAccess, path: string): AsyncGenerator<Part> {
  let db: SqliteDatabase | null = null;
  let tables: SchemaTable[];
  try {
    db = new SqliteDatabase(file);
    tables = db.tables();
  } catch (e) {
    const error = sqliteError(e, path);
    throw db?.truncated ? new ExtractError('CORRUPT', path, TRUNCATED) : error;
  }
  for (const table of tables) yield* tableParts(db, table, `${path}!/${table.name}`);
  if (db.truncated) yield { kind: 'error', error: new ExtractError('CORRUPT', path, TRUNCATED) };
}

/**
 * A table as a member streamed as CSV, a header row of its column names and a line per row, in pieces of about
 * CHUNK_CHARS: a table of any size is scanned in bounded memory, its size bounded only by the file's expansion
 * budget. A row that cannot be read ends the table there, and the table is listed as not fully read.
 */
async function* tableParts(db: SqliteDatabase, table: SchemaTable, partPath: string): AsyncGenerator<Part> {
  let layout: TableLayout;
  try {
    const found = db.layout(table);
    if ('virtual' in found) {
      // A virtual table's rows live in its module: an R*Tree's in shadow tables, read as tables (a full-text
      // table with a content shadow table is read as itself: see SqliteDatabase.tables).
      if (SHADOW_TABLE_MODULES.includes(found.virtual)) return;
      throw new ExtractError('UNSUPPORTED', partPath, 'virtual table of a module residue does not read');
    }
    layout = found;
  } catch (e) {
    yield { kind: 'error', error: sqliteError(e, partPath) };
    return;
  }
  let error: ExtractError | null = null;
  const encoder = new TextEncoder();
  const { encoding } = db.pager.header;
  yield {
    kind: 'member',
    name: table.name,
    inspection: 'sqlite',
    source: {
      size: Number.POSITIVE_INFINITY,
      async *chunks() {
        let text = `${csvLine(layout.columns)}\n`;
        try {
          for (const row of db.rows(layout)) {
            if (!row.some((v) => v instanceof LargeValue)) text += `${csvLine(row)}\n`;
            else {
              for (const piece of csvPieces(row, encoding)) {
                text += piece;
                if (text.length >= CHUNK_CHARS) {
                  yield encoder.encode(text);
                  text = '';
                }
              }
              text += '\n';
            }
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
  if (error) yield { kind: 'error', error };
}

/** Characters of CSV handed on at a time. */
const CHUNK_CHARS = 1 << 20;

/**
 * What stopped the reading, in fixed wording. An error of the file system (EIO) is not the database's: it is
 * thrown on, to be listed for the file. Anything else met in the bytes is corruption.
 */
function sqliteError(e: unknown, path: string): ExtractError {
  if (e instanceof ExtractError) return e;
  if (typeof (e as NodeJS.ErrnoException | null)?.code === 'string') throw e;
  return new ExtractError('CORRUPT', path, e instanceof SqliteFormatError ? e.detail : MALFORMED);
}

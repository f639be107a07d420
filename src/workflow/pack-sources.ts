import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { SqliteDatabase } from '../engine/extract/formats/sqlite-database.js';
import {
  MALFORMED,
  SqliteFormatError,
  type TextEncoding,
  TRUNCATED,
} from '../engine/extract/formats/sqlite-pager.js';
import { LARGE_VALUE_BYTES, LargeValue, type SqliteValue } from '../engine/extract/formats/sqlite-record.js';
import { fileRandomAccess, type RandomAccess } from '../engine/extract/random-access.js';
import { ResidueError } from '../model/errors.js';

/**
 * The owner's data export read as a table: CSV (any of , ; tab | as delimiter, quoted fields, UTF-8 or
 * UTF-16 by BOM, windows-1252 when not valid UTF-8), a JSON array of objects, or a SQLite table. Only the
 * wanted columns are handed on, one row at a time; empty cells are null.
 */
export interface SourceOptions {
  /** Column names as the owner wrote them (matched without regard to case or surrounding spaces). */
  columns: string[];
  /** The SQLite table to read (required when the database has more than one). */
  table?: string;
}

export type RowSink = (values: (string | null)[]) => void;

const SQLITE_MAGIC = 'SQLite format 3\0';

export async function readSourceRows(path: string, options: SourceOptions, onRow: RowSink): Promise<number> {
  const head = readHead(path);
  if (Buffer.from(head.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC)
    return readSqlite(path, options, onRow);
  if (options.table !== undefined)
    throw new ResidueError('USAGE', { detail: '--table applies to SQLite databases only' });
  const encoding = await sniffEncoding(path, head);
  if (encoding.bom === 0 && head.includes(0))
    throw new ResidueError('FINGERPRINT_SOURCE', {
      path,
      detail:
        "a binary file; give a CSV, a JSON array of objects or a SQLite database (an archive's export unpacked)",
    });
  const first = firstNonSpace(decodeHead(head, encoding));
  if (first === '[') return readJson(path, encoding, options, onRow);
  return readCsv(path, encoding, options, onRow);
}

function readHead(path: string): Uint8Array {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buffer = new Uint8Array(65536);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch (e) {
    throw new ResidueError('FINGERPRINT_SOURCE', {
      path,
      detail: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

type Encoding = { label: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; bom: number };

/** BOM first; otherwise UTF-8 when the whole file decodes as UTF-8, windows-1252 when it does not. */
async function sniffEncoding(path: string, head: Uint8Array): Promise<Encoding> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', bom: 2 };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return { label: 'utf-8', bom: 0 };
  } catch {
    return { label: 'windows-1252', bom: 0 };
  }
}

function decodeHead(head: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding.label).decode(head.subarray(encoding.bom, 4096));
}

function firstNonSpace(text: string): string {
  return /\S/.exec(text)?.[0] ?? '';
}

async function* decodedChunks(path: string, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding.label);
  let skip = encoding.bom;
  for await (const raw of createReadStream(path)) {
    let chunk = raw as Buffer;
    if (skip > 0) {
      const n = Math.min(skip, chunk.length);
      chunk = chunk.subarray(n);
      skip -= n;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  yield decoder.decode();
}

/** Indexes of the wanted columns in a header, or an error naming the one that is missing. */
function columnIndexes(path: string, header: string[], wanted: string[]): number[] {
  const names = header.map((h) => h.trim().toLowerCase());
  return wanted.map((w) => {
    const i = names.indexOf(w.trim().toLowerCase());
    if (i === -1)
      throw new ResidueError('FINGERPRINT_COLUMN', {
        column: w,
        path,
        available: header
          .slice(0, 30)
          .map((h) =>
            h
              .trim()
              .replace(/\p{Cc}/gu, '?')
              .slice(0, 40),
          )
          .join(', '),
      });
    return i;
  });
}

function cell(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

async function readCsv(path: string, encoding: Encoding, o: SourceOptions, onRow: RowSink): Promise<number> {
  let parser: CsvParser | null = null;
  let indexes: number[] | null = null;
  let rows = 0;
  const sink = (fields: string[]): void => {
    if (!indexes) {
      indexes = columnIndexes(path, fields, o.columns);
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    rows++;
    onRow(indexes.map((i) => cell(fields[i])));
  };
  for await (const text of decodedChunks(path, encoding)) {
    parser ??= new CsvParser(sniffDelimiter(text), sink);
    parser.feed(text);
  }
  parser?.end();
  if (!indexes) throw new ResidueError('FINGERPRINT_SOURCE', { path, detail: 'the file is empty' });
  return rows;
}

/** The delimiter that occurs most often, outside quotes, in the first line. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** RFC 4180 CSV, fed in chunks of any size: quoted fields, `""` for a quote, CRLF or LF line ends. */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  /** A quote was seen inside a quoted field: either `""` or the field's end, told by the next character. */
  private quote = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (fields: string[]) => void,
  ) {}

  feed(text: string): void {
    for (const ch of text) {
      if (this.quote) {
        this.quote = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') this.quote = true;
        else this.field += ch;
      } else if (ch === '"' && this.field === '') this.quoted = true;
      else if (ch === this.delimiter) this.endField();
      else if (ch === '\n') this.endRow();
      else if (ch !== '\r') this.field += ch;
    }
  }

  end(): void {
    if (this.field !== '' || this.row.length > 0) this.endRow();
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
  }

  private endRow(): void {
    this.endField();
    const row = this.row;
    this.row = [];
    this.onRow(row);
  }
}

async function readJson(path: string, encoding: Encoding, o: SourceOptions, onRow: RowSink): Promise<number> {
  let data: unknown;
  try {
    let text = '';
    for await (const t of decodedChunks(path, encoding)) text += t;
    data = JSON.parse(text);
  } catch (e) {
    throw new ResidueError('FINGERPRINT_SOURCE', { path, detail: `invalid JSON (${(e as Error).message})` });
  }
  if (!Array.isArray(data) || !data.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))
    throw new ResidueError('FINGERPRINT_SOURCE', { path, detail: 'expected a JSON array of objects' });
  const objects = data as Record<string, unknown>[];
  const keys = [...new Set(objects.flatMap((r) => Object.keys(r)))];
  const indexes = columnIndexes(path, keys, o.columns);
  let rows = 0;
  for (const r of objects) {
    const values = indexes.map((i) => {
      const v = r[keys[i] as string];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? cell(String(v))
        : null;
    });
    rows++;
    onRow(values);
  }
  return rows;
}

/**
 * A table of a SQLite database, read with the scan's own reader of the file format: a page at a time from the
 * file, so a database of any size is read in bounded memory. Integers keep every digit; blobs, and text over a
 * megabyte (no name, date or identifier), are not fingerprinted.
 */
async function readSqlite(path: string, o: SourceOptions, onRow: RowSink): Promise<number> {
  let file: RandomAccess | null = null;
  try {
    file = fileRandomAccess(path, statSync(path).size);
    return readTable(new SqliteDatabase(file), path, o, onRow);
  } catch (e) {
    if (e instanceof ResidueError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new ResidueError('FINGERPRINT_SOURCE', { path, detail: code });
    const reason = e instanceof SqliteFormatError ? e.detail : MALFORMED;
    throw new ResidueError('FINGERPRINT_SOURCE', { path, detail: `not a readable database (${reason})` });
  } finally {
    file?.close();
  }
}

/** The table `--table` names, or the only one; its rows' wanted columns handed on. */
function readTable(db: SqliteDatabase, path: string, o: SourceOptions, onRow: RowSink): number {
  // An owner's pack must hold every record: a database cut short is refused, not fingerprinted in part.
  if (db.truncated) throw new SqliteFormatError(TRUNCATED);
  // Virtual tables are left out; a full-text table is read as itself (see SqliteDatabase.tables).
  const tables = db.tables().filter((t) => t.definition instanceof Error || !('virtual' in t.definition));
  let table = tables.find((t) => t.name === o.table);
  if (o.table === undefined && tables.length === 1) table = tables[0];
  if (table === undefined) {
    const names = tables.map((t) => t.name).sort();
    throw new ResidueError('USAGE', {
      detail: `${o.table === undefined ? 'name the table to read with --table' : `no table "${o.table}"`}; tables in ${path}: ${names.join(', ') || 'none'}`,
    });
  }
  const layout = db.layout(table);
  if ('virtual' in layout) throw new SqliteFormatError(MALFORMED);
  const indexes = columnIndexes(path, layout.columns, o.columns);
  let rows = 0;
  const { encoding } = db.pager.header;
  for (const row of db.rows(layout)) {
    rows++;
    onRow(indexes.map((i) => sqlCell(row[i] as SqliteValue, encoding)));
  }
  return rows;
}

function sqlCell(v: SqliteValue, encoding: TextEncoding): string | null {
  if (v instanceof LargeValue) {
    // Short text is left on its pages only when its row already holds megabytes: it is read, not dropped.
    if (v.type !== 'text' || v.length >= LARGE_VALUE_BYTES) return null;
    const decoder = new TextDecoder(encoding);
    let text = '';
    for (const piece of v.pieces()) text += decoder.decode(piece, { stream: true });
    return cell(text + decoder.decode());
  }
  if (v === null || v instanceof Uint8Array) return null;
  return cell(String(v));
}

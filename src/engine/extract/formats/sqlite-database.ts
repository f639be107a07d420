import type { RandomAccess } from '../random-access.js';
import { btreeCells } from './sqlite-btree.js';
import { MALFORMED, Pager, SqliteFormatError } from './sqlite-pager.js';
import { decodeRecord, type SqliteValue } from './sqlite-record.js';
import {
  asciiUpper,
  type ColumnDefinition,
  parseCreateTable,
  virtualTableColumns,
  virtualTableModule,
} from './sqlite-sql.js';

/**
 * A SQLite database read by our own reader of its file format, a page at a time through random access (a file
 * on disk, or bytes in memory): its tables, their columns from their CREATE TABLE statements, and their rows
 * as SQLite's `SELECT *` gives them. Read-only; a database last written in WAL mode is read from its main file
 * (what was checkpointed), as there is no -wal file beside it.
 */
export class SqliteDatabase {
  readonly pager: Pager;

  constructor(file: RandomAccess) {
    this.pager = new Pager(file);
  }

  /** Fewer pages in the file than its header declares: what could be read is, and this says the rest is not. */
  get truncated(): boolean {
    return this.pager.truncated;
  }

  /**
   * The tables, as `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE
   * '\' ORDER BY rowid` lists them (LIKE ignores ASCII case), a full-text table ready to read as an ordinary
   * one (see withFullText). Reads the whole schema b-tree (page 1).
   */
  tables(): SchemaTable[] {
    const tables: SchemaTable[] = [];
    for (const cell of btreeCells(this.pager, 1, true)) {
      const [type, name, , rootPage, sql] = decodeRecord(this.pager, cell.payload, this.encoding, 5);
      if (type !== 'table' || typeof name !== 'string' || /^sqlite_/i.test(name)) continue;
      const page = typeof rootPage === 'number' ? rootPage : -1;
      // Each CREATE statement is read into its layout at once and not kept: a crafted schema of large
      // statements (a CHECK of a megabyte each) held them all for the whole scan.
      tables.push({ name, rootPage: page, definition: definition(page, typeof sql === 'string' ? sql : '') });
    }
    return withFullText(tables);
  }

  /** What reading a table takes: its columns, and where each is in a row's record. */
  layout(table: SchemaTable): TableLayout | VirtualTable {
    if (table.definition instanceof Error) throw table.definition;
    return table.definition;
  }

  /**
   * The table's rows in its key order (rowid, or the PRIMARY KEY of a WITHOUT ROWID table), each value where
   * its column is declared. A large text or blob in a row is read from its pages when asked, until the next row.
   */
  *rows(layout: TableLayout): Generator<SqliteValue[]> {
    const { fields, defaults } = layout;
    const wanted = Math.max(0, ...fields) + 1;
    for (const cell of btreeCells(this.pager, layout.rootPage, !layout.withoutRowid)) {
      const record = decodeRecord(this.pager, cell.payload, this.encoding, wanted);
      const row: SqliteValue[] = new Array(fields.length);
      for (let c = 0; c < fields.length; c++) {
        const field = fields[c] as number;
        if (field === ROWID) row[c] = cell.rowid;
        else if (field === NOT_STORED) row[c] = null;
        else row[c] = field < record.length ? (record[field] as SqliteValue) : (defaults[c] as SqliteValue);
      }
      yield row;
    }
  }

  private get encoding() {
    return this.pager.header.encoding;
  }
}

export interface SchemaTable {
  name: string;
  /** 0 for a virtual table; -1 when the schema holds no page number. */
  rootPage: number;
  /** Its layout, read from its CREATE statement, or why that could not be read. */
  definition: TableLayout | VirtualTable | SqliteFormatError;
}

function definition(rootPage: number, sql: string): TableLayout | VirtualTable | SqliteFormatError {
  if (rootPage === 0) return { virtual: virtualTableModule(sql) ?? '', columns: virtualTableColumns(sql) };
  if (rootPage < 1) return new SqliteFormatError(MALFORMED);
  try {
    return tableLayout(rootPage, sql);
  } catch (e) {
    // Listed for that table alone when it is read, as any other statement this parser cannot read.
    return e instanceof SqliteFormatError ? e : new SqliteFormatError(MALFORMED);
  }
}

/** Virtual-table modules that keep their rows' text in a `<name>_content` shadow table. */
const FULL_TEXT_MODULES = ['fts3', 'fts4', 'fts5'];

/**
 * A full-text (FTS3/4/5) table's rows are its shadow table `<name>_content`'s (rowid first, then a column per
 * declared column, named `c0surname` or `c0`): the table takes that layout under the names it declares, which
 * are what give its values their context, and the shadow table is not listed again. Without one (an
 * external-content or contentless table, or a shadow table that cannot be read) it stays virtual.
 */
function withFullText(tables: SchemaTable[]): SchemaTable[] {
  const shadows = new Set<SchemaTable>();
  const resolved = tables.map((table) => {
    const own = table.definition;
    if (own instanceof Error || !('virtual' in own) || !FULL_TEXT_MODULES.includes(own.virtual)) return table;
    const name = asciiUpper(`${table.name}_content`);
    const content = tables.find((t) => asciiUpper(t.name) === name);
    const found = content?.definition;
    if (content === undefined || found === undefined || found instanceof Error || 'virtual' in found) {
      return table;
    }
    shadows.add(content);
    const columns = found.columns.slice(1);
    const layout: TableLayout = {
      ...found,
      columns: own.columns.length === columns.length ? own.columns : columns,
      fields: found.fields.slice(1),
      defaults: found.defaults.slice(1),
    };
    return { ...table, definition: layout };
  });
  return resolved.filter((t) => !shadows.has(t));
}

export interface VirtualTable {
  /** Its module (`fts4`), lower-cased. */
  virtual: string;
  /** Its arguments that name columns: a full-text table's columns (see withFullText). */
  columns: string[];
}

export interface TableLayout {
  rootPage: number;
  withoutRowid: boolean;
  columns: string[];
  /** Per column: its field in the record, or ROWID (the INTEGER PRIMARY KEY), or NOT_STORED. */
  fields: number[];
  /** Per column: its value in a record written before ALTER TABLE ADD COLUMN added it. */
  defaults: SqliteValue[];
}

const ROWID = -1;
/** A VIRTUAL generated column is computed when read, never stored: it is written empty. */
const NOT_STORED = -2;

/**
 * Virtual tables whose rows are kept in ordinary (shadow) tables, read as tables in their own right (an
 * R*Tree's `<name>_node`…), or for full-text tables as the virtual table itself (see withFullText).
 */
export const SHADOW_TABLE_MODULES = ['fts3', 'fts4', 'fts5', 'rtree', 'rtree_i32', 'geopoly'];

function tableLayout(rootPage: number, sql: string): TableLayout {
  const { columns, primaryKey, keyTerms, withoutRowid } = parseCreateTable(sql);
  const fields: number[] = [];
  if (withoutRowid) {
    // The record holds the PRIMARY KEY columns first, in key order, then the other stored columns.
    let next = primaryKey.length;
    columns.forEach((c, i) => {
      const key = primaryKey.indexOf(i);
      fields.push(key >= 0 ? key : c.generated === 'virtual' ? NOT_STORED : next++);
    });
  } else {
    const alias = keyTerms === 1 ? rowidAlias(columns, primaryKey) : -1;
    let next = 0;
    columns.forEach((c, i) => {
      // The rowid alias keeps its place in the record (as a NULL); its value is the rowid.
      const field = c.generated === 'virtual' ? NOT_STORED : next++;
      fields.push(i === alias ? ROWID : field);
    });
  }
  return {
    rootPage,
    withoutRowid,
    columns: columns.map((c) => c.name),
    fields,
    defaults: columns.map(defaultValue),
  };
}

/**
 * The column that is the rowid: a sole PRIMARY KEY column declared exactly `INTEGER` (not `INT`, not
 * `INTEGER(10)`), unless declared `INTEGER PRIMARY KEY DESC` on the column itself (a quirk SQLite keeps).
 */
function rowidAlias(columns: ColumnDefinition[], primaryKey: number[]): number {
  if (primaryKey.length !== 1) return -1;
  const index = primaryKey[0] as number;
  const column = columns[index] as ColumnDefinition;
  return asciiUpper(column.type) === 'INTEGER' && column.primaryKey !== 'desc' ? index : -1;
}

type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

/** A column's type affinity from its declared type, by SQLite's rules in their order. */
function affinity(type: string): Affinity {
  const t = asciiUpper(type);
  if (t.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (t.includes('BLOB') || t === '') return 'blob';
  if (/REAL|FLOA|DOUB/.test(t)) return 'real';
  return 'numeric';
}

/**
 * The DEFAULT an ALTER TABLE ADD COLUMN gave, as SQLite returns it for older rows: a literal with the column's
 * affinity applied (a number in a TEXT column keeps the literal's text; `'007'` in an INTEGER column is 7).
 * An expression gives NULL.
 */
function defaultValue(column: ColumnDefinition): SqliteValue {
  const literal = column.defaultValue;
  const kind = affinity(column.type);
  if (literal.kind === 'number') return kind === 'text' ? literal.text : numberValue(literal.text, kind);
  if (literal.kind === 'blob') return Uint8Array.from(Buffer.from(literal.hex, 'hex'));
  if (literal.kind !== 'text') return null;
  const text = literal.text.trim();
  if (kind === 'text' || kind === 'blob' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    return literal.text;
  }
  return numberValue(text, kind);
}

const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** A numeric literal's value: an integer when it is one and fits 64 bits (and the column is not REAL). */
function numberValue(literal: string, kind: Affinity): SqliteValue {
  const negative = literal.startsWith('-');
  const digits = literal.replace(/^[+-]/, '').replaceAll('_', '');
  if (/^0x/i.test(digits)) {
    const value = BigInt.asIntN(64, BigInt(digits));
    return small(negative ? -value : value);
  }
  if (kind !== 'real' && /^\d+$/.test(digits)) {
    const value = negative ? -BigInt(digits) : BigInt(digits);
    if (value >= INT64.min && value <= INT64.max) return small(value);
  }
  return Number(`${negative ? '-' : ''}${digits}`);
}

function small(value: bigint): number | bigint {
  return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;
}

import { normaliseHeader } from './header.js';
import { cellIndexAt, delimitedIndexAt, type TableShape } from './table.js';

/**
 * Field context: the name of the column or key a value sits under. In tables the header row names every cell
 * below it (see table.ts); in JSON, XML, `key=value` logs, `Key: value` letters and SQL INSERT/COPY column lists
 * the key sits just before the value or above its block. Rules list the headers that mark their category
 * (`dob`, `nhs_no`), and a header is what tells a birth date from an order date.
 */

const JSON_KEY_BEFORE = /"([^"\n]{1,48})"\s*:\s*"?$/;
const XML_KEY_BEFORE =
  /<(?:[A-Za-z_][\w.-]{0,30}:)?([A-Za-z_][\w.-]{0,47})(?:\s[^<>]*)?>\s*(?:<!\[CDATA\[)?$/;
const KV_KEY_BEFORE =
  /(?:^|[\s,;{(|])(?:([\p{L}][\p{L}\p{N}_.#-]{0,40})\s*=>?|([\p{L}][\p{L}\p{N} _./#-]{0,40}?)\s*:)\s*["'[]?$/u;
const SQL_COLUMNS = /\b(?:(insert)\s+into|(copy))\s+[`"[\]\w.]+\s*\(([^)]*)\)\s*(?:values|from\s+stdin)/gi;
const COPY_END = /^\\\.\r?$/m;

interface SqlColumns {
  /** Offset of the statement in the segment (-1: carried from an earlier segment). */
  at: number;
  columns: string[];
  /** COPY blocks: tab-separated rows until a `\.` line, at offset `end` (Infinity: not in this segment). */
  copyEnd: number | null;
}

/** Remembers stream-wide layout (table shape, SQL column lists) while segments go by in stream order. */
export class FieldContext {
  private sql: SqlColumns[] = [];

  constructor(readonly table: TableShape | null) {}

  /**
   * Call once per segment, in stream order, before looking up keys. Finds the SQL INSERT and COPY column lists,
   * which may sit lines above the rows they name; the last list of a segment carries into the next.
   */
  enterSegment(text: string): void {
    const last = this.sql[this.sql.length - 1];
    this.sql = [];
    if (last) {
      let copyEnd = last.copyEnd;
      if (copyEnd === Number.POSITIVE_INFINITY) copyEnd = endOfCopy(text, 0);
      else if (copyEnd !== null) copyEnd = -1;
      this.sql.push({ at: -1, columns: last.columns, copyEnd });
    }
    if (!/insert|copy/i.test(text)) return;
    for (const m of text.matchAll(SQL_COLUMNS)) {
      const columns = (m[3] as string).split(',').map((c) => normaliseHeader(c));
      const copyEnd = m[2] ? endOfCopy(text, m.index) : null;
      this.sql.push({ at: m.index, columns, copyEnd });
    }
  }

  private sqlAt(at: number): SqlColumns | null {
    let found: SqlColumns | null = null;
    for (const s of this.sql) {
      if (s.at > at) break;
      found = s;
    }
    return found;
  }

  /** Whether segment offset `at` comes after an INSERT with a column list, whose tuples it may hold. */
  inInsert(at: number): boolean {
    const s = this.sqlAt(at);
    return s !== null && s.copyEnd === null && at >= s.at;
  }

  /** The columns of the COPY block holding segment offset `at`, or null. */
  copyColumnsAt(at: number): string[] | null {
    const s = this.sqlAt(at);
    return s && s.copyEnd !== null && at < s.copyEnd && at > s.at ? s.columns : null;
  }

  /**
   * The normalised key that `line[offset]` sits under, or null. `at` is the same position in the segment.
   * `isHeaderLine` is true for the table's header row, whose cells name columns rather than hold values.
   * `cellIndex` is the table cell of `offset` when the caller already knows it (segment-view.ts caches it).
   */
  keyAt(line: string, offset: number, at: number, isHeaderLine: boolean, cellIndex?: number): string | null {
    const from = Math.max(0, offset - 64);
    const before = line.slice(from, offset);
    // Most values follow a delimiter or a word, not `key:` or `key=`: neither pattern can match, so neither runs.
    const pair = endsLikePair(line, from, offset);
    const json = pair ? JSON_KEY_BEFORE.exec(before) : null;
    if (json?.[1] !== undefined) return normaliseHeader(json[1]);
    const xml = before.includes('>') ? XML_KEY_BEFORE.exec(before) : null;
    if (xml?.[1] !== undefined) return normaliseHeader(xml[1]);
    if (this.table?.headers && !isHeaderLine) {
      const name = this.table.headers[cellIndex ?? cellIndexAt(line, offset, this.table)];
      if (name) return name;
    }
    const sql = this.sqlAt(at);
    if (sql) {
      const copy = sql.copyEnd !== null;
      if (sql.copyEnd === null || (at < sql.copyEnd && at > sql.at)) {
        const index = copy ? delimitedIndexAt(line, offset, '\t') : sqlTupleIndex(line, offset);
        const name = sql.columns[index];
        if (name) return name;
      }
    }
    const kv = pair ? KV_KEY_BEFORE.exec(before) : null;
    const kvKey = kv?.[1] ?? kv?.[2];
    if (kvKey !== undefined) return normaliseHeader(kvKey);
    return null;
  }
}

/**
 * Whether line[from, to) may end as JSON_KEY_BEFORE and KV_KEY_BEFORE need: `=`, `>` or `:`, then spaces, then
 * at most one of `"'[`. Anything past ASCII counts as a space (a superset of \s): a false yes only runs them.
 */
function endsLikePair(line: string, from: number, to: number): boolean {
  let i = to - 1;
  if (i >= from) {
    const c = line.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */ || c === 91 /* [ */) i--;
  }
  while (i >= from) {
    const c = line.charCodeAt(i);
    if (c > 32 && c < 128) return c === 61 /* = */ || c === 62 /* > */ || c === 58 /* : */;
    i--;
  }
  return false;
}

/** Offset of the `\.` line ending a COPY block that starts at `from`; Infinity when it is not in `text`. */
function endOfCopy(text: string, from: number): number {
  COPY_END.lastIndex = 0;
  const rest = text.slice(from);
  const m = COPY_END.exec(rest);
  return m ? from + m.index : Number.POSITIVE_INFINITY;
}

/** Position of the value at `offset` within the SQL VALUES tuple that encloses it on this line. */
function sqlTupleIndex(line: string, offset: number): number {
  let index = 0;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < offset && i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      // MySQL escapes a quote inside a string with a backslash ('O\'Neill').
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') {
      depth++;
      if (depth === 1) index = 0;
    } else if (ch === ')') depth--;
    else if (ch === ',' && depth === 1) index++;
  }
  return depth >= 1 ? index : -1;
}

/**
 * Suffixes too generic to carry a column's meaning on their own: `company_name`, `product_code` and `order_date`
 * are not a person's name, an access code or a birth date. Rules list such headers in full (`patient_name`).
 */
const GENERIC_SUFFIXES: ReadonlySet<string> = new Set([
  'name',
  'names',
  'number',
  'no',
  'id',
  'code',
  'date',
  'ref',
]);

/** True when `key` names one of `headers` (exactly, or as its last words: `patient_dob` → `dob`). */
export function headerMatches(key: string, headers: ReadonlySet<string>): boolean {
  return matchedHeader(key, headers) !== null;
}

/**
 * The header of `headers` that the key names (the key itself, or its suffix: `home_postcode` → `postcode`),
 * or null. Reasons quote this word, never the key: a key cut from free text may hold the values before it.
 */
export function matchedHeader(key: string, headers: ReadonlySet<string>): string | null {
  if (headers.size === 0) return null;
  if (headers.has(key)) return key;
  for (let i = key.indexOf('_'); i !== -1; i = key.indexOf('_', i + 1)) {
    const suffix = key.slice(i + 1);
    if (headers.has(suffix) && !GENERIC_SUFFIXES.has(suffix)) return suffix;
  }
  return null;
}

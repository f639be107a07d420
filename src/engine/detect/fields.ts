import { normaliseHeader } from './header.js';

/**
 * Field context: the name of the column or key a value sits under. In CSV/TSV the header row names every
 * cell below it; in JSON, `key=value` logs, `Key: value` letters and SQL INSERT column lists the key sits just
 * before the value. Rules list the headers that mark their category (`dob`, `nhs_no`), and a header is what
 * tells a birth date from an order date.
 */

const DELIMITERS = [',', '\t', ';', '|'] as const;

export interface TableShape {
  delimiter: string;
  /** Normalised header names, or null when the first row is data. */
  headers: string[] | null;
}

/** Sniffs a delimited layout from the first lines of a stream; null when the text is not tabular. */
export function sniffTable(firstText: string): TableShape | null {
  const lines = firstText
    .split('\n', 40)
    .slice(0, 20)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim().length > 0);
  if (lines.length < 2) return null;
  let best: { delimiter: string; count: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => splitCells(l, delimiter).length - 1);
    const mode = modeOf(counts);
    if (mode < 1) continue;
    const agreeing = counts.filter((c) => c === mode).length;
    if (agreeing / counts.length < 0.8) continue;
    if (!best || mode > best.count) best = { delimiter, count: mode };
  }
  if (!best) return null;
  const first = splitCells(lines[0] as string, best.delimiter).map((c) => c.text.trim());
  const isHeader = first.every(
    (c) => /^[\p{L}_"' ][\p{L}\p{N} _./#(),:?-]{0,47}$/u.test(c) && !/^\d/.test(c),
  );
  return { delimiter: best.delimiter, headers: isHeader ? first.map(normaliseHeader) : null };
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let bestN = 0;
  for (const v of values) {
    const n = (freq.get(v) ?? 0) + 1;
    freq.set(v, n);
    if (n > bestN || (n === bestN && v > best)) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

export interface Cell {
  text: string;
  /** Index of the cell's first character (after an opening quote) in the line. */
  start: number;
}

/** Splits one line into cells, honouring double-quoted fields; quotes are stripped from the text. */
export function splitCells(line: string, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      const start = i + 1;
      let j = start;
      while (j < line.length) {
        if (line[j] === '"' && line[j + 1] === '"') j += 2;
        else if (line[j] === '"') break;
        else j++;
      }
      cells.push({ text: line.slice(start, j).replace(/""/g, '"'), start });
      const next = line.indexOf(delimiter, j);
      if (next === -1) break;
      i = next + 1;
    } else {
      const next = line.indexOf(delimiter, i);
      const end = next === -1 ? line.length : next;
      cells.push({ text: line.slice(i, end), start: i });
      if (next === -1) break;
      i = next + 1;
    }
  }
  return cells;
}

/** Index of the cell holding `offset` in `line`, counting unquoted delimiters before it. */
export function cellIndexAt(line: string, offset: number, delimiter: string): number {
  let index = 0;
  let quoted = false;
  for (let i = 0; i < offset && i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) index++;
  }
  return index;
}

const JSON_KEY_BEFORE = /"([^"\n]{1,48})"\s*:\s*"?$/;
const KV_KEY_BEFORE =
  /(?:^|[\s,;{(|])(?:([\p{L}][\p{L}\p{N}_.#-]{0,40})\s*=>?|([\p{L}][\p{L}\p{N} _./#-]{0,40}?)\s*:)\s*["'[]?$/u;
const SQL_INSERT = /insert\s+into\s+[`"[\]\w.]+\s*\(([^)]*)\)\s*values/gi;

interface SqlColumns {
  /** Offset of the INSERT statement in the segment. */
  at: number;
  columns: string[];
}

/** Remembers stream-wide layout (table header, SQL column lists) while segments go by in stream order. */
export class FieldContext {
  private carried: string[] | null = null;
  private sql: SqlColumns[] = [];

  constructor(readonly table: TableShape | null) {}

  /**
   * Call once per segment, in stream order, before looking up keys. Finds the SQL INSERT column lists, which
   * may sit lines above the tuples they name; the last list of a segment carries into the next.
   */
  enterSegment(text: string): void {
    const last = this.sql[this.sql.length - 1];
    if (last) this.carried = last.columns;
    this.sql = [];
    if (!/insert/i.test(text)) return;
    for (const m of text.matchAll(SQL_INSERT)) {
      this.sql.push({ at: m.index, columns: (m[1] as string).split(',').map((c) => normaliseHeader(c)) });
    }
  }

  private sqlColumnsAt(at: number): string[] | null {
    let found = this.carried;
    for (const s of this.sql) {
      if (s.at > at) break;
      found = s.columns;
    }
    return found;
  }

  /**
   * The normalised key that `line[offset]` sits under, or null. `at` is the same position in the segment.
   * `isHeaderLine` is true for the table's header row, whose cells name columns rather than hold values.
   */
  keyAt(line: string, offset: number, at: number, isHeaderLine: boolean): string | null {
    const before = line.slice(Math.max(0, offset - 64), offset);
    const json = JSON_KEY_BEFORE.exec(before);
    if (json?.[1] !== undefined) return normaliseHeader(json[1]);
    if (this.table?.headers && !isHeaderLine) {
      const name = this.table.headers[cellIndexAt(line, offset, this.table.delimiter)];
      if (name) return name;
    }
    const columns = this.sqlColumnsAt(at);
    if (columns) {
      const name = columns[sqlTupleIndex(line, offset)];
      if (name) return name;
    }
    const kv = KV_KEY_BEFORE.exec(before);
    const kvKey = kv?.[1] ?? kv?.[2];
    if (kvKey !== undefined) return normaliseHeader(kvKey);
    return null;
  }
}

/** Position of the value at `offset` within the SQL VALUES tuple that encloses it on this line. */
function sqlTupleIndex(line: string, offset: number): number {
  let index = 0;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < offset && i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
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
  if (headers.size === 0) return false;
  if (headers.has(key)) return true;
  for (let i = key.indexOf('_'); i !== -1; i = key.indexOf('_', i + 1)) {
    const suffix = key.slice(i + 1);
    if (headers.has(suffix) && !GENERIC_SUFFIXES.has(suffix)) return true;
  }
  return false;
}

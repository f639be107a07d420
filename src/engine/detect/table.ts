import { normaliseHeader } from './header.js';

/**
 * Tabular layouts: delimited text (CSV, TSV, semicolon, pipe) and fixed-width exports whose columns line up
 * under a header. A table's header row names every cell below it; that name is what tells a birth date from an
 * order date.
 */

const DELIMITERS = [',', '\t', ';', '|'] as const;

export interface TableShape {
  /** The delimiter, or null for a fixed-width table. */
  delimiter: string | null;
  /** Fixed-width tables: the offset where each column starts. */
  starts?: number[];
  /** Normalised header names, or null when the first row is data and nothing could be inferred. */
  headers: string[] | null;
  /** True when the headers were inferred from the values (there is no header row to skip). */
  inferred?: boolean;
  /**
   * Non-blank lines above the header row (a title such as `Customer export, March`): they are not rows. 0 or
   * absent when the table starts at the first non-blank line.
   */
  skip?: number;
}

/** Title lines a delimited table may have above its header row. */
const MAX_TITLE_LINES = 3;

export interface Cell {
  text: string;
  /** Index of the cell's first character (after an opening quote) in the line. */
  start: number;
}

/** Sniffs a tabular layout from the first lines of a stream; null when the text is not tabular. */
export function sniffTable(firstText: string): TableShape | null {
  const lines = firstText
    .split('\n', 40)
    .slice(0, 20)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim().length > 0);
  if (lines.length < 2) return null;
  // Pretty-printed JSON has one comma per line and XML may too: structure, not a table.
  if (/^\s*[[{<]/.test(lines[0] as string)) return null;
  return sniffDelimited(lines) ?? sniffFixedWidth(lines);
}

function sniffDelimited(lines: string[]): TableShape | null {
  let best: { delimiter: string; count: number; skip: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => splitDelimited(l, delimiter).length - 1);
    const mode = modeOf(counts);
    if (mode < 1) continue;
    // The table starts at its first line of the usual shape: lines above it are a title, not rows.
    // Only a header-like line there makes the lines above a title: a header one field short or long beside
    // rows with a trailing delimiter is still the header.
    let skip = counts.indexOf(mode);
    if (skip > MAX_TITLE_LINES || (skip > 0 && !isHeaderRow(cellTexts(lines[skip] as string, delimiter))))
      skip = 0;
    const rows = counts.slice(skip);
    if (rows.length < 2) continue;
    const agreeing = rows.filter((c) => c === mode).length;
    if (agreeing / rows.length < 0.8) continue;
    if (!best || mode > best.count) best = { delimiter, count: mode, skip };
  }
  if (!best) return null;
  const first = cellTexts(lines[best.skip] as string, best.delimiter);
  const shape: TableShape = {
    delimiter: best.delimiter,
    headers: isHeaderRow(first) ? first.map(normaliseHeader) : null,
  };
  if (best.skip > 0) shape.skip = best.skip;
  return shape;
}

function cellTexts(line: string, delimiter: string): string[] {
  return splitDelimited(line, delimiter).map((c) => c.text.trim());
}

function isHeaderRow(cells: string[]): boolean {
  return cells.every((c) => /^[\p{L}_"' ][\p{L}\p{N} _./#(),:?-]{0,47}$/u.test(c) && !/^\d/.test(c));
}

/**
 * A fixed-width export: a header of words separated by runs of two or more spaces, and data lines that have a
 * space (or end) just before every column start. Only with a header: without one, aligned prose is too common.
 */
function sniffFixedWidth(lines: string[]): TableShape | null {
  const header = lines[0] as string;
  if (header.includes('\t')) return null;
  const starts: number[] = [];
  const names: string[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(m.index);
    names.push(m[0]);
  }
  if (starts.length < 3 || !isHeaderRow(names) || names.some((n) => /\d/.test(n))) return null;
  const data = lines.slice(1);
  const aligned = data.filter((l) =>
    starts.every((s, i) => i === 0 || l.length <= s || (l[s - 1] === ' ' && l[s] !== ' ')),
  );
  if (data.length < 2 || aligned.length / data.length < 0.8) return null;
  return { delimiter: null, starts, headers: names.map(normaliseHeader) };
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

/** The cells of one line of `table`. */
export function splitCells(line: string, table: TableShape): Cell[] {
  if (table.delimiter !== null) return splitDelimited(line, table.delimiter);
  const starts = table.starts ?? [0];
  return starts.map((s, i) => {
    const end = starts[i + 1] ?? line.length;
    return { text: line.slice(s, end), start: s };
  });
}

/** Index of the cell holding `offset` in `line`. */
export function cellIndexAt(line: string, offset: number, table: TableShape): number {
  if (table.delimiter !== null) return delimitedIndexAt(line, offset, table.delimiter);
  const starts = table.starts ?? [0];
  let index = 0;
  while (index + 1 < starts.length && (starts[index + 1] as number) <= offset) index++;
  return index;
}

/** Splits one line into cells, honouring double-quoted fields; quotes are stripped from the text. */
export function splitDelimited(line: string, delimiter: string): Cell[] {
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

/** Index of the delimited cell holding `offset`, counting unquoted delimiters before it. */
export function delimitedIndexAt(line: string, offset: number, delimiter: string): number {
  let index = 0;
  let quoted = false;
  for (let i = 0; i < offset && i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) index++;
  }
  return index;
}

import { LineIndex, type Segment } from '../extract/segment.js';
import type { FieldContext } from './fields.js';
import type { TableShape } from './table.js';

/** One line of a segment (or, for a very long line, the window around a value) as evaluation sees it. */
export interface LineView {
  /** The line's text, without its newline. */
  text: string;
  /** Offset of text[0] in the segment. */
  start: number;
  /** Unquoted delimiter positions in `text`, computed once per line when a table asks (see cellIndex). */
  delimiters?: number[];
}

/** What evaluating one candidate needs to know about the segment around it. */
export interface SegmentView {
  segment: Segment;
  lines: LineIndex;
  fields: FieldContext;
  headerLine: number | null;
  /** The whole line holding text[index] (a window around it when the line is huge). */
  lineAt(index: number): LineView;
  /** The segment holds no character past ASCII (worked out once, on first asking). */
  ascii(): boolean;
  /** Every rule's column headers, by category group: a column named for one kind of value holds no other. */
  headersByGroup: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Any UTF-16 code unit past ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Lines longer than this are seen through a window around the value (keys, cells and context are near). */
const MAX_LINE = 8192;

function newlinesOf(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

export function makeView(
  segment: Segment,
  fields: FieldContext,
  headerLine: number | null,
  byGroup: ReadonlyMap<string, ReadonlySet<string>>,
): SegmentView {
  const { text } = segment;
  // Candidates come line by line, rule after rule: every line's view is built once per segment, not per match.
  const cache = new Map<number, LineView>();
  let newlines: number[] | undefined;
  // One candidate asks for its line several times (cells, key, context): the last answer is kept at hand.
  let last: LineView | null = null;
  let ascii: boolean | undefined;
  return {
    ascii: () => {
      ascii ??= !NON_ASCII.test(text);
      return ascii;
    },
    segment,
    lines: new LineIndex(segment),
    fields,
    headerLine,
    headersByGroup: byGroup,
    lineAt(index) {
      if (last !== null && index >= last.start && index <= last.start + last.text.length) return last;
      newlines ??= newlinesOf(text);
      // Binary search: the line holding `index` runs from the newline before it to the one at or after it.
      let lo = 0;
      let hi = newlines.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((newlines[mid] as number) < index) lo = mid + 1;
        else hi = mid;
      }
      let start = lo === 0 ? 0 : (newlines[lo - 1] as number) + 1;
      let end = lo < newlines.length ? (newlines[lo] as number) : text.length;
      if (end - start > MAX_LINE) {
        // A minified file is one huge line: look at the neighbourhood only, never copy megabytes per match.
        start = Math.max(start, index - MAX_LINE / 2);
        end = Math.min(end, index + MAX_LINE / 2);
        return { text: text.slice(start, end), start };
      }
      let line = cache.get(start);
      if (line === undefined) {
        line = { text: text.slice(start, end), start };
        cache.set(start, line);
      }
      last = line;
      return line;
    },
  };
}

/**
 * Index of the cell holding `offset` in `line` (table.ts's cellIndexAt), with a delimited line's unquoted
 * delimiters found once and kept on the line: a row of a wide export holds dozens of candidates.
 */
export function cellIndexIn(line: LineView, offset: number, table: TableShape): number {
  const delimiter = table.delimiter;
  if (delimiter === null) {
    const starts = table.starts ?? [0];
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] as number) <= offset) index++;
    return index;
  }
  let delimiters = line.delimiters;
  if (delimiters === undefined) {
    delimiters = unquotedDelimiters(line.text, delimiter);
    line.delimiters = delimiters;
  }
  let index = 0;
  while (index < delimiters.length && (delimiters[index] as number) < offset) index++;
  return index;
}

/** Positions of the delimiters outside double quotes, by the same quote toggling as delimitedIndexAt. */
function unquotedDelimiters(text: string, delimiter: string): number[] {
  const out: number[] = [];
  const d = delimiter.charCodeAt(0);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) quoted = !quoted;
    else if (!quoted && ch === d) out.push(i);
  }
  return out;
}

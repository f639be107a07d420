import type { CompiledRule } from '../../rulepack/compiled.js';
import type { RawMatch, SegmentView } from './detect.js';
import { evaluate } from './detect.js';
import { headerMatches } from './fields.js';
import { normaliseHeader } from './header.js';
import { splitCells, splitDelimited } from './table.js';

const JSON_PAIR = /"([^"\n]{1,48})"\s*:\s*"([^"\n]{1,200})"/g;
const LOG_PAIR =
  /(?<![\p{L}\p{N}_])([\p{L}_][\p{L}\p{N}_.]{0,40})=(?:"([^"\n]{1,200})"|([^\s,;&"]{1,200}))/gu;
const XML_PAIR = /<(?:[A-Za-z_][\w.-]{0,30}:)?([A-Za-z_][\w.-]{0,47})(?:\s[^<>]*)?>([^<\n]{1,200})<\//g;
/** A quoted SQL string literal (`''` and `\'` escape a quote). */
const SQL_STRING = /'((?:[^'\\\n]|\\.|''){1,200})'/g;
const LINE_PAIR = /^\s*([\p{L}][\p{L}\p{N} _./#-]{0,40}?)\s*:\s*(\S.{0,200}?)\s*$/u;

/**
 * Whole-value detection under a known field: a bare `Smith` in a `surname` column, `1961-04-03` after `dob=`.
 * Only rules with a cell_pattern take part, and only for fields whose key is one of their headers.
 */
export function detectCells(view: SegmentView, rules: readonly CompiledRule[], out: RawMatch[]): void {
  const cellRules = rules.filter((r) => r.cellPattern !== null && r.context.headers.size > 0);
  if (cellRules.length === 0) return;
  const { text, acceptFrom, acceptUntil } = view.segment;
  const table = view.fields.table;
  const rulesFor = memoRulesFor(cellRules);
  // Where a pair's value may start to be this segment's: all of a table row's cells are (rows are never cut
  // between segments), but a long line of pairs is cut, and each side keeps the values that start on it.
  let from = 0;
  let until = Number.POSITIVE_INFINITY;
  /** `column`: a table's cell (a row under a header, a COPY row), not a key's value in a pair. */
  const tryCell = (key: string, raw: string, at: number, column = false): void => {
    const trimmed = raw.trim();
    if (trimmed.length === 0) return;
    const start = at + raw.indexOf(trimmed);
    if (start < from || start >= until) return;
    for (const rule of rulesFor(key)) {
      if (!(rule.cellPattern as RegExp).test(trimmed)) continue;
      const found = evaluate(rule, trimmed, start, view, 'cell', key, column);
      if (found) out.push(found);
    }
  };

  let lineStart = text.lastIndexOf('\n', acceptFrom - 1) + 1;
  // A line begun in the segment before (a long line, cut): its pairs are read from the lead on. Table rows,
  // SQL tuples and `key: value` lines need the line from its start, and the segment before had them.
  let partial = lineStart < acceptFrom;
  if (partial && table?.headers) {
    lineStart = text.indexOf('\n', acceptFrom) + 1 || text.length;
    partial = false;
  }
  while (lineStart < text.length && lineStart < acceptUntil) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // Without a CRLF line's \r; a regex replace per line cost more than the rest of a line's work.
    const cr = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13;
    const line = text.slice(lineStart, cr ? lineEnd - 1 : lineEnd);
    const copyColumns = partial ? null : view.fields.copyColumnsAt(lineStart);
    from = 0;
    until = Number.POSITIVE_INFINITY;
    // Rows are the lines below the header (a title above it is not one).
    if (
      table?.headers &&
      !partial &&
      (view.headerLine === null || view.lines.position(lineStart).line > view.headerLine)
    ) {
      const cells = splitCells(line, table);
      cells.forEach((cell, i) => {
        const key = table.headers?.[i];
        if (key) tryCell(key, cell.text, lineStart + cell.start, true);
      });
    } else if (copyColumns) {
      splitDelimited(line, '\t').forEach((cell, i) => {
        const key = copyColumns[i];
        if (key && cell.text !== '\\N') tryCell(key, cell.text, lineStart + cell.start, true);
      });
    } else if (line.length > 0) {
      from = acceptFrom;
      until = acceptUntil;
      // The string values of INSERT tuples, each under its column ('Smith' under `surname`).
      if (!partial && line.includes("'") && view.fields.inInsert(lineStart)) {
        SQL_STRING.lastIndex = 0;
        for (let m = SQL_STRING.exec(line); m !== null; m = SQL_STRING.exec(line)) {
          const at = m.index + 1;
          const key = view.fields.keyAt(line, at, lineStart + at, false);
          // MySQL writes O'Neill as 'O\'Neill', PostgreSQL and SQLite as 'O''Neill'.
          const value = (m[1] as string).replace(/\\(.)|''/g, (_, c: string | undefined) => c ?? "'");
          if (key) tryCell(key, value, lineStart + at);
        }
      }
      // Each pattern needs its punctuation on the line: most lines of prose and code are passed over unsearched.
      // Loops of exec, not matchAll(), which builds a copy of the regex and an iterator on every line. None of
      // these patterns matches an empty string, so exec moves on as matchAll would.
      if (line.includes('</')) {
        XML_PAIR.lastIndex = 0;
        for (let m = XML_PAIR.exec(line); m !== null; m = XML_PAIR.exec(line)) {
          const v = m[2] as string;
          tryCell(normaliseHeader(m[1] as string), v, lineStart + m.index + m[0].lastIndexOf(v));
        }
      }
      if (line.includes('"')) {
        JSON_PAIR.lastIndex = 0;
        for (let m = JSON_PAIR.exec(line); m !== null; m = JSON_PAIR.exec(line)) {
          const v = m[2] as string;
          tryCell(normaliseHeader(m[1] as string), v, lineStart + m.index + m[0].lastIndexOf(v));
        }
      }
      if (line.includes('=')) {
        LOG_PAIR.lastIndex = 0;
        for (let m = LOG_PAIR.exec(line); m !== null; m = LOG_PAIR.exec(line)) {
          const v = (m[2] ?? m[3]) as string;
          tryCell(normaliseHeader(m[1] as string), v, lineStart + m.index + m[0].lastIndexOf(v));
        }
      }
      const kv = !partial && line.includes(':') ? LINE_PAIR.exec(line) : null;
      if (kv && !line.trimStart().startsWith('"')) {
        const v = kv[2] as string;
        tryCell(normaliseHeader(kv[1] as string), v, lineStart + line.lastIndexOf(v));
      }
    }
    lineStart = lineEnd + 1;
    partial = false;
  }
}

function memoRulesFor(rules: CompiledRule[]): (key: string) => CompiledRule[] {
  const memo = new Map<string, CompiledRule[]>();
  return (key) => {
    let hit = memo.get(key);
    if (!hit) {
      hit = rules.filter((r) => headerMatches(key, r.context.headers));
      memo.set(key, hit);
    }
    return hit;
  };
}

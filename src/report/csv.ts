import type { Report } from '../model/report.js';
import type { Reporter } from './reporter.js';
import { sanitizeKeeping } from './sanitize.js';

// CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled), one row
// per finding and one per file not fully inspected (status `not-inspected`, category empty, the reason in
// `reason`). Paths and excerpts come from scanned files, and a cell starting with = + - @ tab or CR is run
// as a formula by spreadsheet programs (CSV injection), so such cells get a leading `'`. Other control
// characters are escaped as in text output (the report may be printed on a terminal); tab, CR and LF stay,
// since RFC 4180 quotes them as data.

export const CSV_COLUMNS = [
  'path',
  'verdict',
  'category',
  'ruleId',
  'severity',
  'line',
  'column',
  'confidence',
  'excerpt',
  'fingerprint',
  'status',
  'reason',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const CSV_DATA_CONTROLS = '\t\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused if a spreadsheet would read it as a formula, then quoted if it needs to be. */
export function csvCell(value: string | number | undefined): string {
  let text = sanitizeKeeping(value === undefined ? '' : String(value), CSV_DATA_CONTROLS);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(cells: Partial<Record<Column, string | number>>): string {
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',');
}

export const csvReporter: Reporter = {
  name: 'csv',
  render(report: Report) {
    const rows = [CSV_COLUMNS.join(',')];
    for (const file of report.files) {
      for (const f of file.findings) {
        rows.push(
          row({
            path: file.path,
            verdict: file.verdict,
            category: f.category,
            ruleId: f.ruleId,
            severity: f.severity,
            line: f.line,
            column: f.column,
            confidence: f.confidence,
            excerpt: f.excerpt,
            fingerprint: f.fingerprint ?? '',
            status: 'finding',
          }),
        );
      }
    }
    for (const e of report.errors) {
      rows.push(row({ path: e.path, status: 'not-inspected', reason: `${e.message} (${e.code})` }));
    }
    return `${rows.join('\r\n')}\r\n`;
  },
};

import type { FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { CATEGORIES } from '../model/vocabulary.js';
import type { Reporter } from './reporter.js';

// JSON Lines for log pipelines and SIEMs: one JSON object per line, each with a `type`. Per file with findings,
// a `file` line then one `finding` line per finding; after every file, an `error` line per file not fully
// inspected, a `skipped` line per file left out, a `suppressed` line per suppression match, and last a
// `summary` line. The scan command writes each file's lines as soon as the file is done (fileLines) and the
// rest at the end (closingLines); rendering a finished report gives the same lines.

function line(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}

/** The lines of one scanned file: none for a clean file (clean files are only counted, as in every report). */
export function fileLines(file: FileResult): string[] {
  if (file.verdict === 'clean') return [];
  const counts = Object.fromEntries(
    CATEGORIES.filter((c) => file.counts[c] !== undefined).map((c) => [c, file.counts[c]]),
  );
  const lines = [
    line({
      type: 'file',
      path: file.path,
      verdict: file.verdict,
      records: file.records,
      size: file.size,
      inspection: file.inspection,
      encoding: file.encoding,
      counts,
      fingerprint: file.fingerprint,
      truncated: file.truncated,
    }),
  ];
  for (const f of file.findings) {
    lines.push(
      line({
        type: 'finding',
        path: file.path,
        verdict: file.verdict,
        category: f.category,
        ruleId: f.ruleId,
        severity: f.severity,
        line: f.line,
        column: f.column,
        confidence: f.confidence,
        excerpt: f.excerpt,
        value: f.value,
        reasons: f.reasons,
        testData: f.testData,
        fingerprint: f.fingerprint,
        fileFingerprint: file.fingerprint,
      }),
    );
  }
  return lines;
}

/** Every line after the files': errors, skipped files, suppressions, and the summary line last. */
export function closingLines(report: Report): string[] {
  return [
    ...report.errors.map((e) => line({ type: 'error', path: e.path, code: e.code, message: e.message })),
    ...report.skipped.map((s) => line({ type: 'skipped', path: s.path, reason: s.reason })),
    ...(report.suppressed ?? []).map((s) => line({ type: 'suppressed', ...s })),
    line({
      type: 'summary',
      tool: report.tool,
      rulePacks: report.rulePacks,
      fingerprints: report.fingerprints,
      roots: report.roots,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      suppressions: report.suppressions,
      summary: report.summary,
    }),
  ];
}

export const jsonlReporter: Reporter = {
  name: 'jsonl',
  render(report) {
    return [...jsonlPieces(report)].join('');
  },
  renderPieces: jsonlPieces,
};

/** A file's lines at a time: a report too large for one string is still written whole. */
function* jsonlPieces(report: Report): Generator<string> {
  for (const file of report.files) yield `${fileLines(file).join('\n')}\n`;
  yield `${closingLines(report).join('\n')}\n`;
}

import type { FileError, FileResult, Finding, SkippedFile } from '../model/finding.js';
import type {
  Report,
  RulePackInfo,
  Summary,
  SuppressedItem,
  SuppressionEntryInfo,
  SuppressionsStatus,
} from '../model/report.js';
import { CATEGORIES, VERDICTS } from '../model/vocabulary.js';
import { prettyJsonPieces } from './json-pieces.js';
import type { Reporter } from './reporter.js';

// The JSON report is a published interface (schema/report.schema.json), so its key order must not depend on
// how the engine happened to build each object. Each list below is the model's field order; `satisfies
// Record<keyof T, true>` makes a field added to the model without being added here a compile error.

const REPORT_KEYS = {
  schemaVersion: true,
  tool: true,
  rulePacks: true,
  fingerprints: true,
  roots: true,
  shard: true,
  startedAt: true,
  finishedAt: true,
  files: true,
  errors: true,
  skipped: true,
  stringsOnly: true,
  suppressed: true,
  suppressions: true,
  summary: true,
} as const satisfies Record<keyof Report, true>;
const TOOL_KEYS = { name: true, version: true } as const satisfies Record<keyof Report['tool'], true>;
const PACK_KEYS = { name: true, version: true, source: true } as const satisfies Record<
  keyof RulePackInfo,
  true
>;
const FILE_KEYS = {
  path: true,
  size: true,
  verdict: true,
  records: true,
  inspection: true,
  encoding: true,
  counts: true,
  fingerprint: true,
  findings: true,
  truncated: true,
} as const satisfies Record<keyof FileResult, true>;
const FINDING_KEYS = {
  category: true,
  ruleId: true,
  severity: true,
  line: true,
  column: true,
  confidence: true,
  excerpt: true,
  value: true,
  reasons: true,
  testData: true,
  fingerprint: true,
} as const satisfies Record<keyof Finding, true>;
const ERROR_KEYS = { path: true, code: true, message: true } as const satisfies Record<keyof FileError, true>;
const SKIPPED_KEYS = { path: true, reason: true } as const satisfies Record<keyof SkippedFile, true>;
const SUPPRESSED_KEYS = {
  path: true,
  kind: true,
  fingerprint: true,
  category: true,
  findings: true,
  reason: true,
  owner: true,
  expires: true,
  source: true,
} as const satisfies Record<keyof SuppressedItem, true>;
const SUPPRESSIONS_KEYS = {
  file: true,
  baseline: true,
  active: true,
  expired: true,
  unused: true,
} as const satisfies Record<keyof SuppressionsStatus, true>;
const ENTRY_KEYS = {
  fingerprint: true,
  path: true,
  reason: true,
  owner: true,
  expires: true,
  line: true,
} as const satisfies Record<keyof SuppressionEntryInfo, true>;
const SUMMARY_KEYS = {
  filesScanned: true,
  bytesScanned: true,
  verdicts: true,
  records: true,
  findings: true,
  byCategory: true,
  errors: true,
  skipped: true,
  complete: true,
  durationMs: true,
} as const satisfies Record<keyof Summary, true>;

/** Copies `value` with `keys` first, in their order; keys the list does not know follow, in their order. */
function ordered(value: object, keys: Record<string, true> | readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Array.isArray(keys) ? keys : Object.keys(keys)) {
    if (source[k] !== undefined) out[k] = source[k];
  }
  for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
  return out;
}

function orderFile(file: FileResult): Record<string, unknown> {
  return ordered(
    {
      ...file,
      counts: ordered(file.counts, CATEGORIES),
      findings: file.findings.map((f) => ordered(f, FINDING_KEYS)),
    },
    FILE_KEYS,
  );
}

/** The report with every object's keys in model order (category maps in CATEGORIES order). */
export function orderReport(report: Report): Record<string, unknown> {
  return ordered(
    {
      ...report,
      tool: ordered(report.tool, TOOL_KEYS),
      rulePacks: report.rulePacks.map((p) => ordered(p, PACK_KEYS)),
      files: Array.from(report.files, orderFile),
      errors: report.errors.map((e) => ordered(e, ERROR_KEYS)),
      skipped: report.skipped.map((s) => ordered(s, SKIPPED_KEYS)),
      suppressed: report.suppressed?.map((s) => ordered(s, SUPPRESSED_KEYS)),
      suppressions: report.suppressions && orderSuppressions(report.suppressions),
      summary: ordered(
        {
          ...report.summary,
          verdicts: ordered(report.summary.verdicts, VERDICTS),
          byCategory: ordered(report.summary.byCategory, CATEGORIES),
        },
        SUMMARY_KEYS,
      ),
    },
    REPORT_KEYS,
  );
}

function orderSuppressions(s: SuppressionsStatus): Record<string, unknown> {
  const entries = (list: SuppressionEntryInfo[]) => list.map((e) => ordered(e, ENTRY_KEYS));
  return ordered({ ...s, expired: entries(s.expired), unused: entries(s.unused) }, SUPPRESSIONS_KEYS);
}

export const jsonReporter: Reporter = {
  name: 'json',
  render(report) {
    return [...jsonPieces(report)].join('');
  },
  renderPieces: jsonPieces,
};

/**
 * The report as `JSON.stringify(…, null, 2)` prints it, each file its own piece: the whole report need never
 * be one string.
 */
function jsonPieces(report: Report): Generator<string> {
  return jsonPiecesOf(report, report.files);
}

/**
 * The same, with the files taken one at a time from `files` (in the order given; `head.files` is not read):
 * a report made of files that were never all in memory at once (`residue merge`).
 */
export function jsonPiecesOf(head: Omit<Report, 'files'>, files: Iterable<FileResult>): Generator<string> {
  return prettyJsonPieces(orderReport({ ...head, files: [] }), 'files', inModelOrder(files));
}

function* inModelOrder(files: Iterable<FileResult>): Generator<Record<string, unknown>> {
  for (const file of files) yield orderFile(file);
}

import { FILE_ERROR_CODES, type FileErrorCode } from '../model/errors.js';
import type { FileError, FileResult, Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { isOneOf, type Severity } from '../model/vocabulary.js';
import { CATEGORY_WORDS, maxSeverity, REMEDIATION } from './categories.js';
import { pathToUri, splitMember } from './paths.js';
import type { Reporter } from './reporter.js';
import { sanitize } from './sanitize.js';

// SARIF 2.1.0 (OASIS Standard with Errata 01), shaped for GitHub code scanning. One run; one rule per rule id
// seen; one result per finding. A finding inside an archive member or a document part (`a.zip!/b.csv`) is
// located on the file on disk (`a.zip`), which is what a repository holds and a viewer can open, at line 1;
// the member path and the line and column inside it are in the location's message and the result's
// properties. Files not fully inspected are tool execution notifications of the one invocation, which still
// counts as successful: the scan ran and reports what it could not read. Values never appear except as the
// excerpt, which is masked unless the scan was asked to show values in files (--show-values-in-files).

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Where a person reading an alert can find out about the tool (tool.driver.informationUri). */
export const INFORMATION_URI = 'https://www.npmjs.com/package/residue';

/** The partialFingerprints key holding the keyed (HMAC) finding fingerprint; versioned with its algorithm. */
export const FINGERPRINT_KEY = 'residueFingerprint/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub's security-severity scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** A file that could not be read at all is an error; one left partly or wholly unread by design, a warning. */
const NOT_INSPECTED_LEVEL: Record<FileErrorCode, 'error' | 'warning'> = {
  EACCES: 'error',
  ENOENT: 'error',
  EIO: 'error',
  READ_ERROR: 'error',
  WORKER_CRASH: 'error',
  INTERRUPTED: 'error',
  CHANGED: 'error',
  HOST_UNREACHABLE: 'error',
  AUTH_FAILED: 'error',
  CONNECTION_LOST: 'error',
  TIMEOUT: 'warning',
  TOO_LARGE: 'warning',
  ENCRYPTED: 'warning',
  CORRUPT: 'warning',
  LIMIT: 'warning',
  UNSUPPORTED: 'warning',
};

interface RuleSeen {
  id: string;
  finding: Finding;
  severity: Severity;
}

/** `uk.nhs-number` → `UkNhsNumber`: SARIF's rule `name`, readable and free of punctuation. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

function rulesSeen(report: Report): RuleSeen[] {
  const seen = new Map<string, RuleSeen>();
  for (const file of report.files) {
    for (const f of file.findings) {
      const rule = seen.get(f.ruleId);
      if (rule) rule.severity = maxSeverity(rule.severity, f.severity);
      else seen.set(f.ruleId, { id: f.ruleId, finding: f, severity: f.severity });
    }
  }
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function ruleDescriptor(rule: RuleSeen): Record<string, unknown> {
  const words = CATEGORY_WORDS[rule.finding.category];
  const text = `${words.description} ${REMEDIATION}`;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: `${words.label} found` },
    fullDescription: { text: words.description },
    help: {
      text,
      markdown: `**${words.label}** (\`${rule.finding.category}\`). ${text}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'personal-data', rule.finding.category],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      category: rule.finding.category,
    },
  };
}

function result(file: FileResult, f: Finding, ruleIndex: number): Record<string, unknown> {
  const { file: onDisk, member } = splitMember(file.path);
  const where = member === undefined ? '' : ` in ${sanitize(member)} (line ${f.line}, column ${f.column})`;
  const message = `${f.category}: ${sanitize(f.excerpt)}${where} (confidence ${f.confidence.toFixed(2)}, file verdict ${file.verdict})`;
  const location: Record<string, unknown> = {
    physicalLocation: {
      artifactLocation: { uri: pathToUri(onDisk) },
      region: member === undefined ? { startLine: f.line, startColumn: f.column } : { startLine: 1 },
    },
  };
  if (member !== undefined) {
    location.message = {
      text: `archive member or document part ${sanitize(member)}, line ${f.line}, column ${f.column}`,
    };
  }
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [location],
    ...(f.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint } } : {}),
    properties: {
      category: f.category,
      confidence: f.confidence,
      verdict: file.verdict,
      ...(member === undefined ? {} : { path: file.path, line: f.line, column: f.column }),
      ...(f.testData ? { testData: true } : {}),
    },
  };
}

function notification(e: FileError): Record<string, unknown> {
  const { file: onDisk } = splitMember(e.path);
  return {
    level: isOneOf(FILE_ERROR_CODES, e.code) ? NOT_INSPECTED_LEVEL[e.code] : 'error',
    // Extractor messages already say how far the file was read ("not fully inspected: …", "not scanned: …").
    message: {
      text: /^not /.test(e.message)
        ? `${sanitize(e.path)}: ${sanitize(e.message)}`
        : `not fully inspected: ${sanitize(e.path)}: ${sanitize(e.message)}`,
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(onDisk) } } }],
    properties: { path: e.path, code: e.code },
  };
}

/** Every result in report order, each built only when asked for: the whole list need never exist at once. */
function* results(report: Report, index: ReadonlyMap<string, number>): Generator<Record<string, unknown>> {
  for (const file of report.files) {
    for (const f of file.findings) yield result(file, f, index.get(f.ruleId) ?? -1);
  }
}

/** The SARIF log around `results`, which is the results array or a stand-in for it (see sarifPieces). */
function logAround(report: Report, rules: RuleSeen[], results: unknown): Record<string, unknown> {
  const s = report.summary;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.errors.map(notification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          roots: report.roots,
          rulePacks: report.rulePacks,
          ...(report.fingerprints ? { fingerprints: report.fingerprints } : {}),
          summary: {
            filesScanned: s.filesScanned,
            verdicts: s.verdicts,
            records: s.records,
            findings: s.findings,
            notInspected: s.errors,
            skipped: s.skipped,
            ...(report.suppressed ? { suppressed: report.suppressed.length } : {}),
            complete: s.complete,
          },
        },
      },
    ],
  };
}

function ruleIndex(rules: RuleSeen[]): Map<string, number> {
  return new Map(rules.map((r, i) => [r.id, i]));
}

/** The SARIF log as a plain object (exported for tests). */
export function sarifLog(report: Report): Record<string, unknown> {
  const rules = rulesSeen(report);
  return logAround(report, rules, [...results(report, ruleIndex(rules))]);
}

/** Stands in for the results array in the log's shell, to be replaced by the results one at a time. */
const RESULTS_SLOT = '\u0000results\u0000';
const SLOT_VALUE = JSON.stringify(RESULTS_SLOT);
/**
 * The key before the slot: of the one run, three levels deep (six spaces). The newline and indent make the
 * match unique, since JSON.stringify escapes every newline inside a string.
 */
const SLOT_KEY = '\n      "results": ';
/** A result, an element of that array, sits four levels deep. */
const RESULT_INDENT = '\n        ';

/**
 * The log as `JSON.stringify(sarifLog(report), null, 2)` prints it plus a newline, each result its own piece
 * and built only when its piece is: neither the results array nor the whole text need ever exist at once.
 */
function* sarifPieces(report: Report): Generator<string> {
  const rules = rulesSeen(report);
  const shell = JSON.stringify(logAround(report, rules, RESULTS_SLOT), null, 2);
  const slot = shell.indexOf(SLOT_KEY + SLOT_VALUE);
  if (slot < 0) throw new Error('sarif: the results slot is not where the shell should have it');
  const at = slot + SLOT_KEY.length;
  yield shell.slice(0, at);
  let first = true;
  for (const r of results(report, ruleIndex(rules))) {
    yield `${first ? '[' : ','}${RESULT_INDENT}${JSON.stringify(r, null, 2).replace(/\n/g, RESULT_INDENT)}`;
    first = false;
  }
  yield first ? '[]' : '\n      ]';
  yield `${shell.slice(at + SLOT_VALUE.length)}\n`;
}

export const sarifReporter: Reporter = {
  name: 'sarif',
  render(report) {
    return [...sarifPieces(report)].join('');
  },
  renderPieces: sarifPieces,
};

import type { FileResult, SkippedFile } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';

// A fabricated report: no real person's data. Excerpts are already masked, as the engine hands them over;
// the NHS excerpt comes from the 999 test range.

export function customersFile(): FileResult {
  return {
    path: 'exports/customers.csv',
    size: 1_048_576,
    verdict: 'personal-data',
    records: 412,
    inspection: 'text',
    encoding: 'utf-8',
    // Deliberately not in display order: the text reporter sorts by count, then vocabulary order.
    counts: { postcode: 410, 'date-of-birth': 412, 'person-name': 412 },
    findings: [
      finding('person-name', 2, 1, 0.9, 'J*** S****'),
      finding('date-of-birth', 2, 12, 0.875, '**/**/**84'),
      finding('postcode', 2, 23, 0.8, 'LS1 ***'),
      finding('person-name', 3, 1, 0.9, 'A** B*****'),
    ],
  };
}

export function appFile(): FileResult {
  return {
    path: 'src/app.js',
    size: 2048,
    verdict: 'contains-pii',
    records: 0,
    inspection: 'text',
    encoding: 'utf-8',
    counts: { 'nhs-number': 1 },
    findings: [{ ...finding('nhs-number', 12, 5, 0.95, '999 *** **19'), severity: 'high', testData: true }],
  };
}

export function letterFile(): FileResult {
  return {
    path: 'archive/letter.bin',
    size: 524_288,
    verdict: 'personal-data',
    records: 1,
    inspection: 'strings',
    encoding: 'binary',
    counts: { 'person-name': 1, 'email-address': 1, 'date-of-birth': 1 },
    findings: [
      finding('person-name', 1, 9, 0.7, 'M**** J****'),
      finding('email-address', 1, 30, 0.85, 'm***@e***.test'),
      finding('date-of-birth', 2, 1, 0.6, '**/**/**91'),
    ],
  };
}

function finding(
  category: FileResult['findings'][number]['category'],
  line: number,
  column: number,
  confidence: number,
  excerpt: string,
) {
  return {
    category,
    ruleId: `uk.${category}`,
    severity: 'medium' as const,
    line,
    column,
    confidence,
    excerpt,
    reasons: ['pattern'],
  };
}

export function skippedFiles(n: number): SkippedFile[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `vendor/lib${String(i).padStart(2, '0')}.min.js`,
    reason: 'excluded by .residueignore',
  }));
}

/** Files out of order on purpose (the text reporter sorts them); summary counts add up. */
export function sampleReport(): Report<FileResult[]> {
  return {
    schemaVersion: 1,
    tool: { name: 'residue', version: '0.1.0' },
    rulePacks: [
      { name: 'uk-identifiers', version: '1.0.0', source: 'builtin:uk-identifiers' },
      { name: 'uk-people', version: '1.2.0', source: 'builtin:uk-people' },
    ],
    roots: ['.'],
    startedAt: '2024-05-01T09:00:00.000Z',
    finishedAt: '2024-05-01T09:00:01.234Z',
    files: [appFile(), customersFile(), letterFile()],
    errors: [{ path: 'locked/db.sqlite', code: 'EACCES', message: 'permission denied' }],
    skipped: skippedFiles(23),
    summary: {
      filesScanned: 57,
      bytesScanned: 1_574_912,
      verdicts: { clean: 54, 'contains-pii': 1, 'personal-data': 2 },
      records: 413,
      findings: 1238,
      byCategory: {
        'date-of-birth': 413,
        'email-address': 1,
        'nhs-number': 1,
        'person-name': 413,
        postcode: 410,
      },
      errors: 1,
      skipped: 23,
      complete: false,
      durationMs: 1234,
    },
  };
}

/** A report of a clean tree: nothing listed, nothing incomplete. */
export function cleanReport(): Report<FileResult[]> {
  return {
    ...sampleReport(),
    rulePacks: [],
    files: [],
    errors: [],
    skipped: [],
    summary: {
      filesScanned: 3,
      bytesScanned: 900,
      verdicts: { clean: 3, 'contains-pii': 0, 'personal-data': 0 },
      records: 0,
      findings: 0,
      byCategory: {},
      errors: 0,
      skipped: 0,
      complete: true,
      durationMs: 42,
    },
  };
}

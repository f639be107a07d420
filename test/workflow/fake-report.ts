import type { FileResult, Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import type { Category, Verdict } from '../../src/model/vocabulary.js';

// Fabricated reports for the pure workflow functions: fingerprints are made-up hex, excerpts masked.

export const KEY_ID = 'a'.repeat(32);

/** A 32-hex fingerprint from a short label, so tests read as `fp('dob1')`. */
export function fp(label: string): string {
  return Buffer.from(label).toString('hex').padEnd(32, '0').slice(0, 32);
}

export function finding(category: Category, print: string | undefined, line = 1): Finding {
  return {
    category,
    ruleId: `uk.${category}`,
    severity: 'medium',
    line,
    column: 1,
    confidence: 0.9,
    excerpt: '***',
    reasons: ['pattern'],
    ...(print ? { fingerprint: fp(print) } : {}),
  };
}

export function fileResult(
  path: string,
  content: string | undefined,
  findings: Finding[],
  verdict: Verdict,
  records: number,
  extra: Partial<FileResult> = {},
): FileResult {
  const counts: Partial<Record<Category, number>> = {};
  for (const f of findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
  return {
    path,
    size: 100,
    verdict,
    records,
    inspection: 'text',
    encoding: 'utf-8',
    counts,
    findings,
    ...(content ? { fingerprint: fp(content) } : {}),
    ...extra,
  };
}

/** A person row: name, date of birth, postcode (`personal-data` material). */
export function personRow(id: string, line: number): Finding[] {
  return [
    finding('person-name', `name-${id}`, line),
    finding('date-of-birth', `dob-${id}`, line),
    finding('postcode', `pc-${id}`, line),
  ];
}

export function report(
  files: FileResult[],
  extra: Partial<Report<FileResult[]>> = {},
  filesScanned = 10,
): Report<FileResult[]> {
  const listed = files.filter((f) => f.verdict !== 'clean');
  return {
    schemaVersion: 1,
    tool: { name: 'residue', version: '0.1.0' },
    rulePacks: [],
    fingerprints: { algorithm: 'hmac-sha256-128', keyId: KEY_ID },
    roots: ['srv'],
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    files: listed,
    errors: [],
    skipped: [],
    summary: {
      filesScanned,
      bytesScanned: 1000,
      verdicts: {
        clean: filesScanned - listed.length,
        'contains-pii': listed.filter((f) => f.verdict === 'contains-pii').length,
        'personal-data': listed.filter((f) => f.verdict === 'personal-data').length,
      },
      records: listed.reduce((n, f) => n + f.records, 0),
      findings: listed.reduce((n, f) => n + f.findings.length, 0),
      byCategory: {},
      errors: 0,
      skipped: 0,
      complete: true,
      durationMs: 1,
    },
    ...extra,
  };
}

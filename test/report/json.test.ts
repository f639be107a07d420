import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { jsonReporter, orderReport } from '../../src/report/json.js';
import { DEFAULT_RENDER_OPTIONS, renderPieces } from '../../src/report/reporter.js';
import { sampleReport } from './report-fixture.js';
import { schemaErrors } from './report-schema.js';

const OPTIONS = { color: true, maxExcerptsPerFile: 1, explain: false };

/** The same report with every object's keys reversed, as a differently written engine might build it. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

describe('json reporter', () => {
  it('renders the whole report, indented by two spaces, ending in a newline, ignoring text options', () => {
    const report = sampleReport();
    const out = jsonReporter.render(report, OPTIONS);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n').slice(0, 3)).toEqual(['{', '  "schemaVersion": 1,', '  "tool": {']);
    expect(JSON.parse(out)).toEqual(report);
    expect(out).not.toContain('\u001b');
    expect(schemaErrors(JSON.parse(out))).toEqual([]);
  });

  it('writes keys in model order whatever order the objects were built in', () => {
    const out = jsonReporter.render(reversedKeys(sampleReport()), OPTIONS);
    expect(out).toBe(jsonReporter.render(sampleReport(), OPTIONS));
    const parsed = JSON.parse(out) as Report;
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'rulePacks',
      'roots',
      'startedAt',
      'finishedAt',
      'files',
      'errors',
      'skipped',
      'summary',
    ]);
    expect(Object.keys([...parsed.files][0] ?? {})).toEqual([
      'path',
      'size',
      'verdict',
      'records',
      'inspection',
      'encoding',
      'counts',
      'findings',
    ]);
    expect(Object.keys(parsed.summary.verdicts)).toEqual(['clean', 'contains-pii', 'personal-data']);
  });

  it('orders category maps by the vocabulary', () => {
    const parsed = JSON.parse(jsonReporter.render(sampleReport(), OPTIONS)) as Report;
    const customers = [...parsed.files].find((f) => f.path === 'exports/customers.csv');
    expect(Object.keys(customers?.counts ?? {})).toEqual(['person-name', 'date-of-birth', 'postcode']);
    expect(Object.keys(parsed.summary.byCategory)).toEqual([
      'person-name',
      'date-of-birth',
      'postcode',
      'email-address',
      'nhs-number',
    ]);
  });

  it('keeps optional finding fields in place and omits absent ones', () => {
    const report = sampleReport();
    const file = report.files[0];
    if (!file) throw new Error('fixture has files');
    file.truncated = true;
    file.findings = [{ ...(file.findings[0] as (typeof file.findings)[number]), value: '9990000019' }];
    const parsed = JSON.parse(jsonReporter.render(reversedKeys(report), OPTIONS)) as Report;
    expect(Object.keys([...parsed.files][0]?.findings[0] ?? {})).toEqual([
      'category',
      'ruleId',
      'severity',
      'line',
      'column',
      'confidence',
      'excerpt',
      'value',
      'reasons',
      'testData',
    ]);
    expect(Object.keys([...parsed.files][0] ?? {}).at(-1)).toBe('truncated');
    expect(Object.keys([...parsed.files][1]?.findings[0] ?? {})).not.toContain('value');
  });

  it('keeps a field the model does not know (after the known ones) so schema validation can flag it', () => {
    const report = { ...sampleReport(), surprise: 1 } as Report;
    const parsed = JSON.parse(jsonReporter.render(report, OPTIONS)) as Record<string, unknown>;
    expect(Object.keys(parsed).at(-1)).toBe('surprise');
    expect(schemaErrors(parsed)).toContain('/ must NOT have additional properties');
  });
});

describe('json reporter in pieces (reports larger than one string can be)', () => {
  it('gives one piece per file, and the pieces joined are JSON.stringify of the ordered report', () => {
    const report = sampleReport();
    const pieces = [...renderPieces(jsonReporter, report, DEFAULT_RENDER_OPTIONS)];
    expect(pieces).toHaveLength(report.files.length + 3);
    expect(pieces.join('')).toBe(`${JSON.stringify(orderReport(report), null, 2)}\n`);
    expect(jsonReporter.render(report, DEFAULT_RENDER_OPTIONS)).toBe(pieces.join(''));
  });

  it('prints an empty files list as []', () => {
    const report = { ...sampleReport(), files: [] };
    const text = [...renderPieces(jsonReporter, report, DEFAULT_RENDER_OPTIONS)].join('');
    expect(text).toBe(`${JSON.stringify(orderReport(report), null, 2)}\n`);
    expect(text).toContain('"files": [],');
  });
});

import { describe, expect, it } from 'vitest';
import { recountSummary, withoutFindings } from '../../src/workflow/recount.js';
import { fileResult, finding, personRow, report } from './fake-report.js';

describe('withoutFindings: the verdict follows what is left, and never goes up', () => {
  const people = fileResult(
    'export.csv',
    'c1',
    [...personRow('a', 2), ...personRow('b', 3)],
    'personal-data',
    2,
  );

  it('leaves the file untouched when nothing is dropped', () => {
    expect(withoutFindings(people, new Set())).toBe(people);
  });

  it('is clean with no records when every finding is dropped', () => {
    const out = withoutFindings(people, new Set([0, 1, 2, 3, 4, 5]));
    expect([out.verdict, out.records, out.counts, out.findings]).toEqual(['clean', 0, {}, []]);
  });

  it('is contains-pii with 0 records when what is left cannot link (no person category)', () => {
    // Names and dates of birth dropped: two postcodes left, one category group, no anchor.
    const out = withoutFindings(people, new Set([0, 1, 3, 4]));
    expect([out.verdict, out.records, out.counts]).toEqual(['contains-pii', 0, { postcode: 2 }]);
    expect(out.findings.map((f) => f.line)).toEqual([2, 3]);
  });

  it('is contains-pii when only one category group is left, even a person category', () => {
    const out = withoutFindings(people, new Set([1, 2, 4, 5]));
    expect([out.verdict, out.records, out.counts]).toEqual(['contains-pii', 0, { 'person-name': 2 }]);
  });

  it('keeps the scanned verdict and records (an upper bound) while the rest can still link', () => {
    const out = withoutFindings(people, new Set([1]));
    expect([out.verdict, out.records]).toEqual(['personal-data', 2]);
    expect(out.counts).toEqual({ 'person-name': 2, 'date-of-birth': 1, postcode: 2 });
  });

  it('never raises a contains-pii file', () => {
    const pii = fileResult(
      'app.js',
      'c2',
      [finding('email-address', 'e1'), finding('person-name', 'n1')],
      'contains-pii',
      0,
    );
    expect(withoutFindings(pii, new Set([0])).verdict).toBe('contains-pii');
  });

  it('keeps counts of findings past the cap: a truncated file keeps what could not be matched', () => {
    const capped = {
      ...fileResult('big.csv', 'c3', personRow('a', 2), 'personal-data', 500, { truncated: true }),
      counts: { 'person-name': 500, 'date-of-birth': 500, postcode: 500 },
    };
    const out = withoutFindings(capped, new Set([0, 1, 2]));
    expect([out.verdict, out.records, out.truncated]).toEqual(['personal-data', 500, true]);
    expect(out.counts).toEqual({ 'person-name': 499, 'date-of-birth': 499, postcode: 499 });
    expect(out.findings).toEqual([]);
  });
});

describe('recountSummary', () => {
  it('counts the listed files again; files that left the list count as clean', () => {
    const a = fileResult('a.csv', 'c1', personRow('a', 1), 'personal-data', 1);
    const b = fileResult('b.txt', 'c2', [finding('phone-number', 'p1')], 'contains-pii', 0);
    const before = report(
      [a, b, fileResult('c.txt', 'c3', [finding('email-address', 'e')], 'contains-pii', 0)],
      {},
      7,
    );
    const summary = recountSummary([a, b], before.summary);
    expect(summary).toEqual({
      ...before.summary,
      verdicts: { clean: 5, 'contains-pii': 1, 'personal-data': 1 },
      records: 1,
      findings: 4,
      byCategory: { 'date-of-birth': 1, 'person-name': 1, 'phone-number': 1, postcode: 1 },
    });
  });
});

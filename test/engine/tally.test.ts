import { describe, expect, it } from 'vitest';
import { ResultTally } from '../../src/engine/tally.js';
import type { FileResult, Finding } from '../../src/model/finding.js';

const finding = (): Finding => ({
  category: 'email-address',
  ruleId: 'uk.email-address',
  severity: 'medium',
  line: 1,
  column: 1,
  confidence: 0.9,
  excerpt: 'j***@example.com',
  // A fresh copy each time, as a worker's answer arrives.
  reasons: ['pattern matched (base 0.6)', 'validated: email-address'].map((r) => `${r}`),
});

const result = (path: string, over: Partial<FileResult> = {}): FileResult => ({
  path,
  size: 100,
  verdict: 'clean',
  records: 0,
  inspection: 'text',
  encoding: 'utf-8',
  counts: {},
  findings: [],
  ...over,
});

describe('ResultTally', () => {
  it('counts every file but keeps only those the report lists', () => {
    const tally = new ResultTally({ roots: [] });
    tally.add(result('a.txt'));
    tally.add(result('b.bin', { inspection: 'strings', size: 50 }));
    tally.add(
      result('c.csv', {
        verdict: 'personal-data',
        records: 3,
        counts: { 'email-address': 2, 'person-name': 1 },
        findings: [finding(), finding()],
      }),
    );
    tally.add(
      result('d.log', { verdict: 'contains-pii', counts: { 'email-address': 1 }, findings: [finding()] }),
    );
    expect([...tally.listed()].map((r) => r.path)).toEqual(['c.csv', 'd.log']);
    expect(tally.stringsOnly).toEqual(['b.bin']);
    expect(tally.counts()).toEqual({
      filesScanned: 4,
      bytesScanned: 350,
      verdicts: { clean: 2, 'contains-pii': 1, 'personal-data': 1 },
      records: 3,
      findings: 4,
    });
    expect(tally.byCategory).toEqual({ 'email-address': 3, 'person-name': 1 });
  });

  it('gives the listed files in path order, whatever order they completed in, with counts in key order', () => {
    const tally = new ResultTally({ roots: [] });
    for (const path of ['m.csv', 'b.csv', 'z.csv', 'a.csv']) {
      tally.add(
        result(path, {
          verdict: 'contains-pii',
          counts: { 'person-name': 1, 'email-address': 1 },
          findings: [finding()],
        }),
      );
    }
    const listed = [...tally.listed()];
    expect(listed.map((r) => r.path)).toEqual(['a.csv', 'b.csv', 'm.csv', 'z.csv']);
    expect(Object.keys(listed[0]?.counts ?? {})).toEqual(['email-address', 'person-name']);
    expect(listed[0]?.findings).toEqual([finding()]);
  });
});

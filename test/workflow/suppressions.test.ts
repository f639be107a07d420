import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import { baselineOf } from '../../src/workflow/baseline.js';
import {
  applySuppressions,
  hasStaleSuppressions,
  isCalendarDate,
  loadSuppressions,
  type SuppressionEntry,
  utcToday,
} from '../../src/workflow/suppressions.js';
import { workDir } from '../helpers/workflow-trees.js';
import { fileResult, finding, fp, personRow, report } from './fake-report.js';

function entry(print: string, extra: Partial<SuppressionEntry> = {}, line = 2): SuppressionEntry {
  return {
    fingerprint: fp(print),
    reason: 'r',
    owner: 'o',
    expires: '2025-06-30',
    line,
    column: 5,
    ...extra,
  };
}

const people = fileResult(
  'exports/a.csv',
  'content-a',
  [...personRow('a', 2), ...personRow('b', 3)],
  'personal-data',
  2,
);
const app = fileResult('src/app.js', 'content-app', [finding('email-address', 'mail')], 'contains-pii', 0);
const scan = report([people, app]);

describe('applySuppressions', () => {
  it('suppresses through the expiry day (UTC) and not after it', () => {
    const suppressions = { file: 's.yaml', entries: [entry('content-app')] };
    const onTheDay = applySuppressions(scan, { suppressions, today: '2025-06-30' });
    expect([...onTheDay.files].map((f) => f.path)).toEqual(['exports/a.csv']);
    expect(onTheDay.suppressions).toEqual({ file: 's.yaml', active: 1, expired: [], unused: [] });
    const dayAfter = applySuppressions(scan, { suppressions, today: '2025-07-01' });
    expect([...dayAfter.files].map((f) => f.path)).toEqual(['exports/a.csv', 'src/app.js']);
    expect(dayAfter.suppressed).toEqual([]);
    expect(dayAfter.suppressions?.expired).toEqual([
      { fingerprint: fp('content-app'), reason: 'r', owner: 'o', expires: '2025-06-30', line: 2 },
    ]);
    expect(hasStaleSuppressions(dayAfter)).toBe(true);
    expect(hasStaleSuppressions(onTheDay)).toBe(false);
  });

  it('matches a path glob against report paths, and the first matching entry wins', () => {
    const suppressions = {
      file: 's.yaml',
      entries: [
        entry('mail', { path: 'exports/**', reason: 'wrong place' }, 2),
        entry('mail', { path: 'src/*.js', reason: 'maintainer' }, 7),
        entry('mail', { reason: 'anywhere' }, 12),
      ],
    };
    const out = applySuppressions(scan, { suppressions, today: '2025-01-01' });
    expect(out.suppressed).toEqual([
      {
        path: 'src/app.js',
        kind: 'finding',
        fingerprint: fp('mail'),
        category: 'email-address',
        findings: 1,
        reason: 'maintainer',
        owner: 'o',
        expires: '2025-06-30',
        source: 'suppressions',
      },
    ]);
    expect(out.suppressions?.unused.map((e) => e.line)).toEqual([2, 12]);
    expect(out.summary.verdicts).toEqual({ clean: 9, 'contains-pii': 0, 'personal-data': 1 });
  });

  it('counts a value suppressed several times in one file once, with how many findings it removed', () => {
    const repeated = fileResult(
      'log.txt',
      'content-log',
      [
        finding('phone-number', 'tel', 1),
        finding('phone-number', 'tel', 9),
        finding('phone-number', 'other', 12),
      ],
      'contains-pii',
      0,
    );
    const out = applySuppressions(report([repeated]), {
      suppressions: { file: 's.yaml', entries: [entry('tel')] },
      today: '2025-01-01',
    });
    expect(out.suppressed?.map((s) => [s.fingerprint, s.findings])).toEqual([[fp('tel'), 2]]);
    expect([...out.files][0]?.counts).toEqual({ 'phone-number': 1 });
    expect(out.summary.findings).toBe(1);
  });

  it('a baseline suppresses known files anywhere and known values in changed files; new values stay', () => {
    const baseline = baselineOf(scan, 'base.json');
    const moved = { ...people, path: 'tmp/copy.csv' };
    const edited = fileResult(
      'exports/a.csv',
      'content-a2',
      [...personRow('a', 2), ...personRow('new', 3)],
      'personal-data',
      2,
    );
    const out = applySuppressions(report([edited, moved]), { baseline, today: '2025-01-01' });
    expect([...out.files].map((f) => [f.path, f.verdict, f.records, f.findings.length])).toEqual([
      ['exports/a.csv', 'personal-data', 2, 3],
    ]);
    expect(out.suppressed?.map((s) => [s.path, s.kind, s.source, s.owner])).toEqual([
      ['exports/a.csv', 'finding', 'baseline', undefined],
      ['exports/a.csv', 'finding', 'baseline', undefined],
      ['exports/a.csv', 'finding', 'baseline', undefined],
      ['tmp/copy.csv', 'file', 'baseline', undefined],
    ]);
    expect(out.suppressions).toEqual({ baseline: 'base.json', active: 0, expired: [], unused: [] });
  });

  it('a baseline built from a suppressed report still knows what that report suppressed', () => {
    const first = applySuppressions(scan, {
      suppressions: { file: 's.yaml', entries: [entry('content-app')] },
      today: '2025-01-01',
    });
    const out = applySuppressions(scan, { baseline: baselineOf(first, 'b.json'), today: '2025-01-01' });
    expect(out.files).toEqual([]);
  });

  it('does not touch the report it is given', () => {
    const copy = structuredClone(scan);
    applySuppressions(scan, { suppressions: { file: 's', entries: [entry('name-a')] }, today: '2025-01-01' });
    expect(scan).toEqual(copy);
  });

  it('utcToday is the UTC date', () => {
    expect(utcToday(new Date('2025-03-31T23:30:00-01:00'))).toBe('2025-04-01');
  });
});

describe('loadSuppressions', () => {
  const dir = workDir('suppressions-file');

  it('reads entries with their line, lower-cases fingerprints and keeps digit-only ones as written', () => {
    const path = join(dir, 'ok.yaml');
    writeFileSync(
      path,
      [
        '# owned by the data-protection team',
        'suppressions:',
        `  - fingerprint: ${'AB'.repeat(16)}`,
        '    path: "test/**"',
        '    reason: synthetic fixtures',
        '    owner: dpo',
        '    expires: 2026-01-31',
        `  - fingerprint: ${'0'.repeat(32)}`,
        "    reason: 'all zeros'",
        '    owner: dpo',
        "    expires: '2026-02-28'",
        '',
      ].join('\n'),
    );
    expect(loadSuppressions(path)).toEqual({
      file: path,
      entries: [
        {
          fingerprint: 'ab'.repeat(16),
          path: 'test/**',
          reason: 'synthetic fixtures',
          owner: 'dpo',
          expires: '2026-01-31',
          line: 3,
          column: 5,
        },
        {
          fingerprint: '0'.repeat(32),
          reason: 'all zeros',
          owner: 'dpo',
          expires: '2026-02-28',
          line: 8,
          column: 5,
        },
      ],
    });
  });

  it('accepts an empty list', () => {
    const path = join(dir, 'empty.yaml');
    writeFileSync(path, 'suppressions: []\n');
    expect(loadSuppressions(path).entries).toEqual([]);
  });

  it.each([
    ['suppressions:\n  - fingerprint: x\n', 2, 18],
    ['suppressions: {}\n', 1, 15],
    ['other: 1\n', 1, 1],
    ['suppressions:\n  - just a string\n', 2, 5],
    [
      `suppressions:\n  - fingerprint: ${'a'.repeat(32)}\n    reason: r\n    owner: [o]\n    expires: 2026-01-01\n`,
      4,
      12,
    ],
  ])('rejects %j at %i:%i', (yaml, line, column) => {
    const path = join(dir, `bad-${line}-${column}.yaml`);
    writeFileSync(path, yaml);
    try {
      loadSuppressions(path);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ResidueError);
      expect((e as ResidueError).code).toBe('SUPPRESSIONS');
      expect((e as ResidueError).position).toEqual({ file: path, line, column });
    }
  });

  it('knows calendar dates', () => {
    expect(['2024-02-29', '2025-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

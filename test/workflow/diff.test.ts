import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import { diffReports } from '../../src/workflow/diff.js';
import { renderDiffJson, renderDiffText } from '../../src/workflow/diff-render.js';
import { fileResult, finding, personRow, report } from './fake-report.js';

const rows = (...ids: string[]) => ids.flatMap((id, i) => personRow(id, i + 2));

describe('diffReports', () => {
  it('same content with different findings is changed, with a note about rules', () => {
    const before = report([fileResult('a.csv', 'c1', rows('a', 'b'), 'personal-data', 2)]);
    const after = report([
      fileResult('a.csv', 'c1', [...rows('a', 'b'), finding('phone-number', 'tel')], 'personal-data', 2),
    ]);
    const d = diffReports(before, 'b.json', after, 'a.json');
    expect(d.files).toEqual([
      {
        path: 'a.csv',
        status: 'changed',
        appeared: false,
        before: {
          verdict: 'personal-data',
          records: 2,
          counts: { 'person-name': 2, 'date-of-birth': 2, postcode: 2 },
        },
        after: {
          verdict: 'personal-data',
          records: 2,
          counts: { 'person-name': 2, 'date-of-birth': 2, postcode: 2, 'phone-number': 1 },
        },
        added: { 'phone-number': 1 },
        removed: {},
        notes: ['same content, different findings: the scans used different rules or options'],
      },
    ]);
  });

  it('lists counts in category order whatever order a report gave them in', () => {
    const before = report([]);
    const after = report([
      fileResult('n.csv', 'c1', [finding('postcode', 'p'), finding('person-name', 'n')], 'contains-pii', 0),
    ]);
    const [entry] = diffReports(before, 'b', after, 'a').files;
    expect(Object.keys(entry?.after?.counts ?? {})).toEqual(['person-name', 'postcode']);
    expect(Object.keys(entry?.added ?? {})).toEqual(['person-name', 'postcode']);
    expect(entry?.removed).toEqual({});
  });

  it('a verdict going up is personal data appearing, even with no more records', () => {
    const before = report([fileResult('log.txt', 'c1', [finding('email-address', 'e1')], 'contains-pii', 0)]);
    const after = report([fileResult('log.txt', 'c2', rows('x'), 'personal-data', 0)]);
    expect(diffReports(before, 'b', after, 'a').files[0]).toMatchObject({
      status: 'changed',
      appeared: true,
    });
  });

  it('a copy whose original could not be read in AFTER is a copy, not a move', () => {
    const original = fileResult('db/x.csv', 'c1', rows('a', 'b'), 'personal-data', 2);
    const before = report([original]);
    const after = report([{ ...original, path: 'tmp/x.csv' }], {
      errors: [{ path: 'db/x.csv', code: 'EACCES', message: 'permission denied' }],
    });
    const d = diffReports(before, 'b', after, 'a');
    expect(d.files.map((f) => [f.status, f.path, f.from])).toEqual([
      ['copy', 'tmp/x.csv', 'db/x.csv'],
      ['unread', 'db/x.csv', undefined],
    ]);
    expect(d.summary).toMatchObject({ copy: 1, gone: 0, unread: 1, appeared: true, complete: false });
  });

  it('an archive that failed in AFTER makes its members unread, not gone', () => {
    const member = fileResult('backup.zip!/x.csv', 'c1', rows('a', 'b'), 'personal-data', 2);
    const after = report([], { errors: [{ path: 'backup.zip', code: 'CORRUPT', message: 'corrupt' }] });
    const d = diffReports(report([member]), 'b', after, 'a');
    expect(d.files.map((f) => [f.status, f.path])).toEqual([['unread', 'backup.zip!/x.csv']]);
  });

  it('files without fingerprints are never matched by content; empty finding sets never match', () => {
    const before = report([
      fileResult('a.csv', undefined, [finding('postcode', undefined)], 'contains-pii', 0),
    ]);
    const after = report([
      fileResult('b.csv', undefined, [finding('postcode', undefined)], 'contains-pii', 0),
    ]);
    const d = diffReports(before, 'b', after, 'a');
    expect(d.files.map((f) => [f.status, f.path])).toEqual([
      ['new', 'b.csv'],
      ['gone', 'a.csv'],
    ]);
  });

  it('a partial copy of values held by several BEFORE files names the first, by path, that holds them all', () => {
    // a, b in z/1.csv and y/2.csv; a alone also in x/0.csv: only the two hold both, y/2.csv first.
    const before = report([
      fileResult('x/0.csv', 'c0', rows('a'), 'personal-data', 1),
      fileResult('y/2.csv', 'c2', rows('a', 'b', 'c'), 'personal-data', 3),
      fileResult('z/1.csv', 'c1', rows('a', 'b', 'd'), 'personal-data', 3),
    ]);
    const after = report([
      ...before.files,
      fileResult('tmp/part.csv', 'c9', rows('a', 'b'), 'personal-data', 2),
    ]);
    const d = diffReports(before, 'b', after, 'a');
    expect(d.files.find((f) => f.path === 'tmp/part.csv')?.notes).toEqual([
      'every value in it was already in y/2.csv in BEFORE: a partial copy?',
    ]);
  });

  it('a partial copy (a subset of the findings) is new, with a note naming where its values were', () => {
    const before = report([fileResult('db/x.csv', 'c1', rows('a', 'b', 'c'), 'personal-data', 3)]);
    const after = report([
      fileResult('db/x.csv', 'c1', rows('a', 'b', 'c'), 'personal-data', 3),
      fileResult('tmp/part.csv', 'c9', rows('a', 'b'), 'personal-data', 2),
    ]);
    const d = diffReports(before, 'b', after, 'a');
    expect(d.files.map((f) => [f.status, f.path])).toEqual([
      ['new', 'tmp/part.csv'],
      ['unchanged', 'db/x.csv'],
    ]);
    expect(d.files[0]?.added).toEqual({ 'person-name': 2, 'date-of-birth': 2, postcode: 2 });
    expect(d.files[0]?.notes).toEqual([
      'every value in it was already in db/x.csv in BEFORE: a partial copy?',
    ]);
  });

  it('a file with a finding that has no fingerprint is not called a partial copy: that value is unknown', () => {
    const before = report([fileResult('db/x.csv', 'c1', rows('a', 'b', 'c'), 'personal-data', 3)]);
    const part = fileResult(
      'tmp/part.csv',
      'c9',
      [...rows('a'), finding('phone-number', undefined)],
      'personal-data',
      1,
    );
    const d = diffReports(before, 'b', report([part]), 'a');
    expect(d.files.map((f) => [f.status, f.path, f.notes])).toEqual([
      ['new', 'tmp/part.csv', []],
      ['gone', 'db/x.csv', []],
    ]);
    // The printed values are counted; the unprinted one cannot be.
    expect(d.files[0]?.added).toEqual({ 'person-name': 1, 'date-of-birth': 1, postcode: 1 });
  });

  it('refuses reports without a key id or with different ones', () => {
    const r = report([]);
    const other = { ...r, fingerprints: { algorithm: 'hmac-sha256-128', keyId: 'b'.repeat(32) } };
    const { fingerprints: _, ...noKey } = r;
    expect(() => diffReports(r, 'b', other, 'a')).toThrow(ResidueError);
    const codes = [
      [r, other],
      [noKey, r],
      [r, noKey],
    ].map(([x, y]) => {
      try {
        diffReports(x as typeof r, 'x', y as typeof r, 'y');
        return 'none';
      } catch (e) {
        return (e as ResidueError).code;
      }
    });
    expect(codes).toEqual(['REPORT_KEY_MISMATCH', 'REPORT_NO_KEY', 'REPORT_NO_KEY']);
  });
});

describe('diff renderers', () => {
  const before = report([fileResult('db/x.csv', 'c1', rows('a'), 'personal-data', 1)]);
  const after = report([fileResult('new\u001b[2J.csv', 'c7', rows('z'), 'personal-data', 1)]);
  const d = diffReports(before, 'before.json', after, 'after.json');

  it('JSON has the documented keys in order', () => {
    const json = JSON.parse(renderDiffJson(d)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'diffVersion',
      'keyId',
      'before',
      'after',
      'files',
      'incomplete',
      'summary',
    ]);
    expect(Object.keys((json.files as object[])[0] as object)).toEqual([
      'path',
      'status',
      'appeared',
      'before',
      'after',
      'added',
      'removed',
      'notes',
    ]);
    expect(Object.keys(json.summary as object)).toEqual([
      'new',
      'copy',
      'move',
      'changed',
      'unread',
      'gone',
      'unchanged',
      'appeared',
      'complete',
    ]);
  });

  it('text escapes control characters in paths', () => {
    const text = renderDiffText(d, { color: false });
    expect(text).toContain('  + new\\x1b[2J.csv  personal-data, 1 record\n');
    expect(text).not.toContain('\u001b');
  });
});

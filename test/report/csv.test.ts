import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/model/finding.js';
import { CSV_COLUMNS, csvCell, csvReporter } from '../../src/report/csv.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { RAW_VALUES, rawValuesIn, scanDemo } from './demo-scan.js';
import { cleanReport, sampleReport } from './report-fixture.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything else throws. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      const stop = end < 0 ? text.length : i + end;
      if (text[stop] === '"') throw new Error(`bare quote at ${stop}`);
      field = text.slice(i, stop);
      i = stop;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}`);
  }
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...CSV_COLUMNS]);
  for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  return rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] as string])));
}

describe('csv reporter', () => {
  it('writes a header, one row per finding, then one row per file not inspected, CRLF-terminated', () => {
    const report = sampleReport();
    const out = csvReporter.render(report, DEFAULT_RENDER_OPTIONS);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = records(out);
    const findings = report.files.flatMap((f) => f.findings);
    expect(rows).toHaveLength(findings.length + 1);
    expect(rows[0]).toEqual({
      path: 'src/app.js',
      verdict: 'contains-pii',
      category: 'nhs-number',
      ruleId: 'uk.nhs-number',
      severity: 'high',
      line: '12',
      column: '5',
      confidence: '0.95',
      excerpt: '999 *** **19',
      fingerprint: '',
      status: 'finding',
      reason: '',
    });
    expect(rows.at(-1)).toEqual({
      path: 'locked/db.sqlite',
      verdict: '',
      category: '',
      ruleId: '',
      severity: '',
      line: '',
      column: '',
      confidence: '',
      excerpt: '',
      fingerprint: '',
      status: 'not-inspected',
      reason: 'permission denied (EACCES)',
    });
  });

  it('carries the keyed fingerprint of each finding', () => {
    const report = sampleReport();
    const file = report.files[0] as FileResult;
    (file.findings[0] as Finding).fingerprint = 'c'.repeat(32);
    expect(records(csvReporter.render(report, DEFAULT_RENDER_OPTIONS))[0]?.fingerprint).toBe('c'.repeat(32));
  });

  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`)).toBe(start === '\r' ? `"'\r1"` : `'${start}1`);
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(undefined)).toBe('');
  });

  it('round-trips hostile paths and excerpts through a strict parser', () => {
    const report = sampleReport();
    const file = { ...(report.files[0] as FileResult), path: '=cmd|"/c calc"!A1,\r\nx.csv' };
    (file.findings[0] as Finding).excerpt = '+44 7*** ***123';
    const errors = [{ path: '@SUM(1+1)', code: 'CORRUPT', message: 'not fully inspected: "bad", truncated' }];
    const rows = records(csvReporter.render({ ...report, files: [file], errors }, DEFAULT_RENDER_OPTIONS));
    expect(rows[0]?.path).toBe(`'=cmd|"/c calc"!A1,\r\nx.csv`);
    expect(rows[0]?.excerpt).toBe("'+44 7*** ***123");
    expect(rows[1]?.path).toBe("'@SUM(1+1)");
    expect(rows[1]?.reason).toBe('not fully inspected: "bad", truncated (CORRUPT)');
  });

  it('is a header alone for a clean, complete scan', () => {
    expect(csvReporter.render(cleanReport(), DEFAULT_RENDER_OPTIONS)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('residue scan --format csv', () => {
  it('scans fixtures/demo into one row per finding with masked values only', () => {
    const r = scanDemo('csv');
    expect(r.code).toBe(0);
    expect(RAW_VALUES.every((v) => v.length >= 4)).toBe(true);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    const rows = records(r.stdout);
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(['finding']));
    expect(rows.every((x) => /^[0-9a-f]{32}$/.test(x.fingerprint ?? ''))).toBe(true);
  });

  it('lists files not inspected', () => {
    const rows = records(scanDemo('csv', ['--max-file-size', '2k']).stdout);
    const notInspected = rows.filter((x) => x.status === 'not-inspected');
    expect(notInspected.length).toBeGreaterThan(0);
    expect(notInspected.every((x) => x.category === '' && /TOO_LARGE/.test(x.reason ?? ''))).toBe(true);
  });

  it('stays masked with --show-values alone; unmasks with --show-values-in-files too', () => {
    expect(rawValuesIn(scanDemo('csv', ['--show-values']).stdout)).toEqual([]);
    expect(
      rawValuesIn(scanDemo('csv', ['--show-values', '--show-values-in-files']).stdout).length,
    ).toBeGreaterThan(0);
  });
});

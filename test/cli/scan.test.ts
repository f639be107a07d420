import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../helpers/cli.js';
import { schemaErrors } from '../report/report-schema.js';

interface FileJson {
  path: string;
  verdict: string;
  records: number;
  encoding: string;
  inspection: string;
  counts: Record<string, number>;
  findings: {
    category: string;
    ruleId: string;
    line: number;
    column: number;
    excerpt: string;
    value?: string;
  }[];
}
interface ReportJson {
  files: FileJson[];
  errors: { path: string; code: string; message: string }[];
  skipped: { path: string }[];
  summary: { filesScanned: number; verdicts: Record<string, number>; records: number; complete: boolean };
  startedAt?: string;
  finishedAt?: string;
}

function scanJson(args: string[]): { code: number; report: ReportJson; stderr: string } {
  const r = spawnCli(['scan', '--format', 'json', ...args]);
  if (r.stdout.trim() === '') throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as ReportJson, stderr: r.stderr };
}

/** The rows of a fixture tree's EXPECTED.md table: path, verdict, records, categories. */
function expectedRows(
  tree: string,
): { path: string; verdict: string; records: number; categories: string[] }[] {
  const md = readFileSync(join(ROOT, 'fixtures', tree, 'EXPECTED.md'), 'utf8');
  return md
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      const last = cells[cells.length - 1] as string;
      return {
        path: (cells[0] as string).replace(/`/g, ''),
        verdict: cells[1] as string,
        records: Number(cells[2]),
        categories: last === '—' ? [] : last.split(',').map((s) => s.trim()),
      };
    });
}

describe.each(['demo', 'layouts', 'negatives', 'incidental'])('residue scan fixtures/%s', (tree) => {
  const rows = expectedRows(tree);
  let report: ReportJson;
  beforeAll(() => {
    report = scanJson([`fixtures/${tree}`, '--fail-on', 'never']).report;
  });

  it('scans every file and the report matches the published schema', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(report.summary.filesScanned).toBe(rows.length);
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
  });

  it('gives each file its expected verdict, record count and categories', () => {
    const actual = rows.map((row) => {
      const f = report.files.find((x) => x.path === row.path);
      return {
        path: row.path,
        verdict: f?.verdict ?? 'clean',
        records: row.verdict === 'personal-data' ? f?.records : row.records,
        categories: Object.keys(f?.counts ?? {}).sort(),
      };
    });
    expect(actual).toEqual(rows.map((r) => ({ ...r, categories: [...r.categories].sort() })));
    const listed = new Set(rows.map((r) => r.path));
    expect(report.files.map((f) => f.path).filter((p) => !listed.has(p))).toEqual([]);
  });
});

describe('residue scan: exit codes', () => {
  it.each([
    [['fixtures/demo'], 1],
    [['fixtures/demo', '--fail-on', 'never'], 0],
    [['fixtures/incidental'], 1],
    [['fixtures/incidental', '--fail-on', 'personal-data'], 0],
    [['fixtures/demo', '--fail-on', 'personal-data'], 1],
    [['fixtures/negatives'], 1],
    [['fixtures/negatives', '--fail-on', 'personal-data'], 0],
  ])('%j → %i', (args, code) => {
    const r = spawnCli(['scan', '--quiet', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
  });

  it('a path that does not exist → 2 with one line, no stack trace', () => {
    const r = spawnCli(['scan', 'fixtures/no-such-dir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('residue: path not found: fixtures/no-such-dir\n');
  });

  it('a bad option value → 2 with one line', () => {
    const r = spawnCli(['scan', 'fixtures/demo', '--fail-on', 'sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('residue scan: workers', () => {
  const strip = (r: ReportJson): ReportJson => {
    const { startedAt: _s, finishedAt: _f, ...rest } = r;
    const summary = { ...rest.summary } as Record<string, unknown>;
    delete summary.durationMs;
    return { ...rest, summary } as ReportJson;
  };

  it('gives the same JSON report with --threads 0, 1 and 3', () => {
    const reports = ['0', '1', '3'].map((t) =>
      strip(scanJson(['fixtures', '--threads', t, '--fail-on', 'never']).report),
    );
    expect(reports[0]?.files.length).toBeGreaterThan(10);
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });
});

describe('residue scan: generated files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'residue-scan-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds NHS numbers wherever segment edges cut a 3 MiB line', () => {
    const tree = join(dir, 'chunk');
    mkdirSync(tree, { recursive: true });
    const MiB = 1024 * 1024;
    const value = '485 112 2330';
    // Values that straddle each 1 MiB edge and each edge of the 4 KiB overlap before it, on one line.
    const starts = [1, 2, 3].flatMap((k) => [k * MiB - 6, k * MiB - 4096 - 6]).sort((x, y) => x - y);
    const chars = Buffer.alloc(3 * MiB + 100, 'x .');
    for (const at of starts) {
      chars.write(' NHS ', at - 5, 'latin1');
      chars.write(value, at, 'latin1');
      chars.write(' ', at + value.length, 'latin1');
    }
    writeFileSync(join(tree, 'long-line.txt'), chars);

    const { report } = scanJson([tree, '--fail-on', 'never']);
    const file = report.files.find((f) => f.path === 'long-line.txt');
    const nhs = file?.findings.filter((f) => f.category === 'nhs-number') ?? [];
    expect(nhs.map((f) => [f.line, f.column])).toEqual(starts.map((at) => [1, at + 1]));
  });

  it('reads UTF-16LE without a BOM as text', () => {
    const { report } = scanJson(['fixtures/layouts/utf16le-nobom.txt', '--fail-on', 'never']);
    expect(report.files[0]?.encoding).toBe('utf-16le');
    expect(report.files[0]?.verdict).toBe('personal-data');
  });

  it('lists a file over --max-file-size as not scanned and the scan as incomplete', () => {
    const { code, report } = scanJson(['fixtures/demo', '--max-file-size', '2K', '--fail-on', 'never']);
    expect(code).toBe(0);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.every((e) => e.code === 'TOO_LARGE')).toBe(true);
    expect(report.errors.map((e) => e.path)).toContain('restore/customers_export.csv');
    expect(report.summary.complete).toBe(false);
    const incomplete = spawnCli([
      'scan',
      '--quiet',
      'fixtures/demo',
      '--max-file-size',
      '2K',
      '--fail-on',
      'never',
      '--fail-on-incomplete',
    ]);
    expect(incomplete.code).toBe(3);
    const both = spawnCli([
      'scan',
      '--quiet',
      'fixtures/demo',
      '--max-file-size',
      '2K',
      '--fail-on-incomplete',
    ]);
    expect(both.code).toBe(1);
  });

  it('stops a file whose rule runs past the time budget, and scans the rest', () => {
    const tree = join(dir, 'budget');
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'xxx.txt'), `${'x'.repeat(40)}!`);
    writeFileSync(join(tree, 'ok.txt'), 'Patient Jane Smith, date of birth 03/04/1961\n');
    const pack = join(dir, 'slow.yaml');
    writeFileSync(
      pack,
      [
        'name: slow',
        'version: 0.0.1',
        'rules:',
        '  - id: slow.backtrack',
        '    name: Catastrophic backtracking',
        '    category: policy-number',
        '    severity: low',
        '    confidence: 0.5',
        '    patterns:',
        // Overlapping alternatives: not refused at load (a nested unbounded repeat would be), slow per file.
        "      - '(x|xx)+y'",
        '    examples:',
        "      - 'xxy'",
        '',
      ].join('\n'),
    );
    const args = [tree, '--rules', pack, '--rules', 'uk-people', '--threads', '1', '--time-budget', '1'];
    const { code, report } = scanJson([...args, '--fail-on', 'never', '--fail-on-incomplete']);
    expect(code).toBe(3);
    expect(report.errors).toEqual([
      { path: 'xxx.txt', code: 'TIMEOUT', message: expect.stringContaining('time budget') },
    ]);
    expect(report.files.map((f) => [f.path, f.verdict])).toEqual([['ok.txt', 'personal-data']]);
  });

  it('writes --output with mode 0600 and nothing on stdout', () => {
    const out = join(dir, 'report.json');
    const r = spawnCli(['scan', '--quiet', 'fixtures/incidental', '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(schemaErrors(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
  });
});

describe('residue scan: keyed fingerprints', () => {
  it('fingerprints every finding and file under the key given, never with line numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-fp-'));
    const key = join(dir, 'k.key');
    writeFileSync(key, `${'c'.repeat(64)}\n`);
    const a = scanJson(['fixtures/demo/letters', '--key-file', key, '--fail-on', 'never'])
      .report as ReportJson & {
      fingerprints: { algorithm: string; keyId: string };
    };
    expect(a.fingerprints.algorithm).toBe('hmac-sha256-128');
    expect(a.fingerprints.keyId).toMatch(/^[0-9a-f]{32}$/);
    const file = a.files[0] as FileJson & { fingerprint: string };
    expect(file.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const prints = file.findings.map((f) => (f as { fingerprint?: string }).fingerprint);
    expect(prints.every((p) => p && /^[0-9a-f]{32}$/.test(p))).toBe(true);
    writeFileSync(key, `${'d'.repeat(64)}\n`);
    const b = scanJson(['fixtures/demo/letters', '--key-file', key, '--fail-on', 'never']).report as typeof a;
    expect(b.fingerprints.keyId).not.toBe(a.fingerprints.keyId);
    expect((b.files[0] as FileJson & { fingerprint: string }).fingerprint).not.toBe(file.fingerprint);
  });

  it('a bad key file → exit 2 with one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'residue-fp-'));
    writeFileSync(join(dir, 'bad.key'), 'nope');
    const r = spawnCli(['scan', 'fixtures/demo', '--key-file', join(dir, 'bad.key')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('expected 64 hex digits');
  });
});

describe('residue scan --explain', () => {
  it('prints every finding with the reasons behind its confidence, still masked', () => {
    const r = spawnCli(['scan', '--quiet', 'fixtures/demo/letters', '--explain', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    const findings = out.filter((l) => /^ {2}\d+:\d+ {2}/.test(l));
    const reasons = out.filter((l) => l.startsWith('      ') && l.includes(' → '));
    expect(findings).toHaveLength(6);
    expect(reasons).toHaveLength(6);
    expect(r.stdout).toContain('field "date_of_birth" +0.5');
    expect(r.stdout).toContain('record corroborated +0.15');
    expect(r.stdout).not.toContain('… and');
  });
});

describe('residue scan: masking', () => {
  // Raw values from the first data row of the demo customer export.
  const row = (
    readFileSync(join(ROOT, 'fixtures/demo/restore/customers_export.csv'), 'utf8').split('\n')[1] as string
  ).split(',');
  const raw = [row[3], row[4], row[7], row[9]] as string[];

  it.each(['text', 'json'])('never prints a raw value in %s output', (format) => {
    const r = spawnCli(['scan', '--quiet', 'fixtures/demo', '--format', format, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(raw.every((v) => v.length >= 4)).toBe(true);
    for (const v of raw) {
      expect(r.stdout).not.toContain(v);
      expect(r.stderr).not.toContain(v);
    }
    expect(r.stdout).toMatch(/\*\*\*/);
  });

  it('--show-values prints them and warns on stderr', () => {
    const r = spawnCli([
      'scan',
      'fixtures/demo/restore/customers_export.csv',
      '--format',
      'json',
      '--show-values',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning/i);
    const report = JSON.parse(r.stdout) as ReportJson;
    const values = report.files[0]?.findings.map((f) => f.value);
    expect(values).toContain(row[3]);
    expect(values).toContain(row[4]);
  });
});

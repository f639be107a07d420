import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { runScan } from '../../src/commands/scan.js';
import type { FileResult, Finding } from '../../src/model/finding.js';
import { closingLines, fileLines, jsonlReporter } from '../../src/report/jsonl.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { ROOT } from '../helpers/cli.js';
import { scanOptions } from '../helpers/scan-options.js';
import { RAW_VALUES, rawValuesIn, scanDemo } from './demo-scan.js';
import { cleanReport, sampleReport } from './report-fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, read by path in assertions
type Json = Record<string, any>;

function lines(text: string): Json[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Json);
}

describe('jsonl reporter', () => {
  it('writes per file a file line and its finding lines, then errors, skipped files and a summary', () => {
    const report = sampleReport();
    const out = lines(jsonlReporter.render(report, DEFAULT_RENDER_OPTIONS));
    const findings = report.files.flatMap((f) => f.findings).length;
    const types = out.map((l) => l.type);
    expect(types.filter((t) => t === 'file')).toHaveLength(3);
    expect(types.filter((t) => t === 'finding')).toHaveLength(findings);
    expect(types.filter((t) => t === 'error')).toHaveLength(1);
    expect(types.filter((t) => t === 'skipped')).toHaveLength(23);
    expect(types.at(-1)).toBe('summary');
    expect(types.slice(0, 3)).toEqual(['file', 'finding', 'file']);
    expect(out[0]).toEqual({
      type: 'file',
      path: 'src/app.js',
      verdict: 'contains-pii',
      records: 0,
      size: 2048,
      inspection: 'text',
      encoding: 'utf-8',
      counts: { 'nhs-number': 1 },
    });
    expect(out[1]).toEqual({
      type: 'finding',
      path: 'src/app.js',
      verdict: 'contains-pii',
      category: 'nhs-number',
      ruleId: 'uk.nhs-number',
      severity: 'high',
      line: 12,
      column: 5,
      confidence: 0.95,
      excerpt: '999 *** **19',
      reasons: ['pattern'],
      testData: true,
    });
    expect(out.find((l) => l.type === 'error')).toEqual({
      type: 'error',
      path: 'locked/db.sqlite',
      code: 'EACCES',
      message: 'permission denied',
    });
    const summary = out.at(-1) as Json;
    expect(summary.summary).toEqual(report.summary);
    expect(summary.tool).toEqual({ name: 'residue', version: '0.1.0' });
    expect(summary.startedAt).toBe(report.startedAt);
  });

  it('orders counts by the vocabulary and carries both fingerprints', () => {
    const file = sampleReport().files[1] as FileResult;
    file.fingerprint = 'e'.repeat(32);
    (file.findings[0] as Finding).fingerprint = 'd'.repeat(32);
    const [head, first] = fileLines(file).map((l) => JSON.parse(l) as Json);
    expect(Object.keys(head?.counts)).toEqual(['person-name', 'date-of-birth', 'postcode']);
    expect(head?.fingerprint).toBe('e'.repeat(32));
    expect(first?.fingerprint).toBe('d'.repeat(32));
    expect(first?.fileFingerprint).toBe('e'.repeat(32));
  });

  it('keeps one object per line whatever the text holds', () => {
    const file = sampleReport().files[0] as FileResult;
    const odd = { ...file, path: 'a\nb\u2028c\r"d".txt' };
    for (const l of fileLines(odd)) expect(l).not.toMatch(/[\n\r]/);
    expect(JSON.parse(fileLines(odd)[0] as string).path).toBe('a\nb\u2028c\r"d".txt');
  });

  it('has no lines for a clean file, and only a summary for a clean, complete scan', () => {
    expect(fileLines({ ...(sampleReport().files[0] as FileResult), verdict: 'clean' })).toEqual([]);
    expect(lines(jsonlReporter.render(cleanReport(), DEFAULT_RENDER_OPTIONS)).map((l) => l.type)).toEqual([
      'summary',
    ]);
    expect(closingLines(cleanReport())).toHaveLength(1);
  });
});

describe('engine onFile', () => {
  it('is called once per file result, in completion order, before the report exists', async () => {
    const seen: FileResult[] = [];
    const report = await runScan(scanOptions([join(ROOT, 'fixtures/demo')], { onFile: (r) => seen.push(r) }));
    expect(seen).toHaveLength(report.summary.filesScanned);
    const listed = seen.filter((r) => r.verdict !== 'clean');
    expect(listed.map((r) => r.path).sort()).toEqual([...report.files].map((f) => f.path));
    expect(listed.flatMap(fileLines).sort()).toEqual([...report.files].flatMap(fileLines).sort());
  });
});

describe('residue scan --format jsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'residue-jsonl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Lines without the timings, which differ between two runs. */
  function comparable(text: string): string[] {
    return lines(text).map((l) => {
      if (l.type !== 'summary') return JSON.stringify(l);
      const { startedAt: _s, finishedAt: _f, summary, ...rest } = l;
      const { durationMs: _d, ...counts } = summary as Json;
      return JSON.stringify({ ...rest, summary: counts });
    });
  }

  it('streams to stdout the same lines as the rendered report, errors and summary last', () => {
    const args = ['--max-file-size', '2k'];
    const streamed = scanDemo('jsonl', args);
    expect(streamed.code).toBe(0);
    const file = join(dir, 'report.jsonl');
    expect(scanDemo('jsonl', [...args, '--output', file]).code).toBe(0);
    const rendered = readFileSync(file, 'utf8');
    expect(comparable(streamed.stdout).sort()).toEqual(comparable(rendered).sort());
    const types = lines(streamed.stdout).map((l) => l.type);
    expect(types.filter((t) => t === 'file').length).toBeGreaterThan(1);
    expect(types.filter((t) => t === 'finding').length).toBeGreaterThan(10);
    expect(types.filter((t) => t === 'error').length).toBeGreaterThan(0);
    expect(types.at(-1)).toBe('summary');
    const firstError = types.indexOf('error');
    expect(types.slice(firstError).every((t) => t === 'error' || t === 'skipped' || t === 'summary')).toBe(
      true,
    );
  });

  it('writes each file as it completes, then the closing lines', async () => {
    const chunks: string[] = [];
    const code = await run(
      ['scan', 'fixtures/demo', '--format', 'jsonl', '--fail-on', 'never', '--threads', '0', '--quiet'],
      {
        stdout: (s) => chunks.push(s),
        stderr: () => {},
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env: { RESIDUE_KEY_FILE: join(dir, 'key') },
        cwd: ROOT,
      },
    );
    expect(code).toBe(0);
    const summary = JSON.parse(chunks.at(-1) as string) as Json;
    expect(summary.type).toBe('summary');
    const listed = summary.summary.verdicts['personal-data'] + summary.summary.verdicts['contains-pii'];
    expect(chunks).toHaveLength(listed + 1);
    for (const chunk of chunks.slice(0, -1))
      expect(JSON.parse(chunk.split('\n')[0] as string).type).toBe('file');
  });

  it('never prints a raw value', () => {
    const r = scanDemo('jsonl');
    expect(RAW_VALUES.every((v) => v.length >= 4)).toBe(true);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    expect(rawValuesIn(r.stderr)).toEqual([]);
    expect(r.stdout).toMatch(/\*\*\*/);
  });
});

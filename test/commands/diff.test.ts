import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../src/commands/diff.js';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { jsonReporter } from '../../src/report/json.js';
import { DEFAULT_RENDER_OPTIONS, renderPieces } from '../../src/report/reporter.js';
import { baselineOf, loadBaseline } from '../../src/workflow/baseline.js';
import { diffReports } from '../../src/workflow/diff.js';
import { renderDiffJson, renderDiffText } from '../../src/workflow/diff-render.js';
import { fileResult, finding, personRow, report } from '../workflow/fake-report.js';

// A large pair of reports, made here and written by the real JSON reporter: the streamed diff must say
// exactly what diffing the whole parsed reports says.

const FILES = 30_000;
const dir = mkdtempSync(join(tmpdir(), 'residue-diff-stream-'));
const beforePath = join(dir, 'before.json');
const afterPath = join(dir, 'after.json');

function file(i: number, content = `c${i}`, extra = 0): FileResult {
  const path = `d${i % 97}/f${String(i).padStart(6, '0')}.csv`;
  if (i % 3 === 0) return fileResult(path, content, [finding('email-address', `e${i}`)], 'contains-pii', 0);
  const rows = [
    ...personRow(`p${i}`, 2),
    ...Array.from({ length: extra }, (_, k) => personRow(`x${i}-${k}`, 3 + k)).flat(),
  ];
  return fileResult(path, content, rows, 'personal-data', 1 + extra, i % 50 === 0 ? { truncated: true } : {});
}

const byPath = (a: FileResult, b: FileResult) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function pair(): [Report, Report] {
  const before: FileResult[] = [];
  const after: FileResult[] = [];
  for (let i = 0; i < FILES; i++) {
    const f = file(i);
    before.push(f);
    if (i % 11 === 0) continue; // gone
    if (i % 13 === 0)
      after.push({ ...f, path: `moved/${f.path}` }); // moved
    else if (i % 17 === 0)
      after.push(f, { ...f, path: `copies/${f.path}` }); // copied
    else if (i % 19 === 0)
      after.push(file(i, `c${i}'`, 2)); // changed: more records
    else if (i % 23 === 0)
      after.push({ ...file(i, `re${i}`), path: `export/${f.path}` }); // same findings
    else after.push(f);
  }
  for (let i = 0; i < 500; i++) after.push(file(FILES + i)); // new
  return [
    report(before.sort(byPath), { errors: [{ path: 'd1/f000001.csv', code: 'READ', message: 'busy' }] }),
    report(after.sort(byPath), {
      startedAt: '2025-02-01T00:00:00.000Z',
      errors: [{ path: 'd11/f000011.csv', code: 'READ', message: 'busy' }], // gone, or not read?
    }),
  ];
}

async function writeReport(path: string, r: Report): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of renderPieces(jsonReporter, r, DEFAULT_RENDER_OPTIONS)) {
    if (!out.write(piece)) await new Promise((resolve) => out.once('drain', () => resolve(undefined)));
  }
  out.end();
  await finished(out);
}

/** The diff as it was made before streaming: both reports parsed whole. */
function wholeFileDiff() {
  const before = JSON.parse(readFileSync(beforePath, 'utf8')) as Report<FileResult[]>;
  const after = JSON.parse(readFileSync(afterPath, 'utf8')) as Report<FileResult[]>;
  return diffReports(before, beforePath, after, afterPath);
}

beforeAll(async () => {
  const [before, after] = pair();
  await writeReport(beforePath, before);
  await writeReport(afterPath, after);
});

describe('runDiff on a large pair of reports', () => {
  it('renders the same text and JSON as diffing the whole parsed reports', () => {
    const whole = wholeFileDiff();
    const options = { before: beforePath, after: afterPath, color: false, failOnIncomplete: false };
    const text = runDiff({ ...options, format: 'text' });
    const json = runDiff({ ...options, format: 'json' });
    const textPieces = [...text.pieces];
    const jsonPieces = [...json.pieces];
    expect(textPieces.join('')).toBe(renderDiffText(whole, { color: false }));
    expect(jsonPieces.join('')).toBe(renderDiffJson(whole));
    // Written in pieces: whole lines of about 64 KiB; a JSON entry each, between the text before and after.
    expect(textPieces.length).toBeGreaterThan(10);
    expect(textPieces.every((p) => p.endsWith('\n') && p.length < 65 * 1024)).toBe(true);
    expect(jsonPieces.length).toBe(whole.files.length + 3);
    expect(text.exitCode).toBe(1);
    // Every kind of change is in the pair, so the comparison covers each path through diffReports.
    expect(text.diff.summary).toEqual({
      new: 500,
      copy: whole.summary.copy,
      move: whole.summary.move,
      changed: whole.summary.changed,
      unread: 1,
      gone: whole.summary.gone,
      unchanged: whole.summary.unchanged,
      appeared: true,
      complete: false,
    });
    for (const status of ['copy', 'move', 'changed', 'gone', 'unchanged'] as const) {
      expect(whole.summary[status], status).toBeGreaterThan(100);
    }
    expect(whole.files.some((f) => f.match === 'findings')).toBe(true);
  });
});

describe('loadBaseline on a large report', () => {
  it('knows the same fingerprints as the whole parsed report', () => {
    const whole = baselineOf(JSON.parse(readFileSync(beforePath, 'utf8')) as Report, beforePath);
    const streamed = loadBaseline(beforePath);
    expect([...streamed.files]).toEqual([...whole.files]);
    expect([...streamed.findings]).toEqual([...whole.findings]);
    expect(streamed.keyId).toBe(whole.keyId);
    expect(streamed.files.size).toBe(FILES);
  });
});

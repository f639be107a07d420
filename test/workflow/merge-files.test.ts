import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { jsonPiecesOf, jsonReporter } from '../../src/report/json.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { mergeReports } from '../../src/workflow/merge.js';
import { mergeReportFiles } from '../../src/workflow/merge-files.js';
import { fileResult, finding, personRow, report } from './fake-report.js';

// Shard reports written by the real JSON reporter, then joined both ways: streamed (mergeReportFiles) and
// whole (mergeReports on the parsed files). The bytes written must be the same.

const dir = mkdtempSync(join(tmpdir(), 'residue-merge-files-'));

function shard(index: number, count: number, files: FileResult[]): string {
  const path = join(dir, `s${index}-${count}-${files.length}-${Math.random().toString(36).slice(2)}.json`);
  const r = report(files, {
    shard: { index, count },
    startedAt: `2025-01-01T00:00:0${index}.000Z`,
    finishedAt: `2025-01-01T00:01:0${index}.000Z`,
    errors: [{ path: `e${index}.zip`, code: 'ARCHIVE_CORRUPT', message: 'corrupt' }],
    skipped: [{ path: `s${index}.bin`, reason: 'too large' }],
  });
  writeFileSync(path, jsonReporter.render(r, DEFAULT_RENDER_OPTIONS));
  return path;
}

function streamed(paths: string[]): string {
  const merged = mergeReportFiles(paths);
  return [...jsonPiecesOf(merged.head, merged.files)].join('');
}

function whole(paths: string[]): string {
  const reports = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as Report);
  return jsonReporter.render(mergeReports(reports), DEFAULT_RENDER_OPTIONS);
}

const file = (path: string, i: number) =>
  i % 2 === 0
    ? fileResult(path, `c${i}`, personRow(`p${i}`, 2), 'personal-data', 1)
    : fileResult(path, `c${i}`, [finding('email-address', `e${i}`)], 'contains-pii', 0);

describe('mergeReportFiles', () => {
  it('writes what mergeReports wrote, for shards of thousands of files read a chunk at a time', () => {
    // Paths interleave across the three shards, as a hash split of one walk makes them.
    const all = Array.from(
      { length: 6000 },
      (_, i) => `d${i % 37}/f${String(i).padStart(5, '0')}.csv`,
    ).sort();
    const parts: FileResult[][] = [[], [], []];
    for (const [i, p] of all.entries()) parts[(i * 7919) % 3]?.push(file(p, i));
    const paths = parts.map((files, k) => shard(k + 1, 3, files));
    const text = streamed(paths.reverse());
    expect(text).toBe(whole(paths));
    expect((JSON.parse(text) as Report<FileResult[]>).files.map((f) => f.path)).toEqual(all);
  });

  it('puts the earlier report first on equal paths, as a stable sort did', () => {
    const a = shard(1, 2, [file('a', 1), file('same', 2), file('z', 3)]);
    const b = shard(2, 2, [file('b', 4), file('same', 5)]);
    for (const paths of [
      [a, b],
      [b, a],
    ]) {
      const text = streamed(paths);
      expect(text).toBe(whole(paths));
      expect((JSON.parse(text) as Report<FileResult[]>).files.map((f) => f.path)).toEqual([
        'a',
        'b',
        'same',
        'same',
        'z',
      ]);
    }
  });

  it('sorts in memory a report whose files are not in path order', () => {
    const a = shard(1, 2, [file('m', 1), file('c', 2), file('x', 3)]);
    const b = shard(2, 2, [file('b', 4), file('n', 5)]);
    expect(streamed([a, b])).toBe(whole([a, b]));
    expect((JSON.parse(streamed([a, b])) as Report<FileResult[]>).files.map((f) => f.path)).toEqual([
      'b',
      'c',
      'm',
      'n',
      'x',
    ]);
  });

  it('writes an empty list when no shard lists a file', () => {
    const paths = [shard(1, 2, []), shard(2, 2, [])];
    expect(streamed(paths)).toBe(whole(paths));
  });

  it('refuses a bad report and reports that are not one scan, as readReportFile and mergeReports did', () => {
    const good = shard(1, 2, [file('a', 1)]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": 1, "files": [');
    expect(() => mergeReportFiles([good, bad])).toThrow(
      expect.objectContaining({ code: 'REPORT_FILE', data: { path: bad, detail: 'not valid JSON' } }),
    );
    expect(() => mergeReportFiles([good])).toThrow(
      expect.objectContaining({ code: 'MERGE', data: { detail: 'missing shard 2/2' } }),
    );
  });

  it('reads reports that can be read only once (pipes) in one pass', () => {
    const paths = [shard(1, 2, [file('b', 1), file('d', 1)]), shard(2, 2, [file('a', 2), file('c', 2)])];
    const fifos = paths.map((p, i) => {
      const fifo = join(dir, `pipe-${i}-${Math.random().toString(36).slice(2)}`);
      execFileSync('mkfifo', [fifo]);
      // A writer outside this thread, as a shell's <(cat report.json) is: the pipe gives its bytes once.
      spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', p, fifo], { stdio: 'ignore' });
      return fifo;
    });
    expect(streamed(fifos)).toBe(whole(paths));
  });

  it('refuses a report that changed between its two readings', () => {
    const paths = [shard(1, 2, [file('a', 1)]), shard(2, 2, [file('b', 2)])];
    const merged = mergeReportFiles(paths);
    // After the first pass (checks, counts) and before the files are read again.
    writeFileSync(paths[1] as string, `${readFileSync(paths[1] as string, 'utf8')}\n`);
    expect(() => [...merged.files]).toThrow(
      expect.objectContaining({
        code: 'REPORT_FILE',
        data: { path: paths[1], detail: 'changed while it was being merged' },
      }),
    );
  });
});

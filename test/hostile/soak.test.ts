// Soak: many small files through the worker pool. The scan completes, the process exits promptly once it is
// done (no worker left behind), and no file descriptor outlives the scan.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScanOptions, scan } from '../../src/engine/scan.js';
import { builtinPackNames, packPaths } from '../../src/rulepack/packs.js';
import { runMeasured, scratchDir } from './run.js';

/** 100,000 in CI (about 15 s with generation); RESIDUE_SOAK_FILES sets another count (a multiple of 1,000). */
const FILES = Number(process.env.RESIDUE_SOAK_FILES ?? 100_000);
const PERSON = 'Patient Jane Smith, NHS number 485 112 2330, date of birth 03/04/1961\n';

let dir: string;

beforeAll(() => {
  dir = scratchDir('soak');
});

// Removing 100,000 files takes a while: the hook's limit grows with the count.
afterAll(() => rmSync(dir, { recursive: true, force: true }), 60_000 + FILES * 3);

/** `count` files, 1,000 per folder; every 1,000th holds a person, the rest one log line. */
function generate(root: string, count: number, body: (i: number) => string | Uint8Array): void {
  for (let i = 0; i < count; i++) {
    const folder = join(root, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${i}.txt`), body(i));
  }
}

const openFds = (): number => readdirSync('/proc/self/fd').length;

describe(`soak: ${FILES.toLocaleString('en-GB')} small files`, () => {
  it(
    'the CLI scans them all with two workers and exits as soon as it is done',
    async () => {
      const tree = join(dir, 'many');
      generate(tree, FILES, (i) => (i % 1000 === 0 ? PERSON : `log line ${i}\n`));
      const out = join(dir, 'many.json');
      const r = await runMeasured(
        ['scan', 'many', '--threads', '2', '--format', 'json', '--output', out, '--quiet'],
        {
          cwd: dir,
          timeoutMs: 60_000 + FILES * 3,
        },
      );
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      const report = JSON.parse(readFileSync(out, 'utf8')) as {
        summary: {
          filesScanned: number;
          errors: number;
          verdicts: Record<string, number>;
          durationMs: number;
        };
      };
      expect(report.summary.filesScanned).toBe(FILES);
      expect(report.summary.errors).toBe(0);
      expect(report.summary.verdicts['personal-data']).toBe(FILES / 1000);
      // A worker or handle left alive would keep the process up after the report: exit follows within a second
      // or two of the scan's end (the rest of the wall time is start-up and writing the report).
      expect(r.ms - report.summary.durationMs).toBeLessThan(5_000);
      console.info(
        `soak ${FILES} files: scan ${report.summary.durationMs} ms, process ${r.ms} ms, peak RSS ${r.maxRssMiB.toFixed(0)} MiB`,
      );
    },
    90_000 + FILES * 4,
  );
});

describe('file descriptors', () => {
  const options = (root: string, threads: number): ScanOptions => ({
    roots: [root],
    walk: { include: [], exclude: [], followSymlinks: false, maxFileSize: 1024 ** 3 },
    packPaths: packPaths(builtinPackNames()).map((p) => resolve(p)),
    file: { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 },
    threads,
  });

  it.each([0, 2])(
    'text files with %i threads: none outlives the scan, few are open at once',
    async (threads) => {
      const tree = join(dir, `text-${threads}`);
      generate(tree, 2000, (i) => (i % 100 === 0 ? PERSON : `log line ${i}\n`));
      const before = openFds();
      let peak = before;
      const report = await scan({
        ...options(tree, threads),
        onProgress: () => {
          peak = Math.max(peak, openFds());
        },
      });
      expect(report.summary.filesScanned).toBe(2000);
      expect(openFds()).toBe(before);
      // One handle per file in flight (4 per thread at most) and the workers' own.
      expect(peak - before).toBeLessThan(64);
    },
  );

  // A top-level zip is reopened by path (yauzl); the handle that read its first chunk to sniff it must be
  // closed too, or a tree of thousands of zips runs into EMFILE (ulimit -n).
  it('zip files in-process: none outlives the scan', async () => {
    const tree = join(dir, 'zips');
    const zip = zipSync({ 'notes.txt': strToU8('maintenance notes\n') });
    generate(tree, 300, () => zip);
    const before = openFds();
    const report = await scan(options(tree, 0));
    expect(report.summary.filesScanned).toBe(300);
    expect(openFds()).toBe(before);
  });
});

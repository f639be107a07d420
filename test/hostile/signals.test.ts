// Ctrl-C (and SIGTERM): the scan stops its workers, still writes a report that says it is incomplete (never
// "clean"), and exits 130 (143). Through the built CLI with a real SIGINT, and through the engine with an AbortSignal.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScanOptions, scan } from '../../src/engine/scan.js';
import { builtinPackNames, packPaths } from '../../src/rulepack/packs.js';
import { runMeasured, scratchDir } from './run.js';

const FILES = 2000;
/** Dense personal data: each file takes the engine a while, so the scan is far from done when interrupted. */
const BODY = `name,dob,postcode\n${'Jane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n'.repeat(60)}`;

interface ReportJson {
  files: { path: string; verdict: string }[];
  errors: { path: string; code: string; message: string }[];
  summary: { complete: boolean; filesScanned: number; verdicts: Record<string, number> };
}

let dir: string;
let tree: string;

beforeAll(() => {
  dir = scratchDir('signals');
  tree = join(dir, 'tree');
  for (let d = 0; d < FILES / 500; d++) {
    mkdirSync(join(tree, `d${d}`), { recursive: true });
    for (let i = 0; i < 500; i++) writeFileSync(join(tree, `d${d}`, `export-${i}.csv`), BODY);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file the walk found is either scanned or listed as INTERRUPTED; or the walk itself was cut short. */
function expectAccounted(report: ReportJson, root: string): void {
  const interrupted = report.errors.filter((e) => e.code === 'INTERRUPTED');
  expect(interrupted.length).toBeGreaterThan(0);
  expect(report.errors.every((e) => e.code === 'INTERRUPTED')).toBe(true);
  expect(interrupted[0]?.message).toBe('not scanned: the scan was interrupted');
  const walkCut = interrupted.some((e) => e.path === root);
  if (!walkCut) expect(report.summary.filesScanned + interrupted.length).toBe(FILES);
  expect(report.summary.filesScanned).toBeLessThan(FILES);
  expect(report.summary.complete).toBe(false);
}

describe('a stop signal to a running scan (built CLI, two workers)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s stops the workers, writes the report marked incomplete, and exits %i',
    async (name, status) => {
      const out = join(dir, `interrupted-${name}.json`);
      let sentAt = 0;
      const r = await runMeasured(
        ['scan', 'tree', '--threads', '2', '--format', 'json', '--output', out, '--quiet'],
        {
          cwd: dir,
          timeoutMs: 45_000,
          onSpawn: (child) => {
            // Long enough for the workers to be busy; the assertions hold whenever the signal lands.
            setTimeout(() => {
              sentAt = Date.now();
              child.kill(name);
            }, 3_000);
          },
        },
      );
      const exitedAt = Date.now();
      expect(r.timedOut).toBe(false);
      expect(r.signal).toBe(null);
      expect(r.code).toBe(status);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('');
      // Workers stopped at once: the process is gone soon after the signal, not when the files are done.
      expect(exitedAt - sentAt).toBeLessThan(10_000);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const report = JSON.parse(readFileSync(out, 'utf8')) as ReportJson;
      expectAccounted(report, 'tree');
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    },
  );
});

describe('an aborted AbortSignal stops scan()', () => {
  const base = (): Omit<ScanOptions, 'threads'> => ({
    roots: [tree],
    walk: { include: [], exclude: [], followSymlinks: false, maxFileSize: 1024 ** 3 },
    packPaths: packPaths(builtinPackNames()).map((p) => resolve(p)),
    file: { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 },
  });

  it.each([0, 2])(
    'with %i threads: files after the abort are INTERRUPTED, the report is incomplete',
    async (threads) => {
      const controller = new AbortController();
      const started = Date.now();
      const report = await scan({
        ...base(),
        threads,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.filesDone === 5) controller.abort();
        },
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      expectAccounted(report as unknown as ReportJson, tree);
      expect(report.summary.filesScanned).toBeGreaterThanOrEqual(5);
      // Files scanned before the abort keep their verdicts: the report is partial, never "clean".
      expect(report.summary.verdicts['personal-data']).toBe(report.summary.filesScanned);
    },
  );

  it('an abort is heard while the walk reads names it yields nothing for (every file excluded)', async () => {
    const controller = new AbortController();
    controller.abort();
    const walk = {
      include: ['*.nothing-matches'],
      exclude: [],
      followSymlinks: false,
      maxFileSize: 1024 ** 3,
    };
    const report = await scan({ ...base(), walk, threads: 0, signal: controller.signal });
    expect(report.summary.complete).toBe(false);
    expect(report.errors.map((e) => [e.path, e.code])).toEqual([[tree, 'INTERRUPTED']]);
  });

  it('an already aborted signal scans nothing and says so for the whole root', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await scan({ ...base(), threads: 0, signal: controller.signal });
    expect(report.summary.filesScanned).toBe(0);
    expect(report.summary.complete).toBe(false);
    expect(report.errors).toEqual([
      { path: tree, code: 'INTERRUPTED', message: 'not scanned: the scan was interrupted' },
    ]);
  });
});

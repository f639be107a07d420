import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '../../src/model/report.js';
import { ROOT, runCli } from './cli.js';

// Trees for the workflow tests (diff, suppressions, baseline): real fixture files copied to new paths, and
// scanned through the real CLI with a fixed key so that fingerprints are stable from scan to scan.

/** A fixed organisation key: reports made with it can be compared. */
export const FIXED_KEY = '0123456789abcdef'.repeat(4);
export const OTHER_KEY = 'fedcba9876543210'.repeat(4);

/** The demo files the trees are built from (fabricated people; see fixtures/demo/EXPECTED.md). */
export const DEMO = {
  export: 'fixtures/demo/restore/customers_export.csv',
  care: 'fixtures/demo/restore/care_visits.tsv',
  log: 'fixtures/demo/tmp/debug.log',
  letter: 'fixtures/demo/letters/letter-0042.txt',
  app: 'fixtures/demo/src/app.js',
  catalogue: 'fixtures/demo/catalogue/products.csv',
} as const;

/** A gzip header followed by junk: residue lists it in `errors` as CORRUPT. */
export const CORRUPT_GZIP = Buffer.concat([
  Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]),
  Buffer.from('garbage-garbage-garbage'),
]);

export function workDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `residue-${prefix}-`));
}

export function keyFile(dir: string, key = FIXED_KEY, name = 'fingerprint.key'): string {
  const path = join(dir, name);
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return path;
}

/** Builds a tree: each entry maps a relative path to a fixture path (relative to the repo) or raw content. */
export function makeTree(root: string, files: Record<string, string | Buffer | { text: string }>): string {
  for (const [rel, source] of Object.entries(files)) {
    const target = join(root, rel);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof source === 'string') copyFileSync(join(ROOT, source), target);
    else if (Buffer.isBuffer(source)) writeFileSync(target, source);
    else writeFileSync(target, source.text);
  }
  return root;
}

/** Scans `tree` in-process with the given key and writes the JSON report to `out`; returns exit code and report. */
export async function scanToFile(
  tree: string,
  key: string,
  out: string,
  extra: string[] = [],
): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await runCli([
    'scan',
    tree,
    '--key-file',
    key,
    '--threads',
    '0',
    '--format',
    'json',
    '--output',
    out,
    ...extra,
  ]);
  if (r.code === 2) throw new Error(`scan failed: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(readFileSync(out, 'utf8')) as Report, stderr: r.stderr };
}

/** The surnames in the customers export: none may ever appear in a diff. */
export function exportSurnames(): string[] {
  const rows = readFileSync(join(ROOT, DEMO.export), 'utf8').trim().split('\n').slice(1);
  return rows.map((r) => r.split(',')[3] as string);
}

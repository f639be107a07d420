import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export { BIN, ROOT } from '../helpers/cli.js';

/** A fresh temp folder (the caller removes it). */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `residue-test-${label}-`));
}

/** A copy of fixtures/demo at `dir/demo`; returns its path. */
export function copyDemo(dir: string): string {
  const demo = join(dir, 'demo');
  cpSync(join(ROOT, 'fixtures', 'demo'), demo, { recursive: true });
  return demo;
}

export interface ReportJson {
  tool: { name: string; version: string };
  files: { path: string; verdict: string; records?: number; inspection?: string }[];
  errors: { path: string; code: string }[];
  summary: { filesScanned: number; verdicts: Record<string, number>; records: number; durationMs?: number };
  startedAt?: string;
  finishedAt?: string;
}

/** A JSON report without what differs from run to run (timings), ready to compare between two builds. */
export function comparable(json: string): ReportJson {
  const report = JSON.parse(json) as ReportJson;
  delete report.startedAt;
  delete report.finishedAt;
  delete report.summary.durationMs;
  return report;
}

/** What the demo tree yields (fixtures/demo/EXPECTED.md). */
export const DEMO_PERSONAL_DATA = [
  '.hidden/old_backup.json',
  'letters/letter-0042.txt',
  'restore/care_visits.tsv',
  'restore/customers_export.csv',
  'tmp/debug.log',
];

export function filesWith(report: ReportJson, verdict: string): string[] {
  return report.files
    .filter((f) => f.verdict === verdict)
    .map((f) => f.path)
    .sort();
}

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_LIMITS, type ExtractLimits } from '../engine/extract/limits.js';
import { type Progress, scan } from '../engine/scan.js';
import { EXIT } from '../model/exit-codes.js';
import type { Report } from '../model/report.js';
import { type FailOn, VERDICTS } from '../model/vocabulary.js';
import { packPaths } from '../rulepack/packs.js';

export interface ScanCommandOptions {
  paths: string[];
  include: string[];
  exclude: string[];
  followSymlinks: boolean;
  maxFileSize: number;
  threads: number | undefined;
  rules: string[];
  showValues: boolean;
  minConfidence: number;
  timeBudgetSeconds: number;
  /** Organisation fingerprint key (64 hex digits). */
  fingerprintKey: string;
  /** Overrides of the archive and document limits (DEFAULT_LIMITS otherwise). */
  limits?: Partial<ExtractLimits>;
  onProgress?: (p: Progress) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 ** 3;
export const DEFAULT_TIME_BUDGET_SECONDS = 600;
export const MAX_FINDINGS_PER_FILE = 1000;

/** Wiring only: cut the command's options into per-stage options and run the engine. */
export async function runScan(o: ScanCommandOptions): Promise<Report> {
  return scan({
    roots: o.paths,
    walk: {
      include: o.include,
      exclude: o.exclude,
      followSymlinks: o.followSymlinks,
      maxFileSize: o.maxFileSize,
    },
    packPaths: packPaths(o.rules).map((p) => resolve(p)),
    file: {
      minConfidence: o.minConfidence,
      showValues: o.showValues,
      maxFindings: MAX_FINDINGS_PER_FILE,
      timeBudgetMs: o.timeBudgetSeconds * 1000,
      limits: { ...DEFAULT_LIMITS, ...o.limits },
      fingerprintKey: o.fingerprintKey,
    },
    threads: o.threads ?? availableParallelism(),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}

/** 1 when a file's verdict reaches --fail-on; 3 when incomplete and asked to fail on it; 0 otherwise. */
export function scanExitCode(report: Report, failOn: FailOn, failOnIncomplete: boolean): number {
  if (failOn !== 'never') {
    const threshold = VERDICTS.indexOf(failOn);
    if (report.files.some((f) => VERDICTS.indexOf(f.verdict) >= threshold)) return EXIT.findings;
  }
  if (failOnIncomplete && !report.summary.complete) return EXIT.incomplete;
  return EXIT.ok;
}

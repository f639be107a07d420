import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { OwnerPrints } from '../engine/classify/owner-pack.js';
import { DEFAULT_LIMITS, type ExtractLimits } from '../engine/extract/limits.js';
import { Fingerprinter } from '../engine/fingerprint/keyed.js';
import { type Progress, scan } from '../engine/scan.js';
import { releaseFiles } from '../engine/spool/file-spool.js';
import type { Shard } from '../engine/walk/shard.js';
import { ResidueError } from '../model/errors.js';
import { EXIT } from '../model/exit-codes.js';
import type { FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { type FailOn, VERDICTS } from '../model/vocabulary.js';
import { packPaths } from '../rulepack/packs.js';
import { loadBaseline } from '../workflow/baseline.js';
import {
  applySuppressions,
  hasStaleSuppressions,
  loadSuppressions,
  utcToday,
} from '../workflow/suppressions.js';
import { isRemoteScan, type RemoteCommandOptions, remoteOptions } from './remote.js';

export interface ScanCommandOptions {
  paths: string[];
  include: string[];
  exclude: string[];
  followSymlinks: boolean;
  maxFileSize: number;
  threads: number | undefined;
  /** Scan only this part of the walk (`--shard K/N`). */
  shard?: Shard;
  rules: string[];
  showValues: boolean;
  minConfidence: number;
  timeBudgetSeconds: number;
  /** Organisation fingerprint key (64 hex digits). */
  fingerprintKey: string;
  /** Overrides of the archive and document limits (DEFAULT_LIMITS otherwise). */
  limits?: Partial<ExtractLimits>;
  onProgress?: (p: Progress) => void;
  /** Each file's results as it completes (streamed output); ignored unless streamsFiles(options). */
  onFile?: (result: FileResult) => void;
  /** A suppressions file (README "Suppressions"). */
  suppressions?: string;
  /** An earlier JSON report whose file and finding fingerprints are suppressed (same key required). */
  baseline?: string;
  /** Today as YYYY-MM-DD (UTC), for suppression expiry; defaults to the real date. */
  today?: string;
  /** An owner's fingerprint pack (workflow/pack.ts ownerPrints): its records, values and files are reported. */
  ownerPrints?: OwnerPrints;
  /** Aborted on Ctrl-C: the scan stops and reports what it read, the rest listed as INTERRUPTED. */
  signal?: AbortSignal;
  /** How to reach sftp:// paths and --hosts (commands/remote.ts). */
  remote?: RemoteCommandOptions;
  /** JSON text of listed files kept in memory before the rest is spooled (engine/spool; tests make it small). */
  listMemoryChars?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 ** 3;
export const DEFAULT_TIME_BUDGET_SECONDS = 600;
export const MAX_FINDINGS_PER_FILE = 1000;

/**
 * Whether each file's results can be written as the file completes (onFile). Not with suppressions or a
 * baseline: they are applied to the finished report, so streamed lines would show what they leave out.
 */
export function streamsFiles(o: Pick<ScanCommandOptions, 'suppressions' | 'baseline'>): boolean {
  return !o.suppressions && !o.baseline;
}

/** Wiring only: cut the command's options into per-stage options and run the engine. */
export async function runScan(o: ScanCommandOptions): Promise<Report> {
  // Both are read before the scan, so a bad file or a baseline made with another key fails at once.
  const suppressions = o.suppressions ? loadSuppressions(o.suppressions) : undefined;
  const baseline = o.baseline ? loadBaseline(o.baseline) : undefined;
  if (baseline) {
    const keyId = new Fingerprinter(o.fingerprintKey).keyId();
    if (baseline.keyId !== keyId) {
      throw new ResidueError('REPORT_KEY_MISMATCH', {
        left: `baseline ${baseline.name}`,
        right: 'this scan',
        leftKey: baseline.keyId,
        rightKey: keyId,
      });
    }
  }
  // sftp:// roots only where the command says how to reach hosts (scan does; attest does not).
  const remote = o.remote && isRemoteScan(o.paths, o.remote) ? remoteOptions(o.paths, o.remote) : undefined;
  const report = await scan({
    roots: remote ? remote.targets.map((t) => t.display) : o.paths,
    ...(remote ? { remote } : {}),
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
      ...(o.ownerPrints ? { ownerPrints: o.ownerPrints } : {}),
    },
    threads: o.threads ?? availableParallelism(),
    ...(o.shard ? { shard: o.shard } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.onFile && streamsFiles(o) ? { onFile: o.onFile } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.listMemoryChars !== undefined ? { listMemoryChars: o.listMemoryChars } : {}),
  });
  if (!suppressions && !baseline) return report;
  const kept = applySuppressions(report, {
    ...(suppressions ? { suppressions } : {}),
    ...(baseline ? { baseline } : {}),
    today: o.today ?? utcToday(),
    ...(o.listMemoryChars !== undefined ? { listMemoryChars: o.listMemoryChars } : {}),
  });
  // What the scan listed was read once, into `kept`: its scratch file can go.
  releaseFiles(report.files);
  return kept;
}

/**
 * 1 when a file's verdict reaches --fail-on, or with --strict-suppressions when a suppression expired or
 * matched nothing; 3 when incomplete and asked to fail on it; 0 otherwise.
 */
export function scanExitCode(
  report: Report,
  failOn: FailOn,
  failOnIncomplete: boolean,
  strictSuppressions = false,
): number {
  if (failOn !== 'never') {
    const threshold = VERDICTS.indexOf(failOn);
    for (const f of report.files) if (VERDICTS.indexOf(f.verdict) >= threshold) return EXIT.findings;
  }
  if (strictSuppressions && hasStaleSuppressions(report)) return EXIT.findings;
  if (failOnIncomplete && !report.summary.complete) return EXIT.incomplete;
  return EXIT.ok;
}

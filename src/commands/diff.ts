import { EXIT } from '../model/exit-codes.js';
import { diffReports, type ReportDiff, readDiffSide } from '../workflow/diff.js';
import { PrintTable } from '../workflow/diff-prints.js';
import { diffJsonPieces, diffTextPieces } from '../workflow/diff-render.js';

export const DIFF_FORMATS = ['text', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions {
  before: string;
  after: string;
  format: DiffFormat;
  color: boolean;
  failOnIncomplete: boolean;
}

/**
 * `residue diff BEFORE AFTER`: wiring only. Reads both reports, compares them, renders: in pieces, to be
 * written one after another (a diff of millions of files would pass V8's string limit as one string).
 */
export function runDiff(o: DiffCommandOptions): {
  diff: ReportDiff;
  pieces: Iterable<string>;
  exitCode: number;
} {
  const prints = new PrintTable();
  const before = readDiffSide(o.before, prints);
  const after = readDiffSide(o.after, prints);
  const diff = diffReports(before, o.before, after, o.after);
  const pieces = o.format === 'json' ? diffJsonPieces(diff) : diffTextPieces(diff, { color: o.color });
  return { diff, pieces, exitCode: diffExitCode(diff, o.failOnIncomplete) };
}

/** 1 when personal data appeared; 3 when asked to fail on incomplete scans and one was; 0 otherwise. */
export function diffExitCode(diff: ReportDiff, failOnIncomplete: boolean): number {
  if (diff.summary.appeared) return EXIT.findings;
  if (failOnIncomplete && !diff.summary.complete) return EXIT.incomplete;
  return EXIT.ok;
}

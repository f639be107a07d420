import { ResidueError } from '../model/errors.js';
import type { FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { streamReportFile } from './report-stream.js';

/**
 * Reads an earlier JSON report whole, files and all (for `residue merge`). The checks and errors are those
 * of streamReportFile; `diff` and `--baseline` stream instead, keeping only what they compare.
 */
export function readReportFile(path: string): Report {
  const files: FileResult[] = [];
  const head = streamReportFile(path, (file) => {
    files.push(file);
  });
  return { ...head, files };
}

/** The key id both reports share; reports made with different keys cannot be compared (exit 2). */
export function sharedKeyId(
  left: Pick<Report, 'fingerprints'>,
  leftName: string,
  right: Pick<Report, 'fingerprints'>,
  rightName: string,
): string {
  const leftKey = left.fingerprints?.keyId;
  const rightKey = right.fingerprints?.keyId;
  if (!leftKey) throw new ResidueError('REPORT_NO_KEY', { path: leftName });
  if (!rightKey) throw new ResidueError('REPORT_NO_KEY', { path: rightName });
  if (leftKey !== rightKey) {
    throw new ResidueError('REPORT_KEY_MISMATCH', { left: leftName, right: rightName, leftKey, rightKey });
  }
  return leftKey;
}

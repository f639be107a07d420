import { type MergedReport, mergeReportFiles } from '../workflow/merge-files.js';

/** `residue merge`: the shard reports of one scan, checked and joined; the files are read as they are written. */
export function runMerge(paths: string[]): MergedReport {
  return mergeReportFiles(paths);
}

import type { Report } from '../model/report.js';
import { mergeReports } from '../workflow/merge.js';
import { readReportFile } from '../workflow/report-file.js';

/** `residue merge`: the shard reports of one scan, read and joined. */
export function runMerge(paths: string[]): Report {
  return mergeReports(paths.map(readReportFile));
}

import type { FileResult } from '../model/finding.js';
import type { ListedFiles, Summary } from '../model/report.js';
import { type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';
import { FileSpool, type SpoolOptions } from './spool/file-spool.js';

/**
 * What a scan keeps of each file's result until the report: files with findings are listed in the report and
 * go to a spool (in memory, then sealed on disk past a run's worth; see FileSpool); clean files are only
 * counted (and named when read as strings only), so memory stays flat however large the tree.
 */
export class ResultTally {
  /** Files read for printable strings only (the report names them all, clean or not). */
  readonly stringsOnly: string[] = [];
  files = 0;
  bytes = 0;
  records = 0;
  findings = 0;
  readonly verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  readonly byCategory: Partial<Record<Category, number>> = {};
  /** Files the report lists: every verdict but clean. */
  private readonly spool: FileSpool;

  constructor(spool: SpoolOptions) {
    this.spool = new FileSpool(spool);
  }

  add(r: FileResult): void {
    this.files++;
    this.bytes += r.size;
    this.records += r.records;
    this.verdicts[r.verdict]++;
    for (const c in r.counts) {
      const n = r.counts[c as Category] ?? 0;
      this.byCategory[c as Category] = (this.byCategory[c as Category] ?? 0) + n;
      this.findings += n;
    }
    if (r.inspection === 'strings') this.stringsOnly.push(r.path);
    if (r.verdict !== 'clean') this.spool.add({ ...r, counts: sortKeys(r.counts) });
  }

  /** The listed files in path order. Call once, at the end. */
  listed(): ListedFiles {
    return this.spool.finish();
  }

  /** The summary's counts of files and findings (the caller adds errors, skips and time). */
  counts(): Pick<Summary, 'filesScanned' | 'bytesScanned' | 'verdicts' | 'records' | 'findings'> {
    return {
      filesScanned: this.files,
      bytesScanned: this.bytes,
      verdicts: this.verdicts,
      records: this.records,
      findings: this.findings,
    };
  }
}

/** Counts by category, keys in order (as reports print them). */
export function sortKeys<T>(o: Partial<Record<Category, T>>): Partial<Record<Category, T>> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<
    Record<Category, T>
  >;
}

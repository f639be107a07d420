import { recordShape } from '../engine/classify/verdict.js';
import { sortKeys } from '../engine/tally.js';
import type { FileResult } from '../model/finding.js';
import type { ListedFiles, Summary } from '../model/report.js';
import { CATEGORIES, type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';

/**
 * A file's result without some of its findings, with counts and verdict brought back in line. Pure.
 *
 * The report keeps findings but not the record boundaries the verdict was computed from, so the verdict is
 * recomputed as far as the report allows, and never raised:
 * - no finding left → **clean**, 0 records;
 * - the categories left can no longer make a linking record (fewer than two category groups, or no category
 *   that points at a person — the README's rule) → **contains-pii**, 0 records;
 * - otherwise the verdict and record count stand as scanned: an upper bound, because the findings that are
 *   left may still sit together in the same records.
 * Counts of findings beyond the per-file cap (`truncated`) cannot be matched, so they stay counted.
 */
export function withoutFindings(file: FileResult, drop: ReadonlySet<number>): FileResult {
  if (drop.size === 0) return file;
  const counts: Partial<Record<Category, number>> = { ...file.counts };
  for (const i of drop) {
    const f = file.findings[i];
    if (!f) continue;
    const left = (counts[f.category] ?? 0) - 1;
    if (left > 0) counts[f.category] = left;
    else delete counts[f.category];
  }
  const findings = file.findings.filter((_, i) => !drop.has(i));
  const categories = CATEGORIES.filter((c) => (counts[c] ?? 0) > 0);
  let verdict: Verdict = file.verdict;
  let records = file.records;
  if (categories.length === 0) {
    verdict = 'clean';
    records = 0;
  } else if (!recordShape(categories).linking) {
    verdict = lower(file.verdict, 'contains-pii');
    records = 0;
  }
  const out: FileResult = { ...file, verdict, records, counts, findings };
  if (categories.length === 0) delete out.truncated;
  return out;
}

function lower(a: Verdict, b: Verdict): Verdict {
  return VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b;
}

/**
 * The summary of a report whose listed files changed (some suppressed, some recounted). Files that left the
 * list count as clean; byte, error and timing figures are those of the scan.
 */
export function recountSummary(files: ListedFiles, summary: Summary): Summary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  let records = 0;
  let findings = 0;
  let listed = 0;
  for (const f of files) {
    verdicts[f.verdict]++;
    if (f.verdict !== 'clean') listed++;
    records += f.records;
    for (const [c, n] of Object.entries(f.counts) as [Category, number][]) {
      byCategory[c] = (byCategory[c] ?? 0) + n;
      findings += n;
    }
  }
  verdicts.clean = summary.filesScanned - listed;
  return { ...summary, verdicts, records, findings, byCategory: sortKeys(byCategory) };
}

import { ResidueError } from '../model/errors.js';
import type { Report, Summary, SuppressionsStatus } from '../model/report.js';
import { type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';
import type { ReportHead } from './report-stream.js';

/**
 * Joins the reports of the N shards of one scan (`residue scan --shard K/N`) into the report one whole scan
 * would have given. Refuses reports that are not parts of one scan: other roots, keys, rule packs or tool
 * version, a shard given twice, or a shard missing (a merged report must never look complete when it is not).
 */
export function mergeReports(reports: Report[]): Report {
  return { ...mergeHeads(reports), files: reports.flatMap((r) => [...r.files]).sort(byPath) };
}

/** What mergeReports checks and gives, but the files: `residue merge` joins those as it writes them. */
export function mergeHeads(reports: ReportHead[]): ReportHead {
  const first = reports[0];
  if (!first) throw refuse('no reports given');
  for (const r of reports) {
    if (r.schemaVersion !== 1) throw refuse(`unsupported report schema version ${String(r.schemaVersion)}`);
    if (JSON.stringify(r.roots) !== JSON.stringify(first.roots))
      throw refuse('the reports scanned different roots');
    if (r.fingerprints?.keyId !== first.fingerprints?.keyId)
      throw refuse('the reports use different fingerprint keys');
    if (packsOf(r) !== packsOf(first)) throw refuse('the reports used different rule packs');
    if (r.tool.version !== first.tool.version)
      throw refuse('the reports come from different residue versions');
  }
  checkShards(reports);
  const errors = reports.flatMap((r) => r.errors).sort(byPath);
  const skipped = reports.flatMap((r) => r.skipped).sort(byPath);
  const stringsOnly = reports.flatMap((r) => r.stringsOnly ?? []).sort();
  const suppressed = reports.flatMap((r) => r.suppressed ?? []).sort(byPath);
  const startedAt = reports.map((r) => r.startedAt).sort()[0] as string;
  const finishedAt = reports
    .map((r) => r.finishedAt)
    .sort()
    .at(-1) as string;
  // Given whole reports (mergeReports), the files are the caller's to join.
  const { shard: _shard, suppressions: _s, files: _f, ...base } = first as Report;
  const merged: ReportHead = {
    ...base,
    startedAt,
    finishedAt,
    errors,
    skipped,
    stringsOnly,
    summary: sumSummaries(
      reports.map((r) => r.summary),
      Date.parse(finishedAt) - Date.parse(startedAt),
    ),
  };
  if (suppressed.length > 0) merged.suppressed = suppressed;
  const suppressions = mergeSuppressions(reports.map((r) => r.suppressions));
  if (suppressions) merged.suppressions = suppressions;
  return merged;
}

/** Reports list files by path, compared as strings (code units), as the scan sorts them. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function refuse(detail: string): ResidueError {
  return new ResidueError('MERGE', { detail });
}

function packsOf(r: ReportHead): string {
  return r.rulePacks.map((p) => `${p.name}@${p.version}`).join(',');
}

function checkShards(reports: ReportHead[]): void {
  const shards = reports.map((r) => r.shard);
  if (shards.every((s) => s === undefined)) {
    if (reports.length > 1) throw refuse('these are not shard reports (scan with --shard K/N)');
    return;
  }
  const count = shards[0]?.count;
  if (shards.some((s) => s === undefined || s.count !== count))
    throw refuse('the shards are of different splits');
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s?.index as number)) throw refuse(`shard ${s?.index}/${count} is given twice`);
    seen.add(s?.index as number);
  }
  const missing = Array.from({ length: count as number }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw refuse(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    );
}

function sumSummaries(parts: Summary[], durationMs: number): Summary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  const out: Summary = {
    filesScanned: 0,
    bytesScanned: 0,
    verdicts,
    records: 0,
    findings: 0,
    byCategory,
    errors: 0,
    skipped: 0,
    complete: true,
    durationMs,
  };
  for (const s of parts) {
    out.filesScanned += s.filesScanned;
    out.bytesScanned += s.bytesScanned;
    out.records += s.records;
    out.findings += s.findings;
    out.errors += s.errors;
    out.skipped += s.skipped;
    out.complete &&= s.complete;
    for (const v of VERDICTS) verdicts[v] += s.verdicts[v];
    for (const [c, n] of Object.entries(s.byCategory) as [Category, number][])
      byCategory[c] = (byCategory[c] ?? 0) + n;
  }
  out.byCategory = Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => (a < b ? -1 : 1)));
  return out;
}

/** An entry is unused only if no shard used it; expired entries are the same in every shard. */
function mergeSuppressions(parts: (SuppressionsStatus | undefined)[]): SuppressionsStatus | undefined {
  const given = parts.filter((p): p is SuppressionsStatus => p !== undefined);
  const first = given[0];
  if (!first) return undefined;
  const key = (e: { fingerprint: string; line: number }) => `${e.fingerprint}:${e.line}`;
  const unusedEverywhere = first.unused.filter((e) =>
    given.every((g) => g.unused.some((u) => key(u) === key(e))),
  );
  return { ...first, unused: unusedEverywhere };
}

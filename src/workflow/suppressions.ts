import picomatch from 'picomatch';
import { FileSpool } from '../engine/spool/file-spool.js';
import type { FileResult } from '../model/finding.js';
import type { Report, SuppressedItem, SuppressionEntryInfo, SuppressionsStatus } from '../model/report.js';
import type { Category } from '../model/vocabulary.js';
import type { Baseline } from './baseline.js';
import { recountSummary, withoutFindings } from './recount.js';
import type { SuppressionEntry, SuppressionsFile } from './suppressions-file.js';

export type { SuppressionEntry, SuppressionsFile } from './suppressions-file.js';
export { isCalendarDate, loadSuppressions } from './suppressions-file.js';

export interface SuppressionInput {
  /** Entries of a suppressions file. */
  suppressions?: SuppressionsFile;
  /** Fingerprints of an earlier report (`--baseline`). */
  baseline?: Baseline;
  /** Today's date, YYYY-MM-DD (UTC): an entry suppresses up to and including its `expires` day. */
  today: string;
  /** JSON text of kept files held in memory before the rest is spooled (FileSpool's default unless given). */
  listMemoryChars?: number;
}

/** Today in UTC, as suppressions compare it. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

interface Matcher {
  entry?: SuppressionEntry;
  reason: string;
  source: SuppressedItem['source'];
  matches(kind: SuppressedItem['kind'], fingerprint: string, path: string): boolean;
}

/**
 * The report without what the suppressions and the baseline cover, with `suppressed` and `suppressions`
 * filled in. Pure. A file whose content fingerprint an entry names is left out whole; otherwise each finding
 * whose fingerprint an entry names is dropped and the file recounted (see recount.ts for how the verdict
 * follows). Entries of the file are tried first, in file order; then the baseline. An expired entry
 * suppresses nothing and is listed under `suppressions.expired`; an entry in force that matched nothing is
 * listed under `suppressions.unused`.
 */
export function applySuppressions(report: Report, input: SuppressionInput): Report {
  const entries = input.suppressions?.entries ?? [];
  const active = entries.filter((e) => e.expires >= input.today);
  const expired = entries.filter((e) => e.expires < input.today);
  const find = matcherIndex(active.map(entryMatcher), input.baseline);
  const used = new Set<SuppressionEntry>();

  // Kept files in the order read (path order), spooled as the scan's were: a large report stays on disk.
  const kept = new FileSpool({
    roots: report.roots,
    ...(input.listMemoryChars !== undefined ? { memoryChars: input.listMemoryChars } : {}),
  });
  const suppressed: SuppressedItem[] = [];
  for (const file of report.files) {
    const whole = file.fingerprint ? find('file', file.fingerprint, file.path) : undefined;
    if (whole) {
      if (whole.entry) used.add(whole.entry);
      suppressed.push(item(file.path, 'file', file.fingerprint as string, undefined, total(file), whole));
      continue;
    }
    const drop = new Set<number>();
    const byPrint = new Map<string, { matcher: Matcher; category: Category; findings: number }>();
    for (const [i, finding] of file.findings.entries()) {
      if (!finding.fingerprint) continue;
      const m = find('finding', finding.fingerprint, file.path);
      if (!m) continue;
      if (m.entry) used.add(m.entry);
      drop.add(i);
      const key = `${finding.fingerprint}\u0000${finding.category}`;
      const seen = byPrint.get(key);
      if (seen) seen.findings++;
      else byPrint.set(key, { matcher: m, category: finding.category, findings: 1 });
    }
    for (const [key, s] of byPrint) {
      const fingerprint = key.slice(0, key.indexOf('\u0000'));
      suppressed.push(item(file.path, 'finding', fingerprint, s.category, s.findings, s.matcher));
    }
    const left = withoutFindings(file, drop);
    if (left.verdict !== 'clean') kept.add(left);
  }

  const status: SuppressionsStatus = {
    ...(input.suppressions ? { file: input.suppressions.file } : {}),
    ...(input.baseline ? { baseline: input.baseline.name } : {}),
    active: active.length,
    expired: expired.map(info),
    unused: active.filter((e) => !used.has(e)).map(info),
  };
  const files = kept.finish();
  return {
    ...report,
    files,
    suppressed,
    suppressions: status,
    summary: recountSummary(files, report.summary),
  };
}

/** True when `--strict-suppressions` should fail the run: an entry expired or matched nothing. */
export function hasStaleSuppressions(report: Report): boolean {
  const s = report.suppressions;
  return Boolean(s && (s.expired.length > 0 || s.unused.length > 0));
}

/** The first matcher for a fingerprint at a path: entries in file order (indexed by fingerprint), then the
 * baseline. */
function matcherIndex(
  entries: Matcher[],
  baseline: Baseline | undefined,
): (kind: SuppressedItem['kind'], fingerprint: string, path: string) => Matcher | undefined {
  const byPrint = new Map<string, Matcher[]>();
  for (const m of entries) {
    const key = (m.entry as SuppressionEntry).fingerprint;
    const list = byPrint.get(key);
    if (list) list.push(m);
    else byPrint.set(key, [m]);
  }
  const known = baseline ? baselineMatchers(baseline) : [];
  return (kind, fingerprint, path) =>
    byPrint.get(fingerprint)?.find((m) => m.matches(kind, fingerprint, path)) ??
    known.find((m) => m.matches(kind, fingerprint, path));
}

function entryMatcher(entry: SuppressionEntry): Matcher {
  const inPath = entry.path ? picomatch(entry.path, { dot: true }) : () => true;
  return {
    entry,
    reason: entry.reason,
    source: 'suppressions',
    matches: (_kind, fingerprint, path) => fingerprint === entry.fingerprint && inPath(path),
  };
}

function baselineMatchers(baseline: Baseline): Matcher[] {
  const reason = `in baseline report ${baseline.name}`;
  return [
    {
      reason,
      source: 'baseline',
      matches: (kind, fingerprint) => (kind === 'file' ? baseline.files : baseline.findings).has(fingerprint),
    },
  ];
}

function item(
  path: string,
  kind: SuppressedItem['kind'],
  fingerprint: string,
  category: Category | undefined,
  findings: number,
  m: Matcher,
): SuppressedItem {
  return {
    path,
    kind,
    fingerprint,
    ...(category ? { category } : {}),
    findings,
    reason: m.reason,
    ...(m.entry ? { owner: m.entry.owner, expires: m.entry.expires } : {}),
    source: m.source,
  };
}

function total(file: FileResult): number {
  return Object.values(file.counts).reduce((n, c) => n + (c ?? 0), 0);
}

function info(e: SuppressionEntry): SuppressionEntryInfo {
  return {
    fingerprint: e.fingerprint,
    ...(e.path !== undefined ? { path: e.path } : {}),
    reason: e.reason,
    owner: e.owner,
    expires: e.expires,
    line: e.line,
  };
}

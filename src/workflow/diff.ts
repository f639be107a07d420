import { createHash } from 'node:crypto';
import type { FileError, FileResult, Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { CATEGORIES, type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';
import { sharedKeyId } from './report-file.js';
import { streamReportFile } from './report-stream.js';

/**
 * `residue diff BEFORE AFTER`: what happened to personal data between two scans made with the same key.
 * Files are matched by path, by content fingerprint and by their set of finding fingerprints — never by line
 * numbers. Reports list only files with findings, so "absent" below means absent from `files`: not there,
 * or clean.
 */

export const DIFF_VERSION = 1 as const;

/** In the order the text output lists them: what needs attention first. */
export const DIFF_STATUSES = ['new', 'copy', 'move', 'changed', 'unread', 'gone', 'unchanged'] as const;
export type DiffStatus = (typeof DIFF_STATUSES)[number];

export interface FileState {
  verdict: Verdict;
  records: number;
  counts: Partial<Record<Category, number>>;
}

export interface FileDiff {
  /** The file's path in AFTER (in BEFORE for `gone` and `unread`). */
  path: string;
  status: DiffStatus;
  /** copy/move: the BEFORE file it came from. */
  from?: string;
  /** copy/move: matched by identical bytes, or by an identical set of finding fingerprints. */
  match?: 'content' | 'findings';
  /** True when this entry is personal data appearing: what makes the exit code 1. */
  appeared: boolean;
  /** The path's state in BEFORE (for copy/move: the original's). Null when there was none. */
  before: FileState | null;
  after: FileState | null;
  /** Distinct finding fingerprints present on one side only, per category. */
  added: Partial<Record<Category, number>>;
  removed: Partial<Record<Category, number>>;
  notes: string[];
}

export interface ScanInfo {
  report: string;
  roots: string[];
  startedAt: string;
  complete: boolean;
  /** Files listed with findings. */
  files: number;
}

export interface ReportDiff {
  diffVersion: typeof DIFF_VERSION;
  keyId: string;
  before: ScanInfo;
  after: ScanInfo;
  files: FileDiff[];
  /** Files not fully read in each scan: what the diff cannot speak for. */
  incomplete: { before: FileError[]; after: FileError[] };
  summary: Record<DiffStatus, number> & { appeared: boolean; complete: boolean };
}

/** What the diff reads of a listed file: what matches it to others and describes its state. */
export type DiffFile = Pick<
  FileResult,
  'path' | 'verdict' | 'records' | 'counts' | 'fingerprint' | 'truncated'
> & {
  findings: readonly DiffFinding[];
};
export type DiffFinding = Readonly<Pick<Finding, 'category' | 'fingerprint'>>;
/**
 * One object per value, shared by every file of both reports that holds it (by fingerprint): most of a
 * before/after pair is the same values, and a finding read fresh from each file cost ~70 bytes a time.
 */
export type FindingPool = Map<string, DiffFinding>;
/** What the diff reads of a report; a whole Report is one. */
export type DiffSide = Pick<Report, 'fingerprints' | 'roots' | 'startedAt' | 'errors'> & {
  files: DiffFile[];
};

// The vocabulary's own strings, so a million findings share a few instead of each holding a copy.
const VERDICT = new Map<string, Verdict>(VERDICTS.map((v) => [v, v]));
const CATEGORY = new Map<string, Category>(CATEGORIES.map((c) => [c, c]));

/**
 * Reads a report for diffReports, streaming its files and keeping of each only what the diff uses: a
 * finding's excerpt, reasons and rule are most of a report's bytes.
 */
export function readDiffSide(path: string, shared: FindingPool = new Map()): DiffSide {
  const files: DiffFile[] = [];
  const finding = (category: Category, fingerprint: string | undefined): DiffFinding => {
    if (fingerprint === undefined) return { category, fingerprint };
    const known = shared.get(fingerprint);
    if (known?.category === category) return known;
    const made = { category, fingerprint };
    if (!known) shared.set(fingerprint, made);
    return made;
  };
  const head = streamReportFile(path, (f) => {
    files.push({
      path: f.path,
      verdict: VERDICT.get(f.verdict) ?? f.verdict,
      records: f.records,
      counts: f.counts,
      fingerprint: f.fingerprint,
      truncated: f.truncated,
      findings: f.findings.map((x) => finding(CATEGORY.get(x.category) ?? x.category, x.fingerprint)),
    });
  });
  return {
    fingerprints: head.fingerprints,
    roots: head.roots,
    startedAt: head.startedAt,
    errors: head.errors,
    files,
  };
}

/** Compares two reports. Throws REPORT_NO_KEY / REPORT_KEY_MISMATCH when their fingerprints differ in key. */
export function diffReports(
  before: DiffSide,
  beforeName: string,
  after: DiffSide,
  afterName: string,
): ReportDiff {
  const keyId = sharedKeyId(before, beforeName, after, afterName);
  const beforeByPath = new Map(before.files.map((f) => [f.path, f]));
  const afterByPath = new Map(after.files.map((f) => [f.path, f]));
  const byContent = groupBy(before.files, (f) => f.fingerprint);
  const byFindings = groupBy(before.files, findingSetKey);
  const holders = valueIndex(before.files);
  const entries: FileDiff[] = [];
  const unreadAfter = erroredIn(after.errors);
  const unreadBefore = erroredIn(before.errors);

  // AFTER files at a path that had no findings before: a copy or move of a BEFORE file, or new.
  const arrivals: { file: DiffFile; source: DiffFile; match: 'content' | 'findings' }[] = [];
  for (const file of after.files) {
    const old = beforeByPath.get(file.path);
    if (old) {
      entries.push(samePath(old, file, unreadAfter(file.path)));
      continue;
    }
    const content = file.fingerprint ? firstOther(byContent.get(file.fingerprint), file.path) : undefined;
    const key = findingSetKey(file);
    const findings = !content && key ? firstOther(byFindings.get(key), file.path) : undefined;
    const source = content ?? findings;
    if (source) arrivals.push({ file, source, match: content ? 'content' : 'findings' });
    else {
      const notes = unreadBefore(file.path)
        ? ['not fully read in BEFORE: it may have been there already']
        : [];
      const within = containedIn(file, holders);
      if (within) notes.push(`every value in it was already in ${within} in BEFORE: a partial copy?`);
      entries.push(entry(file.path, 'new', null, file, notes));
    }
  }

  // A source still listed in AFTER (or not fully read there) was copied; one that is gone was moved to its
  // first destination, by path, and copied to any others.
  // Exact copies are considered for the move before re-exports.
  arrivals.sort((a, b) => (a.match === b.match ? 0 : a.match === 'content' ? -1 : 1));
  const destinations = new Map<string, number>();
  for (const a of arrivals) destinations.set(a.source.path, (destinations.get(a.source.path) ?? 0) + 1);
  const moved = new Set<string>();
  for (const a of arrivals) {
    const stillThere = afterByPath.has(a.source.path) || unreadAfter(a.source.path);
    const status: DiffStatus = stillThere || moved.has(a.source.path) ? 'copy' : 'move';
    if (status === 'move') moved.add(a.source.path);
    const notes =
      a.match === 'findings'
        ? ['same findings as the original, different bytes (re-exported, re-encoded or edited)']
        : [];
    const copies = destinations.get(a.source.path) ?? 1;
    if (copies > 1) notes.push(`${a.source.path} now appears at ${copies} new paths`);
    if (a.file.truncated || a.source.truncated) notes.push('findings truncated: compared as far as listed');
    entries.push({
      ...entry(a.file.path, status, a.source, a.file, notes),
      from: a.source.path,
      match: a.match,
    });
  }

  for (const old of before.files) {
    if (afterByPath.has(old.path) || moved.has(old.path)) continue;
    if (unreadAfter(old.path)) {
      entries.push(
        entry(old.path, 'unread', old, null, ['not fully read in AFTER: cannot say whether it is gone']),
      );
    } else {
      entries.push(entry(old.path, 'gone', old, null, []));
    }
  }

  entries.sort(
    (a, b) =>
      DIFF_STATUSES.indexOf(a.status) - DIFF_STATUSES.indexOf(b.status) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const summary: ReportDiff['summary'] = {
    new: 0,
    copy: 0,
    move: 0,
    changed: 0,
    unread: 0,
    gone: 0,
    unchanged: 0,
    appeared: false,
    complete: false,
  };
  for (const e of entries) summary[e.status]++;
  summary.appeared = entries.some((e) => e.appeared);
  summary.complete = before.errors.length === 0 && after.errors.length === 0;
  return {
    diffVersion: DIFF_VERSION,
    keyId,
    before: scanInfo(before, beforeName),
    after: scanInfo(after, afterName),
    files: entries,
    incomplete: { before: before.errors, after: after.errors },
    summary,
  };
}

/** The same path in both: unchanged when bytes and findings agree, changed otherwise. */
function samePath(old: DiffFile, file: DiffFile, unreadAfter: boolean): FileDiff {
  const sameContent = Boolean(old.fingerprint && old.fingerprint === file.fingerprint);
  const sameFindings = findingSetKey(old) === findingSetKey(file);
  const notes: string[] = [];
  if (sameContent && !sameFindings) {
    notes.push('same content, different findings: the scans used different rules or options');
  }
  if (unreadAfter) notes.push('not fully read in AFTER');
  if (old.truncated || file.truncated) notes.push('findings truncated: compared as far as listed');
  return entry(file.path, sameContent && sameFindings ? 'unchanged' : 'changed', old, file, notes);
}

function entry(
  path: string,
  status: DiffStatus,
  before: DiffFile | null,
  after: DiffFile | null,
  notes: string[],
): FileDiff {
  const was = new Map(
    (before?.findings ?? []).flatMap((f) => (f.fingerprint ? [[f.fingerprint, f.category]] : [])),
  );
  const now = new Map(
    (after?.findings ?? []).flatMap((f) => (f.fingerprint ? [[f.fingerprint, f.category]] : [])),
  );
  const added: Partial<Record<Category, number>> = {};
  const removed: Partial<Record<Category, number>> = {};
  for (const [print, category] of now) if (!was.has(print)) added[category] = (added[category] ?? 0) + 1;
  for (const [print, category] of was) if (!now.has(print)) removed[category] = (removed[category] ?? 0) + 1;
  return {
    path,
    status,
    appeared: appeared(status, before, after),
    before: before && state(before),
    after: after && state(after),
    added: inCategoryOrder(added),
    removed: inCategoryOrder(removed),
    notes,
  };
}

/** New files, copies and moves are personal data appearing; so is a changed file with more records or a
 * higher verdict. */
function appeared(status: DiffStatus, before: DiffFile | null, after: DiffFile | null): boolean {
  if (status === 'new' || status === 'copy' || status === 'move') return true;
  if (status !== 'changed' || !before || !after) return false;
  return after.records > before.records || VERDICTS.indexOf(after.verdict) > VERDICTS.indexOf(before.verdict);
}

function state(f: DiffFile): FileState {
  return { verdict: f.verdict, records: f.records, counts: inCategoryOrder(f.counts) };
}

function scanInfo(r: DiffSide, name: string): ScanInfo {
  return {
    report: name,
    roots: r.roots,
    startedAt: r.startedAt,
    complete: r.errors.length === 0,
    files: r.files.length,
  };
}

/** The sorted distinct finding fingerprints of a file, as one key; undefined when it has none. */
function findingSetKey(f: DiffFile): string | undefined {
  const prints = [...new Set(f.findings.flatMap((x) => (x.fingerprint ? [x.fingerprint] : [])))].sort();
  // A digest of the sorted set, not the set joined: a file of 1,000 values made a 33 KB key.
  return prints.length > 0 ? createHash('sha256').update(prints.join(',')).digest('base64') : undefined;
}

/**
 * For each finding fingerprint, the BEFORE files that hold it: one path as itself, more as a set (most values
 * sit in one file, and a set per value was most of a large diff's memory).
 */
type Holders = Map<string, string | Set<string>>;

function valueIndex(files: DiffFile[]): Holders {
  const out: Holders = new Map();
  for (const f of files) {
    for (const x of f.findings) {
      if (!x.fingerprint) continue;
      const paths = out.get(x.fingerprint);
      if (paths === undefined) out.set(x.fingerprint, f.path);
      else if (typeof paths !== 'string') paths.add(f.path);
      else if (paths !== f.path) out.set(x.fingerprint, new Set([paths, f.path]));
    }
  }
  return out;
}

/** The first BEFORE file (by path) holding every finding value of `file`, if one does. */
function containedIn(file: DiffFile, holders: Holders): string | undefined {
  let candidates: Set<string> | undefined;
  for (const x of file.findings) {
    if (!x.fingerprint) return undefined;
    const held = holders.get(x.fingerprint);
    if (held === undefined) return undefined;
    const paths = typeof held === 'string' ? new Set([held]) : held;
    candidates = candidates ? new Set([...candidates].filter((p) => paths.has(p))) : new Set(paths);
    if (candidates.size === 0) return undefined;
  }
  return candidates ? [...candidates].filter((p) => p !== file.path).sort()[0] : undefined;
}

function groupBy(files: DiffFile[], key: (f: DiffFile) => string | undefined): Map<string, DiffFile[]> {
  const out = new Map<string, DiffFile[]>();
  for (const f of files) {
    const k = key(f);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/** The first candidate (reports list files by path) at a path other than `path`. */
function firstOther(candidates: DiffFile[] | undefined, path: string): DiffFile | undefined {
  return candidates?.find((c) => c.path !== path);
}

/** Whether a scan could not fully read `path`, or the archive it sits in (`a.zip` for `a.zip!/b.csv`). */
function erroredIn(errors: FileError[]): (path: string) => boolean {
  const failed = new Set(errors.map((e) => e.path));
  return (path) => {
    if (failed.has(path)) return true;
    for (let at = path.indexOf('!/'); at !== -1; at = path.indexOf('!/', at + 2)) {
      if (failed.has(path.slice(0, at))) return true;
    }
    return false;
  };
}

function inCategoryOrder(counts: Partial<Record<Category, number>>): Partial<Record<Category, number>> {
  const out: Partial<Record<Category, number>> = {};
  for (const c of CATEGORIES) if (counts[c] !== undefined) out[c] = counts[c];
  return out;
}

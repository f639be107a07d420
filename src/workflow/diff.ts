import { createHash } from 'node:crypto';
import type { FileError, FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { CATEGORIES, type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';
import { PrintTable } from './diff-prints.js';
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

/** What the diff keeps of a listed file: what matches it to others and describes its state. */
export type DiffFile = Pick<
  FileResult,
  'path' | 'verdict' | 'records' | 'counts' | 'fingerprint' | 'truncated'
> & {
  /** Where its distinct finding fingerprints, as ids, start in the diff's PrintTable, and how many. */
  printsAt: number;
  printCount: number;
  /** Some finding has no fingerprint: the file cannot be found again by its values. */
  unprinted: boolean;
};
/** What the diff reads of a report. Both sides of one diff share one PrintTable. */
export type DiffSide = Pick<Report, 'fingerprints' | 'roots' | 'startedAt' | 'errors'> & {
  files: DiffFile[];
  prints: PrintTable;
};
/** A report parsed whole (tests, small reports): made into a DiffSide when compared. */
export type WholeReport = Pick<
  Report<FileResult[]>,
  'fingerprints' | 'roots' | 'startedAt' | 'errors' | 'files'
>;

// The vocabulary's own strings, so a million findings share a few instead of each holding a copy.
const VERDICT = new Map<string, Verdict>(VERDICTS.map((v) => [v, v]));
const CATEGORY = new Map<string, Category>(CATEGORIES.map((c) => [c, c]));

/**
 * Reads a report for diffReports, streaming its files and keeping of each only what the diff uses: a
 * finding's excerpt, reasons and rule are most of a report's bytes, and its fingerprint becomes an id.
 */
export function readDiffSide(path: string, prints: PrintTable = new PrintTable()): DiffSide {
  const files: DiffFile[] = [];
  const head = streamReportFile(path, (f) => files.push(diffFile(f, prints)));
  return {
    fingerprints: head.fingerprints,
    roots: head.roots,
    startedAt: head.startedAt,
    errors: head.errors,
    files,
    prints,
  };
}

function diffFile(f: FileResult, prints: PrintTable): DiffFile {
  const ids: number[] = [];
  let unprinted = false;
  for (const x of f.findings) {
    if (x.fingerprint === undefined) unprinted = true;
    else ids.push(prints.id(x.fingerprint, CATEGORY.get(x.category) ?? x.category));
  }
  const list = prints.addList(ids);
  return {
    path: f.path,
    verdict: VERDICT.get(f.verdict) ?? f.verdict,
    records: f.records,
    counts: f.counts,
    fingerprint: f.fingerprint,
    truncated: f.truncated,
    printsAt: list.at,
    printCount: list.count,
    unprinted,
  };
}

function asSide(side: DiffSide | WholeReport, prints: PrintTable): DiffSide {
  if ('prints' in side) {
    if (side.prints !== prints) throw new Error('the two sides of a diff must share one PrintTable');
    return side;
  }
  return { ...side, files: side.files.map((f) => diffFile(f, prints)), prints };
}

/** Compares two reports. Throws REPORT_NO_KEY / REPORT_KEY_MISMATCH when their fingerprints differ in key. */
export function diffReports(
  beforeInput: DiffSide | WholeReport,
  beforeName: string,
  afterInput: DiffSide | WholeReport,
  afterName: string,
): ReportDiff {
  const keyId = sharedKeyId(beforeInput, beforeName, afterInput, afterName);
  const table =
    'prints' in beforeInput
      ? beforeInput.prints
      : 'prints' in afterInput
        ? afterInput.prints
        : new PrintTable();
  const before = asSide(beforeInput, table);
  const after = asSide(afterInput, table);
  const idsOf: IdsOf = (f) => table.list(f.printsAt, f.printCount);
  const setKey = (f: DiffFile) => findingSetKey(idsOf(f));
  const entry = entryMaker(table, idsOf);
  const beforeByPath = new Map(before.files.map((f) => [f.path, f]));
  const afterByPath = new Map(after.files.map((f) => [f.path, f]));
  const byContent = groupBy(before.files, (f) => f.fingerprint);
  const byFindings = groupBy(before.files, setKey);
  const holders = valueIndex(before.files, table.size, idsOf);
  const entries: FileDiff[] = [];
  const unreadAfter = erroredIn(after.errors);
  const unreadBefore = erroredIn(before.errors);

  // AFTER files at a path that had no findings before: a copy or move of a BEFORE file, or new.
  const arrivals: { file: DiffFile; source: DiffFile; match: 'content' | 'findings' }[] = [];
  for (const file of after.files) {
    const old = beforeByPath.get(file.path);
    if (old) {
      entries.push(samePath(old, file, unreadAfter(file.path), entry, setKey(old) === setKey(file)));
      continue;
    }
    const content = file.fingerprint ? firstOther(byContent.get(file.fingerprint), file.path) : undefined;
    const key = setKey(file);
    const findings = !content && key ? firstOther(byFindings.get(key), file.path) : undefined;
    const source = content ?? findings;
    if (source) arrivals.push({ file, source, match: content ? 'content' : 'findings' });
    else {
      const notes = unreadBefore(file.path)
        ? ['not fully read in BEFORE: it may have been there already']
        : [];
      const within = containedIn(idsOf(file), file, holders, before.files);
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
function samePath(
  old: DiffFile,
  file: DiffFile,
  unreadAfter: boolean,
  entry: EntryMaker,
  sameFindings: boolean,
): FileDiff {
  const sameContent = Boolean(old.fingerprint && old.fingerprint === file.fingerprint);
  const notes: string[] = [];
  if (sameContent && !sameFindings) {
    notes.push('same content, different findings: the scans used different rules or options');
  }
  if (unreadAfter) notes.push('not fully read in AFTER');
  if (old.truncated || file.truncated) notes.push('findings truncated: compared as far as listed');
  return entry(file.path, sameContent && sameFindings ? 'unchanged' : 'changed', old, file, notes);
}

type EntryMaker = (
  path: string,
  status: DiffStatus,
  before: DiffFile | null,
  after: DiffFile | null,
  notes: string[],
) => FileDiff;

/** Entries counting the values on one side only by category, from the files' ascending ids. */
function entryMaker(table: PrintTable, idsOf: IdsOf): EntryMaker {
  return (path, status, before, after, notes) => {
    const was = before ? idsOf(before) : NO_PRINTS;
    const now = after ? idsOf(after) : NO_PRINTS;
    const added: Partial<Record<Category, number>> = {};
    const removed: Partial<Record<Category, number>> = {};
    const count = (into: Partial<Record<Category, number>>, id: number): void => {
      const category = table.category(id);
      into[category] = (into[category] ?? 0) + 1;
    };
    let i = 0;
    let j = 0;
    while (i < was.length || j < now.length) {
      const a = i < was.length ? (was[i] as number) : Number.POSITIVE_INFINITY;
      const b = j < now.length ? (now[j] as number) : Number.POSITIVE_INFINITY;
      if (a === b) {
        i++;
        j++;
      } else if (a < b) {
        count(removed, a);
        i++;
      } else {
        count(added, b);
        j++;
      }
    }
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
  };
}

const NO_PRINTS = new Uint32Array(0);

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

/** A file's ids in the diff's PrintTable (a view: used at once, never kept). */
type IdsOf = (f: DiffFile) => Uint32Array;

/** A file's distinct finding fingerprints as one key (a digest of its ids); undefined when it has none. */
function findingSetKey(ids: Uint32Array): string | undefined {
  if (ids.length === 0) return undefined;
  return createHash('sha256')
    .update(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength))
    .digest('base64');
}

/**
 * For each print id, the BEFORE files (by index) that hold it: most values sit in one file, held as its index
 * in an array; a value several files hold is marked SHARED and its files are kept in a map.
 */
interface Holders {
  one: Int32Array;
  many: Map<number, number[]>;
}
const NONE = -1;
const SHARED = -2;

function valueIndex(files: DiffFile[], ids: number, idsOf: IdsOf): Holders {
  const one = new Int32Array(ids).fill(NONE);
  const many = new Map<number, number[]>();
  for (const [index, f] of files.entries()) {
    for (const id of idsOf(f)) {
      const held = one[id] as number;
      if (held === NONE) one[id] = index;
      else if (held === SHARED) (many.get(id) as number[]).push(index);
      else if (held !== index) {
        one[id] = SHARED;
        many.set(id, [held, index]);
      }
    }
  }
  return { one, many };
}

/** The first BEFORE file (by path) holding every finding value of `file`, if one does. */
function containedIn(
  ids: Uint32Array,
  file: DiffFile,
  holders: Holders,
  beforeFiles: DiffFile[],
): string | undefined {
  if (file.unprinted || ids.length === 0) return undefined;
  let candidates: Set<number> | undefined;
  for (const id of ids) {
    const held = id < holders.one.length ? (holders.one[id] as number) : NONE;
    if (held === NONE) return undefined;
    const files = held === SHARED ? (holders.many.get(id) as number[]) : [held];
    candidates = candidates ? new Set(files.filter((i) => candidates?.has(i))) : new Set(files);
    if (candidates.size === 0) return undefined;
  }
  const paths = [...(candidates ?? [])].map((i) => (beforeFiles[i] as DiffFile).path);
  return paths.filter((p) => p !== file.path).sort()[0];
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

/**
 * `counts` with its categories in vocabulary order. Counts already in order (a report's are) are returned as
 * they are, and no counts as one shared empty object: a diff of half a million files made a million copies.
 */
function inCategoryOrder(counts: Partial<Record<Category, number>>): Partial<Record<Category, number>> {
  let last = -1;
  let ordered = true;
  let size = 0;
  for (const key in counts) {
    const at = CATEGORY_INDEX.get(key) ?? -1;
    if (at <= last || counts[key as Category] === undefined) ordered = false;
    last = at;
    size++;
  }
  if (size === 0) return NO_COUNTS;
  if (ordered) return counts;
  const out: Partial<Record<Category, number>> = {};
  for (const c of CATEGORIES) if (counts[c] !== undefined) out[c] = counts[c];
  return out;
}

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
const NO_COUNTS: Partial<Record<Category, number>> = Object.freeze({});

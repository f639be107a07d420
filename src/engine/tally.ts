import type { FileResult } from '../model/finding.js';
import type { Summary } from '../model/report.js';
import { type Category, ENCODINGS, INSPECTIONS, VERDICTS, type Verdict } from '../model/vocabulary.js';

/**
 * What a scan keeps of each file's result until the report: files with findings are listed in the report and
 * kept (compactly); clean files are only counted (and named when read as strings only), so a tree of 200k
 * mostly clean files holds little more than its findings.
 */
export class ResultTally {
  /** Files the report lists: every verdict but clean. */
  readonly listed: FileResult[] = [];
  /** Files read for printable strings only (the report names them all, clean or not). */
  readonly stringsOnly: string[] = [];
  files = 0;
  bytes = 0;
  records = 0;
  findings = 0;
  readonly verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  readonly byCategory: Partial<Record<Category, number>> = {};

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
    if (r.verdict !== 'clean') this.listed.push(compact(r));
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

const EMPTY_COUNTS: FileResult['counts'] = Object.freeze({});
const NO_FINDINGS: FileResult['findings'] = Object.freeze([]) as unknown as FileResult['findings'];
const WORDS = new Map<string, string>(
  [...VERDICTS, ...INSPECTIONS, ...ENCODINGS].map((w) => [w, w] as [string, string]),
);

/** Distinct words and reason lists kept for sharing; they come from rule packs, so this never fills. */
const SHARED_LIMIT = 10_000;
const SHARED = new Map<string, string>();
const SHARED_LISTS = new Map<string, string[]>();

function shared<T extends string>(word: T): T {
  const known = SHARED.get(word);
  if (known !== undefined) return known as T;
  if (SHARED.size < SHARED_LIMIT) SHARED.set(word, word);
  return word;
}

function sharedList(list: string[]): string[] {
  const key = JSON.stringify(list);
  const known = SHARED_LISTS.get(key);
  if (known !== undefined) return known;
  if (SHARED_LISTS.size < SHARED_LIMIT) SHARED_LISTS.set(key, list);
  return list;
}

/**
 * A result as it is kept until the report: a worker's answer arrives as fresh copies of every string and
 * object. Vocabulary words and empty counts and findings are shared.
 */
function compact(r: FileResult): FileResult {
  const out: FileResult = {
    path: r.path,
    size: r.size,
    verdict: (WORDS.get(r.verdict) ?? r.verdict) as FileResult['verdict'],
    records: r.records,
    inspection: (WORDS.get(r.inspection) ?? r.inspection) as FileResult['inspection'],
    encoding: (WORDS.get(r.encoding) ?? r.encoding) as FileResult['encoding'],
    counts: Object.keys(r.counts).length === 0 ? EMPTY_COUNTS : r.counts,
    findings: r.findings.length === 0 ? NO_FINDINGS : r.findings,
  };
  // Every finding arrives with its own copies of a few dozen distinct words and reason lists.
  for (const f of r.findings) {
    f.category = shared(f.category);
    f.ruleId = shared(f.ruleId);
    f.severity = shared(f.severity);
    f.reasons = sharedList(f.reasons);
  }
  if (r.truncated) out.truncated = true;
  if (r.fingerprint !== undefined) out.fingerprint = r.fingerprint;
  return out;
}

import type { FileResult, Finding } from '../../model/finding.js';
import type { Category } from '../../model/vocabulary.js';
import type { RawMatch } from '../detect/detect.js';
import { Fingerprinter } from '../fingerprint/keyed.js';
import { normaliseValue } from '../fingerprint/normalise.js';

/**
 * Exact data match against an owner's fingerprint pack (`residue fingerprint`, `scan --fingerprints`). The
 * pack's prints are keyed with the pack's own key, never the organisation's; a candidate's print under that
 * key is compared with the pack, so nothing of the owner's data is needed in plain text.
 */

export const OWNER_RULE = {
  value: 'fingerprint.value',
  record: 'fingerprint.record',
  file: 'fingerprint.file',
} as const;
export const OWNER_REASON = "matches the owner's fingerprint pack";

/** An owner's pack as plain data: it crosses the worker boundary inside FileScanOptions. */
export interface OwnerPrints {
  /** The pack's key (64 hex digits), stored in the pack: not the organisation key. */
  key: string;
  /** Value prints, Fingerprinter.value(category, value) under the pack key, by their column's category. */
  values: Partial<Record<Category, string[]>>;
  /** Each owner record: its print and the value prints it is made of (two or more). */
  records: { print: string; values: string[] }[];
  /** Content prints (Fingerprinter.content() under the pack key) of the files the owner handed over. */
  files: string[];
  /** The category a whole-file match is reported under: the pack's first column's. */
  fileCategory: Category;
}

/** A candidate with the owner's print (or record print) it matched; `ownerPrint` keys its finding's fingerprint. */
export interface OwnerMatch extends RawMatch {
  ownerPrint?: string;
}

interface ValueHit {
  match: RawMatch;
  prints: string[];
  /** Only words of a name matched (the pack holds surnames, say), not the whole name. */
  word: boolean;
}

const matchers = new WeakMap<OwnerPrints, OwnerMatcher>();

/** One matcher per pack object: built once per process or worker, however many files are scanned. */
export function ownerMatcher(prints: OwnerPrints): OwnerMatcher {
  let m = matchers.get(prints);
  if (!m) {
    m = new OwnerMatcher(prints);
    matchers.set(prints, m);
  }
  return m;
}

export class OwnerMatcher {
  readonly fingerprinter: Fingerprinter;
  private readonly values = new Map<Category, Set<string>>();
  /** Each record indexed once, under its rarest value print, so a common surname does not fan out. */
  private readonly byRarest = new Map<string, number[]>();
  private readonly files: Set<string>;

  constructor(readonly prints: OwnerPrints) {
    this.fingerprinter = new Fingerprinter(prints.key);
    for (const [category, list] of Object.entries(prints.values) as [Category, string[]][])
      this.values.set(category, new Set(list));
    this.files = new Set(prints.files);
    const frequency = new Map<string, number>();
    for (const r of prints.records) for (const v of r.values) frequency.set(v, (frequency.get(v) ?? 0) + 1);
    prints.records.forEach((r, index) => {
      let rarest: string | undefined;
      for (const v of r.values)
        if (rarest === undefined || (frequency.get(v) ?? 0) < (frequency.get(rarest) ?? 0)) rarest = v;
      if (rarest === undefined) return;
      const list = this.byRarest.get(rarest);
      if (list) list.push(index);
      else this.byRarest.set(rarest, [index]);
    });
  }

  hasFiles(): boolean {
    return this.files.size > 0;
  }

  isOwnerFile(contentPrint: string): boolean {
    return this.files.has(contentPrint);
  }

  /**
   * Applies the pack to one record: a reported candidate whose value is in the pack becomes a
   * `fingerprint.value` finding (confidence 1); a candidate that was not reported but is in the pack is added
   * as one; every owner record whose values are all here adds a `fingerprint.record` finding. `reported` is
   * changed in place; the number of owner records found is returned.
   */
  applyToRecord(candidates: readonly RawMatch[], reported: OwnerMatch[]): number {
    const hits = this.valueHits(candidates);
    if (hits.length === 0) return 0;
    const found = new Set<string>();
    for (const hit of hits) {
      for (const p of hit.prints) found.add(p);
      const index = reported.findIndex(
        (m) => m.start === hit.match.start && m.end === hit.match.end && m.category === hit.match.category,
      );
      const replacement = valueFinding(hit);
      if (index === -1) reported.push(replacement);
      else reported[index] = replacement;
    }
    const records = this.recordsWithin(found);
    for (const record of records) reported.push(recordFinding(record, hits));
    reported.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    return records.length;
  }

  /** Candidates whose value (or, for a name, one of its words) is in the pack; one per span and category. */
  private valueHits(candidates: readonly RawMatch[]): ValueHit[] {
    const hits: ValueHit[] = [];
    const seen = new Set<string>();
    for (const m of candidates) {
      const set = this.values.get(m.category);
      if (!set) continue;
      const key = `${m.start}:${m.end}:${m.category}`;
      if (seen.has(key)) continue;
      const whole = this.fingerprinter.value(m.category, m.value);
      if (set.has(whole)) {
        seen.add(key);
        hits.push({ match: m, prints: [whole], word: false });
        continue;
      }
      if (m.category !== 'person-name') continue;
      const words = normaliseValue('person-name', m.value).split(' ');
      if (words.length < 2) continue;
      const prints = words.map((w) => this.fingerprinter.value('person-name', w)).filter((p) => set.has(p));
      if (prints.length === 0) continue;
      seen.add(key);
      hits.push({ match: m, prints, word: true });
    }
    return hits;
  }

  private recordsWithin(found: ReadonlySet<string>): { print: string; values: string[] }[] {
    const out: { print: string; values: string[] }[] = [];
    for (const p of found) {
      for (const index of this.byRarest.get(p) ?? []) {
        const record = this.prints.records[index];
        if (record?.values.every((v) => found.has(v))) out.push(record);
      }
    }
    return out;
  }
}

function valueFinding(hit: ValueHit): OwnerMatch {
  const { personBoost: _b, needsPerson: _n, ...m } = hit.match;
  return {
    ...m,
    ruleId: OWNER_RULE.value,
    confidence: 1,
    reasons: hit.word ? [OWNER_REASON, 'a word of the name is in the pack'] : [OWNER_REASON],
  };
}

function recordFinding(record: { print: string; values: string[] }, hits: ValueHit[]): OwnerMatch {
  const values = new Set(record.values);
  const mine = hits.filter((h) => h.prints.some((p) => values.has(p)));
  // Reported where a name of the record sits, or at its first value.
  const anchor = (mine.find((h) => h.match.category === 'person-name') ?? mine[0] ?? hits[0]) as ValueHit;
  const { personBoost: _b, needsPerson: _n, ...m } = anchor.match;
  return {
    ...m,
    ruleId: OWNER_RULE.record,
    severity: 'high',
    confidence: 1,
    reasons: [`all ${record.values.length} values of one of the owner's records are in this record`],
    testData: false,
    ownerPrint: record.print,
  };
}

/**
 * Marks a file (or member) whose bytes are a file the owner handed over: a `fingerprint.file` finding at line 1,
 * column 1 of its result, created when the entry had none (an archive copied whole). Such a file is
 * personal-data: the owner handed it over as theirs.
 */
export function markOwnerFile(
  results: FileResult[],
  entry: { path: string; size: number },
  options: { category: Category; maxFindings: number; orgFingerprint?: string },
): void {
  const finding: Finding = {
    category: options.category,
    ruleId: OWNER_RULE.file,
    severity: 'high',
    line: 1,
    column: 1,
    confidence: 1,
    excerpt: '(whole file)',
    reasons: ["the file's content is a file in the owner's fingerprint pack"],
    ...(options.orgFingerprint ? { fingerprint: options.orgFingerprint } : {}),
  };
  let result = results.find((r) => r.path === entry.path);
  if (!result) {
    result = {
      path: entry.path,
      size: entry.size,
      verdict: 'clean',
      records: 0,
      // A database or archive copied whole: its tables or members are listed below it, read as they were.
      inspection: results.find((r) => r.path.startsWith(`${entry.path}!/`))?.inspection ?? 'strings',
      encoding: 'binary',
      counts: {},
      findings: [],
    };
    results.push(result);
  }
  if (result.findings.some((f) => f.ruleId === OWNER_RULE.file)) return;
  result.verdict = 'personal-data';
  result.counts[options.category] = (result.counts[options.category] ?? 0) + 1;
  result.findings.unshift(finding);
  if (result.findings.length > options.maxFindings) {
    result.findings.pop();
    result.truncated = true;
  }
}

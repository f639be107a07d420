import type { Finding } from '../../model/finding.js';
import type { Category, Verdict } from '../../model/vocabulary.js';
import { detached } from '../detect/detach.js';
import type { RawMatch } from '../detect/detect.js';
import { Fingerprinter } from '../fingerprint/keyed.js';
import { crossCheckLicences } from './licence-check.js';
import { mask } from './mask.js';
import { type OwnerMatch, type OwnerMatcher, type OwnerPrints, ownerMatcher } from './owner-pack.js';
import type { Span } from './records.js';
import { fileVerdict, groupOf, recordShape } from './verdict.js';

export interface ClassifyOptions {
  /** Findings below this confidence are not reported and do not count (default 0.5). */
  minConfidence: number;
  /** Keep the raw value on findings (the user asked with --show-values). */
  showValues: boolean;
  /** At most this many findings are kept per file; counts stay exact. */
  maxFindings: number;
  /** Organisation key (hex) for keyed fingerprints; none when absent. */
  fingerprintKey?: string;
  /** An owner's fingerprint pack (`scan --fingerprints`): its values, records and files are reported. */
  ownerPrints?: OwnerPrints;
}

/** Added to a candidate when its record also holds another category: identifiers corroborate each other. */
export const RECORD_BOOST = 0.15;
/** Distinct linking records remembered per file, so a repeated record (a log line, a licence header copied
 * into every module of a bundle) counts once; past this many, every record counts (memory stays bounded). */
const MAX_REMEMBERED_RECORDS = 20_000;
/** Candidates in one record at most; a record open with more is taken in slices of this many. */
export const MAX_RECORD_MATCHES = 1024;
/** Candidates below this never take part, not even to be corroborated. */
const CORROBORATION_FLOOR = 0.3;

export interface FileClassification {
  verdict: Verdict;
  records: number;
  counts: Partial<Record<Category, number>>;
  findings: Finding[];
  truncated: boolean;
}

/**
 * Turns the raw matches of one stream into findings, record by record, as record spans close. Holds only
 * the matches of records still open, so a long file never accumulates its whole match list.
 */
export class FileClassifier {
  private pending: RawMatch[] = [];
  /** pending[0, head) are already assigned to records; dropped in bulk, not one splice per record. */
  private head = 0;
  /** Inner records (Span.inner) of the record still open: where to cut it if it proves too big. */
  private inner: Span[] = [];
  /** pending[0, innerCursor) start before the last inner record remembered (see keepInner). */
  private innerCursor = 0;
  private oversized = false;
  private findings: Finding[] = [];
  private counts: Partial<Record<Category, number>> = {};
  private total = 0;
  private linkingRecords = 0;
  private contactRecords = 0;
  private readonly seenRecords = new Set<number>();
  private strongRecord = false;
  private truncated = false;

  private readonly fingerprinter: Fingerprinter | null;
  private readonly owner: OwnerMatcher | null;

  constructor(private readonly options: ClassifyOptions) {
    this.fingerprinter = options.fingerprintKey ? new Fingerprinter(options.fingerprintKey) : null;
    this.owner = options.ownerPrints ? ownerMatcher(options.ownerPrints) : null;
  }

  /** Matches of one segment; segments arrive in stream order. */
  add(matches: RawMatch[]): void {
    if (matches.length === 0) return;
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const m of matches) this.pending.push(m);
  }

  /** Records closed by the tracker: every pending match starting before a span's end belongs to it. */
  close(spans: Span[]): void {
    for (const span of spans) {
      if (span.inner) this.keepInner(span);
      else this.take(span.end, span.paragraph === true);
    }
    // A record still open with more candidates than any one person's data holds (a single JSON object of
    // megabytes, a line that never ends) is taken a part at a time: memory stays bounded, and so does the
    // work on each record.
    if (this.pending.length - this.head > MAX_RECORD_MATCHES) {
      // Once too big, the record stays cut at its inner records to its end.
      this.oversized = true;
      this.takeParts(Number.POSITIVE_INFINITY);
    }
    if (this.head > 4096 || this.head === this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.innerCursor = Math.max(0, this.innerCursor - this.head);
      this.head = 0;
    }
  }

  /**
   * Remembers an inner record that holds a candidate; one without (a JSON array of a million empty objects) can
   * never become a record, so the list holds no more inner records than candidates waiting.
   */
  private keepInner(span: Span): void {
    let n = Math.max(this.innerCursor, this.head);
    const from = n;
    while (n < this.pending.length && (this.pending[n] as RawMatch).start < span.end) n++;
    this.innerCursor = n;
    if (n > from) this.inner.push(span);
  }

  /** The pending matches before `end`, as one record, or in parts when there are too many for one person. */
  private take(end: number, paragraph: boolean): void {
    const n = this.endOf(end);
    if (this.oversized || n - this.head > MAX_RECORD_MATCHES) this.takeParts(end);
    else if (n > this.head) {
      const matches = this.pending.slice(this.head, n);
      this.head = n;
      for (const group of paragraph ? splitLists(matches) : [matches]) this.record(group);
    }
    if (this.inner.length > 0) this.inner = this.inner.filter((s) => s.end > end);
    this.oversized = false;
  }

  /**
   * The pending matches before `end` as several records: each inner record (an order in a page of orders)
   * with what precedes it, then slices of MAX_RECORD_MATCHES where no inner record cuts them small enough.
   */
  private takeParts(end: number): void {
    const inner = this.inner;
    this.inner = [];
    for (const span of inner) {
      if (span.end > end) this.inner.push(span);
      else this.slices(this.endOf(span.end));
    }
    if (Number.isFinite(end)) this.slices(this.endOf(end));
    // The record is still open: whole slices only, the rest waits for more of it.
    else this.slices(this.pending.length - ((this.pending.length - this.head) % MAX_RECORD_MATCHES));
  }

  /** pending[head, n) as records of at most MAX_RECORD_MATCHES. */
  private slices(n: number): void {
    while (this.head < n) {
      const to = Math.min(n, this.head + MAX_RECORD_MATCHES);
      this.record(this.pending.slice(this.head, to));
      this.head = to;
    }
  }

  /** The index past the pending matches that start before `end`. */
  private endOf(end: number): number {
    let n = this.head;
    while (n < this.pending.length && (this.pending[n] as RawMatch).start < end) n++;
    return n;
  }

  finish(): FileClassification {
    if (this.pending.length - this.head > MAX_RECORD_MATCHES) this.slices(this.pending.length);
    const rest = this.pending.slice(this.head);
    this.pending = [];
    this.head = 0;
    this.innerCursor = 0;
    if (rest.length > 0) for (const group of splitLists(rest)) this.record(group);
    return {
      verdict: fileVerdict({
        linkingRecords: this.linkingRecords,
        contactRecords: this.contactRecords,
        strongRecord: this.strongRecord,
        findings: this.total,
      }),
      records: this.linkingRecords,
      counts: this.counts,
      findings: this.findings,
      truncated: this.truncated,
    };
  }

  private record(matches: RawMatch[]): void {
    const { minConfidence } = this.options;
    const candidates: RawMatch[] = [];
    for (const m of crossCheckLicences(personRecordEvidence(matches, minConfidence)))
      if (m.confidence >= CORROBORATION_FLOOR) candidates.push(m);
    const kept = resolveOverlaps(candidates);
    const confirmedGroups = new Set<string>();
    for (const m of kept) if (m.confidence >= minConfidence) confirmedGroups.add(groupOf(m.category));
    const reported: OwnerMatch[] = [];
    for (const m of kept) {
      const others = hasOtherGroup(confirmedGroups, groupOf(m.category));
      const confidence = others
        ? Math.min(1, Math.round((m.confidence + RECORD_BOOST) * 100) / 100)
        : m.confidence;
      if (confidence < minConfidence) continue;
      if (others) {
        // The candidate is this record's alone from here on: raised in place, not copied (a million per export).
        m.confidence = confidence;
        m.reasons = withReason(m.reasons, CORROBORATED);
      }
      reported.push(m);
    }
    // An owner's record found here makes the file personal-data, whatever else the record holds.
    const ownerRecords = this.owner ? this.owner.applyToRecord(matches, reported) : 0;
    if (reported.length === 0) return;
    const shape = recordShape(reported.map((m) => m.category));
    if ((shape.linking || ownerRecords > 0) && this.isNewRecord(reported)) {
      this.linkingRecords++;
      if (shape.contactOnly && ownerRecords === 0) this.contactRecords++;
    }
    if (shape.strong || ownerRecords > 0) this.strongRecord = true;
    for (const m of reported) {
      this.total++;
      this.counts[m.category] = (this.counts[m.category] ?? 0) + 1;
      if (this.findings.length >= this.options.maxFindings) {
        this.truncated = true;
        continue;
      }
      this.findings.push(this.toFinding(m));
    }
  }

  /** False when the same values were already counted as a record of this file: the same person again. */
  private isNewRecord(matches: RawMatch[]): boolean {
    const key = recordKey(matches);
    if (this.seenRecords.has(key)) return false;
    if (this.seenRecords.size < MAX_REMEMBERED_RECORDS) this.seenRecords.add(key);
    return true;
  }

  private toFinding(m: OwnerMatch): Finding {
    const finding: Finding = {
      category: m.category,
      ruleId: m.ruleId,
      severity: m.severity,
      line: m.line,
      column: m.column,
      confidence: m.confidence,
      // Findings outlive their segment: detached, so a kept excerpt does not pin the megabytes it was cut from.
      excerpt: detached(this.options.showValues ? m.value : mask(m.value, m.category)),
      reasons: m.reasons,
    };
    if (m.testData) finding.testData = true;
    if (this.fingerprinter)
      finding.fingerprint = m.ownerPrint
        ? this.fingerprinter.raw(`${m.ruleId}\0${m.ownerPrint}`)
        : this.fingerprinter.value(m.category, m.value);
    if (this.options.showValues) finding.value = detached(m.value);
    return finding;
  }
}

const CORROBORATED = `record corroborated +${RECORD_BOOST}`;

/**
 * A record's values (category and value, case aside) as one number, whatever their order: two 32-bit hashes of
 * each value, summed over the record, in 53 bits. Building, sorting and joining the values as text cost 7% of a
 * scan of a CSV export. Two different records share a key with odds of about 2^-53 each, and then the second
 * is not counted: the record count is an estimate already.
 */
function recordKey(matches: readonly RawMatch[]): number {
  let low = 0;
  let high = 0;
  for (const m of matches) {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    const category = m.category;
    for (let i = 0; i < category.length; i++) {
      const c = category.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1, 0x01000193);
    h2 = Math.imul(h2 ^ (h2 >>> 15), 0x5bd1e995);
    const value = lowerCase(m.value);
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    low = (low + (h1 >>> 0)) >>> 0;
    high = (high + (h2 >>> 0)) >>> 0;
  }
  return (high & 0x1fffff) * 0x100000000 + low;
}

/** toLowerCase(), without a new string for ASCII text that is lower case already (most values). */
function lowerCase(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return value.toLowerCase();
  }
  return value;
}

function hasOtherGroup(groups: ReadonlySet<string>, group: string): boolean {
  for (const g of groups) if (g !== group) return true;
  return false;
}

/** Extended reason lists, by list and added reason: a list is shared by many matches, and so is each extension. */
const EXTENDED = new WeakMap<readonly string[], Map<string, string[]>>();

/** `reasons` plus one more; shared like the lists from detect (nothing mutates a finding's reasons). */
function withReason(reasons: string[], reason: string): string[] {
  let byReason = EXTENDED.get(reasons);
  if (!byReason) {
    byReason = new Map();
    EXTENDED.set(reasons, byReason);
  }
  let list = byReason.get(reason);
  if (!list) {
    list = [...reasons, reason];
    byReason.set(reason, list);
  }
  return list;
}

/**
 * A paragraph is one person's block (a letter's address) unless it lists several people: when one category
 * holds different values on different lines ("Jane Smith" on one, "Priya Patel" on the next), each line is a
 * record of its own.
 */
function splitLists(matches: RawMatch[]): RawMatch[][] {
  if (matches.length < 2) return [matches];
  const first = matches[0] as RawMatch;
  if (matches.every((m) => m.line === first.line)) return [matches];
  const seen = new Map<Category, { line: number; value: string }>();
  let list = false;
  // Only candidates that would be kept count: a name read inside a street ("Albert View" in "12 Albert View"),
  // dropped for the address it overlaps, is not a second person.
  const kept = new Set(resolveOverlaps(matches.filter((m) => m.confidence >= CORROBORATION_FLOOR)));
  for (const m of matches) {
    if (!kept.has(m)) continue;
    const value = m.value.toLowerCase();
    const before = seen.get(m.category);
    if (before && before.line !== m.line && before.value !== value) {
      list = true;
      break;
    }
    seen.set(m.category, { line: m.line, value });
  }
  if (!list) return [matches];
  const byLine = new Map<number, RawMatch[]>();
  for (const m of matches) {
    const group = byLine.get(m.line);
    if (group) group.push(m);
    else byLine.set(m.line, [m]);
  }
  return [...byLine.values()];
}

/**
 * Candidates without context of their own (a date with no "DOB" word or column, a bare NHS number) take the
 * record as context when it names a person: raised by their rule's person_record boost. Those whose rule
 * requires context are dropped from records that name nobody.
 */
function personRecordEvidence(matches: RawMatch[], minConfidence: number): RawMatch[] {
  if (!matches.some((m) => m.personBoost !== undefined)) return matches;
  // A name counts when it stands on its own, or when an identifier that stands on its own corroborates it; two
  // weak candidates (a product name, a barcode that passes mod-11) must not lift each other.
  const own = (m: RawMatch) => m.personBoost === undefined && m.confidence >= minConfidence;
  const confirmedOther = matches.some((m) => own(m) && m.category !== 'person-name');
  const person = matches.some(
    (m) =>
      m.category === 'person-name' &&
      m.personBoost === undefined &&
      (m.confidence >= minConfidence || (confirmedOther && m.confidence + RECORD_BOOST >= minConfidence)),
  );
  const out: RawMatch[] = [];
  for (const m of matches) {
    if (m.personBoost === undefined) out.push(m);
    else if (person) {
      const confidence = Math.min(1, Math.round((m.confidence + m.personBoost) * 100) / 100);
      const { personBoost, needsPerson: _, ...rest } = m;
      out.push({
        ...rest,
        confidence,
        reasons: withReason(m.reasons, `in a record naming a person +${personBoost}`),
      });
    } else if (!m.needsPerson) out.push(m);
  }
  return out;
}

/** Keeps the most confident of overlapping candidates (the same digits read as a phone and an NHS number). */
export function resolveOverlaps(matches: RawMatch[]): RawMatch[] {
  if (matches.length < 2) return matches.slice();
  const byStrength = sortedBy(matches.slice(), strongerFirst);
  // What is kept never overlaps, so sorted by start it is sorted by end too: a candidate overlaps something
  // kept exactly when it overlaps the last kept one that starts before it ends (a binary search, not a scan:
  // a record can hold thousands of candidates).
  const kept: RawMatch[] = [];
  for (const m of byStrength) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((kept[mid] as RawMatch).start < m.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && (kept[lo - 1] as RawMatch).end > m.start) continue;
    kept.splice(lo, 0, m);
  }
  // Already in text order but for ties (only an empty candidate could share a start): sorting costs one pass.
  return sortedBy(kept, inTextOrder);
}

function strongerFirst(a: RawMatch, b: RawMatch): number {
  return b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

function inTextOrder(a: RawMatch, b: RawMatch): number {
  return a.start - b.start || a.ruleId.localeCompare(b.ruleId);
}

/**
 * `list` sorted in place, stably, like Array.prototype.sort. A record holds a handful of matches, and sort()
 * allocates working storage on every call; an insertion sort of a few elements allocates nothing.
 */
function sortedBy<T>(list: T[], order: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(order);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && order(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

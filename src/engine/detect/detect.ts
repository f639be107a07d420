import { type Category, groupOf, type Severity } from '../../model/vocabulary.js';
import type { CompiledRule } from '../../rulepack/compiled.js';
import type { Segment } from '../extract/segment.js';
import { detectCells } from './cells.js';
import { detached } from './detach.js';
import { type FieldContext, headerMatches, matchedHeader } from './fields.js';
import { BY_NAME, numbered } from './numbered.js';
import { cellIndexIn, makeView, type SegmentView } from './segment-view.js';
import type { TableShape } from './table.js';

export type { SegmentView } from './segment-view.js';

/** A candidate that passed its rule's pattern, validators and context: not yet a reported finding. */
export interface RawMatch {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Offsets in the whole decoded stream. */
  start: number;
  end: number;
  line: number;
  column: number;
  value: string;
  confidence: number;
  reasons: string[];
  testData: boolean;
  /** Raised by this much when its record names a person (the rule's person_record boost). */
  personBoost?: number;
  /** Dropped unless its record names a person: it lacked the context its rule requires. */
  needsPerson?: boolean;
}

export interface DetectInput {
  segment: Segment;
  rules: readonly CompiledRule[];
  fields: FieldContext;
  /** Line number (1-based) of the table's header row, when the stream has one. */
  headerLine: number | null;
  /** Honour `residue-ignore: <reason>` comments: source code and configuration only (see source-code.ts). */
  inlineIgnore?: boolean;
}

/** Runs every rule over one segment: patterns first, then whole cells under known headers. */
export function detect({
  segment,
  rules,
  fields,
  headerLine,
  inlineIgnore = false,
}: DetectInput): RawMatch[] {
  const { text, acceptFrom, acceptUntil } = segment;
  fields.enterSegment(text);
  const view = makeView(segment, fields, headerLine, headersByGroup(rules));
  const lower = text.toLowerCase();
  const out: RawMatch[] = [];
  for (const rule of rules) {
    if (rule.keywords && !keywordsOf(rule).test(lower)) continue;
    for (const pattern of rule.patterns) {
      const { regex: re, plain, head: headGroup, value: valueGroup, plainValue } = numbered(pattern);
      re.lastIndex = acceptFrom;
      // Where the previous match of this pattern ended: matches of one pattern never overlap.
      let floor = acceptFrom;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        let head = headGroup > 0 ? m[headGroup] : headGroup === BY_NAME ? m.groups?.head : undefined;
        let group = valueGroup;
        if (head !== undefined && m.index - head.length < floor) {
          if (plain === null) {
            re.lastIndex = m.index + 1;
            continue;
          }
          // The head reaches into the previous match; the plain form may still start a shorter value at or
          // after the floor. It decides the next match, and the anchored form resumes at its end, the new floor.
          const p = plainMatchFrom(plain, text, floor);
          if (p === null) break;
          m = p;
          group = plainValue;
          head = undefined;
          re.lastIndex = p.index + p[0].length;
        }
        const groupValue = group > 0 ? m[group] : group === BY_NAME ? m.groups?.value : undefined;
        let value: string;
        let start: number;
        if (head !== undefined) {
          // The value began before the match, in a lookbehind (rules/README.md, "Anchored patterns").
          value = head + (groupValue ?? m[0]);
          start = m.index - head.length;
        } else {
          value = groupValue ?? m[0];
          start = groupValue === undefined ? m.index : m.index + m[0].indexOf(groupValue);
        }
        if (start >= acceptUntil) break;
        if (start < acceptFrom) continue;
        floor = m.index + m[0].length;
        const found = evaluate(rule, value, start, view, 'pattern');
        if (found) out.push(found);
      }
    }
  }
  detectCells(view, rules, out);
  if (!inlineIgnore || !text.includes(IGNORE_MARKER)) return out;
  return out.filter((m) => !ignoredLine(view, m.start - segment.base));
}

/** The plain form's first non-empty match from `from`, as its own loop in detect() would find it. */
function plainMatchFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length > 0) return m;
    re.lastIndex++;
  }
  return null;
}

const KEYWORDS = new WeakMap<CompiledRule, RegExp>();

/** A rule's keywords (lower case) as one pattern: one pass over the text, where includes() made one per word. */
function keywordsOf(rule: CompiledRule): RegExp {
  let re = KEYWORDS.get(rule);
  if (re === undefined) {
    const words = (rule.keywords ?? []).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // No keyword at all matches no text, as some() over none is false.
    re = words.length > 0 ? new RegExp(words.join('|')) : /(?!)/;
    KEYWORDS.set(rule, re);
  }
  return re;
}

/** `residue-ignore: <reason>` in a comment on a line of source code drops that line's findings. */
export const IGNORE_MARKER = 'residue-ignore';
/**
 * After a comment token (`//`, `#`, `/*`, `*`, `--`, `<!--`, `;`, `%`, `'`, `REM`) and with a reason: an
 * unexplained ignore is not honoured, so a reviewer always sees why.
 */
const IGNORE_IN_COMMENT =
  /(?:\/\/|#|\/\*|(?:^|\s)\*|--|<!--|;|%|'|\bREM\b)\s*residue-ignore(?::|\s)\s*[\p{L}\p{N}]/u;

function ignoredLine(view: SegmentView, index: number): boolean {
  const line = view.lineAt(index).text;
  return line.includes(IGNORE_MARKER) && IGNORE_IN_COMMENT.test(line);
}

const HEADERS_BY_GROUP = new WeakMap<readonly CompiledRule[], Map<string, Set<string>>>();

function headersByGroup(rules: readonly CompiledRule[]): Map<string, Set<string>> {
  let map = HEADERS_BY_GROUP.get(rules);
  if (!map) {
    map = new Map();
    for (const rule of rules) {
      const group = groupOf(rule.category);
      const set = map.get(group) ?? new Set<string>();
      for (const h of rule.context.headers) set.add(h);
      map.set(group, set);
    }
    HEADERS_BY_GROUP.set(rules, map);
  }
  return map;
}

/**
 * Validators, then header and context words, then the required-context gate. Null drops the candidate.
 * `column`: the value is a table's cell (see Validator).
 */
export function evaluate(
  rule: CompiledRule,
  value: string,
  start: number,
  view: SegmentView,
  how: 'pattern' | 'cell',
  knownKey?: string,
  column = false,
): RawMatch | null {
  let testData = false;
  for (const v of rule.validators) {
    const verdict = v.fn(value, how === 'cell', column);
    if (!verdict.ok) return null;
    if (verdict.testData) testData = true;
  }
  const table = view.fields.table;
  if (how === 'pattern' && table && crossesCells(view, start, value, table)) return null;
  const memo = ruleMemo(rule);
  // Reason lists are shared between matches (nothing mutates a finding's reasons): the rule's own list, or the
  // list for the combination of extra reasons a match earns (below).
  let fieldReason: string | null = null;
  let contextReason: string | null = null;
  let negativeReason: string | null = null;
  const ctx = rule.context;
  const pos = view.lines.position(start);
  let confidence = rule.confidence;
  let supported = false;
  if (ctx.headers.size > 0) {
    let key = knownKey ?? null;
    // The header row names the columns of the lines below it, not its own cells nor a title above it.
    if (key === null && (view.headerLine === null || pos.line > view.headerLine)) {
      const line = view.lineAt(start);
      const offset = start - line.start;
      const cell = table ? cellIndexIn(line, offset, table) : undefined;
      key = view.fields.keyAt(line.text, offset, start, false, cell);
    }
    let header: string | null = null;
    if (key) {
      const hit = memo.headerHit.get(key);
      header = hit === undefined ? remember(memo.headerHit, key, matchedHeader(key, ctx.headers)) : hit;
    }
    if (header !== null) {
      supported = true;
      fieldReason = reason(memo, 'field', header, ctx.boost);
    } else if (key && how === 'pattern' && namesOtherKindMemo(memo, view, rule, key)) {
      // "Willow Lane" under a `street` column is a street, not a person, whatever the name lists say.
      return null;
    }
  }
  const { text } = view.segment;
  const near =
    ctx.positive || ctx.negative
      ? table
        ? windowInLine(view, start, value.length, ctx.window)
        : windowAround(text, start, value.length, ctx.window)
      : '';
  const ascii = near.length > 0 && (view.ascii() || !NON_ASCII.test(near));
  if (!supported && ctx.positive) {
    const hit = wordsIn(ctx.positive, near, ascii);
    if (hit) {
      supported = true;
      contextReason = reason(memo, 'context', hit[0], ctx.boost);
    }
  }
  let personBoost: number | undefined;
  if (supported) confidence += ctx.boost;
  else {
    const viaPerson = ctx.personRecord?.validators.every((v) => v.fn(value).ok) ? ctx.personRecord : null;
    if (ctx.required && !viaPerson) return null;
    if (viaPerson) personBoost = viaPerson.boost;
  }
  if (ctx.negative) {
    const hit = wordsIn(ctx.negative, near, ascii);
    if (hit) {
      confidence -= ctx.penalty;
      negativeReason = reason(memo, 'negative context', hit[0], -ctx.penalty);
    }
  }
  let reasons = how === 'pattern' ? memo.pattern : memo.cell;
  if (fieldReason !== null || contextReason !== null || negativeReason !== null || testData) {
    // A few combinations cover every match: one array each, not one per match (a segment holds 100k matches).
    // Keyed by number: reason strings are memoised, so each has a small id (no string to build and hash).
    const field = reasonId(memo, fieldReason);
    const context = reasonId(memo, contextReason);
    const negative = reasonId(memo, negativeReason);
    const key =
      field < 0 || context < 0 || negative < 0
        ? -1
        : ((field * REASON_IDS + context) * REASON_IDS + negative) * 4 +
          (how === 'cell' ? 2 : 0) +
          (testData ? 1 : 0);
    const known = key < 0 ? undefined : memo.combined.get(key);
    if (known !== undefined) reasons = known;
    else {
      const all = reasons.slice();
      if (fieldReason !== null) all.push(fieldReason);
      if (contextReason !== null) all.push(contextReason);
      if (negativeReason !== null) all.push(negativeReason);
      if (testData) all.push('published test value');
      if (key >= 0 && memo.combined.size < MEMO_LIMIT) memo.combined.set(key, all);
      reasons = all;
    }
  }
  const base = view.segment.base;
  const match: RawMatch = {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    start: base + start,
    end: base + start + value.length,
    line: pos.line,
    column: pos.column,
    value,
    confidence: Math.max(0, Math.min(1, round2(confidence))),
    reasons,
    testData,
  };
  if (personBoost !== undefined) {
    match.personBoost = personBoost;
    if (ctx.required) match.needsPerson = true;
  }
  return match;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The text around a value, cut at blank lines: the next paragraph is about someone or something else. */
function windowAround(text: string, start: number, length: number, window: number): string {
  let from = Math.max(0, start - window);
  let to = Math.min(text.length, start + length + window);
  const before = text.slice(from, start);
  const blankBefore = before.search(/\n[ \t\r]*\n(?![\s\S]*\n[ \t\r]*\n)/);
  if (blankBefore !== -1) from += blankBefore + 1;
  const blankAfter = text.slice(start + length, to).search(/\n[ \t\r]*\n/);
  if (blankAfter !== -1) to = start + length + blankAfter;
  return text.slice(from, to);
}

/** In a table a value is one cell: "Dr,Graham" spans the title and forename columns and is not a name. */
function crossesCells(view: SegmentView, start: number, value: string, table: TableShape): boolean {
  const line = view.lineAt(start);
  const offset = start - line.start;
  const length = value.length;
  if (offset + length > line.text.length) return true;
  // Cells part at a delimiter: a value without one lies in one cell (most values; no cell lookup needed).
  if (table.delimiter !== null && !value.includes(table.delimiter)) return false;
  return cellIndexIn(line, offset, table) !== cellIndexIn(line, offset + length - 1, table);
}

/** In a table the context is the row itself: the header row and the rows around belong to other people. */
function windowInLine(view: SegmentView, start: number, length: number, window: number): string {
  const { text: line, start: lineStart } = view.lineAt(start);
  const offset = start - lineStart;
  return line.slice(Math.max(0, offset - window), Math.min(line.length, offset + length + window));
}

/** Any UTF-16 code unit past ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;
/** The shape rulepack/compile.ts gives a context-word list: (?<![\p{L}\p{N}])(?:words)(?![\p{L}\p{N}]). */
const WORDS_SHAPE = /^\(\?<!\[\\p\{L\}\\p\{N\}\]\)\(\?:([\x20-\x7e]*)\)\(\?!\[\\p\{L\}\\p\{N\}\]\)$/;
const ASCII_TWINS = new WeakMap<RegExp, RegExp | null>();

/**
 * Runs a context-word regex over `near`. Unicode-aware, case-insensitive matching is slow, and it runs for nearly
 * every candidate: ASCII text takes an ASCII twin instead (letters and digits are [A-Za-z0-9] there, and ASCII
 * words fold case the same way), which finds exactly the same words. Word lists with other characters keep the
 * original regex.
 */
function wordsIn(re: RegExp, near: string, ascii: boolean): RegExpExecArray | null {
  if (!ascii) return re.exec(near);
  let twin = ASCII_TWINS.get(re);
  if (twin === undefined) {
    const words = re.flags === 'iu' ? WORDS_SHAPE.exec(re.source)?.[1] : undefined;
    twin = words === undefined ? null : new RegExp(`(?<![A-Za-z0-9])(?:${words})(?![A-Za-z0-9])`, 'i');
    ASCII_TWINS.set(re, twin);
  }
  return (twin ?? re).exec(near);
}

function namesOtherKind(
  key: string,
  group: string,
  byGroup: ReadonlyMap<string, ReadonlySet<string>>,
): boolean {
  for (const [g, headers] of byGroup) if (g !== group && headerMatches(key, headers)) return true;
  return false;
}

/**
 * What evaluation remembers per rule. Reasons are the same few strings over and over (a million matches in a
 * large export), and the same keys come back on every row: each is worked out once. Keys come from the data,
 * so the key maps stop growing at MEMO_LIMIT entries.
 */
interface RuleMemo {
  pattern: string[];
  cell: string[];
  /** The rule's header that the key names, or null. */
  headerHit: Map<string, string | null>;
  /** Does the key name another category group's header? By the rule set's headers, then by key. */
  otherKind: WeakMap<ReadonlyMap<string, ReadonlySet<string>>, Map<string, boolean>>;
  /** Reason lists with the extra reasons a match earned, by the combination. */
  combined: Map<number, string[]>;
  /** An id per reason string (0 for none), for `combined`'s keys. */
  reasonIds: Map<string, number>;
  /** `field "dob" +0.5` and the like, by kind, then by word. */
  reasons: Record<ReasonKind, Map<string, string>>;
}

const MEMO_LIMIT = 10_000;
const RULE_MEMO = new WeakMap<CompiledRule, RuleMemo>();

function ruleMemo(rule: CompiledRule): RuleMemo {
  let memo = RULE_MEMO.get(rule);
  if (!memo) {
    const validated =
      rule.validators.length > 0 ? [`validated: ${rule.validators.map((v) => v.name).join(', ')}`] : [];
    memo = {
      pattern: [`pattern matched (base ${rule.confidence})`, ...validated],
      cell: [`cell matched (base ${rule.confidence})`, ...validated],
      headerHit: new Map(),
      otherKind: new WeakMap(),
      combined: new Map(),
      reasonIds: new Map(),
      reasons: { field: new Map(), context: new Map(), 'negative context': new Map() },
    };
    RULE_MEMO.set(rule, memo);
  }
  return memo;
}

function otherKindMemo(
  memo: RuleMemo,
  byGroup: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, boolean> {
  let map = memo.otherKind.get(byGroup);
  if (!map) {
    map = new Map();
    memo.otherKind.set(byGroup, map);
  }
  return map;
}

/** Remembers `value` under `key` (while the map has room) and returns it. (No closures: this runs per match.) */
function remember<T>(map: Map<string, T>, key: string, value: T): T {
  // Keys are cut from the text: a copy, so the memory does not hold on to segments long scanned.
  if (map.size < MEMO_LIMIT) map.set(detached(key), value);
  return value;
}

/** Does `key` name a column of another category group (by the rule set's headers)? */
function namesOtherKindMemo(memo: RuleMemo, view: SegmentView, rule: CompiledRule, key: string): boolean {
  const map = otherKindMemo(memo, view.headersByGroup);
  const known = map.get(key);
  return known ?? remember(map, key, namesOtherKind(key, groupOf(rule.category), view.headersByGroup));
}

/** Reason ids stay below this: the reason memos hold at most MEMO_LIMIT words each. */
const REASON_IDS = 4 * MEMO_LIMIT;

function reasonId(memo: RuleMemo, text: string | null): number {
  if (text === null) return 0;
  let id = memo.reasonIds.get(text);
  if (id === undefined) {
    // Reasons come from the rule's own words and headers, so this never fills; if it did, -1 skips the memo.
    if (memo.reasonIds.size >= REASON_IDS - 1) return -1;
    id = memo.reasonIds.size + 1;
    memo.reasonIds.set(text, id);
  }
  return id;
}

/** `field "dob" +0.5`, `context "nhs" +0.45`, `negative context "invoice" -0.4`. */
type ReasonKind = 'field' | 'context' | 'negative context';

function reason(memo: RuleMemo, kind: ReasonKind, word: string, delta: number): string {
  const map = memo.reasons[kind];
  return (
    map.get(word) ??
    remember(
      map,
      word,
      detached(`${kind} "${word.toLowerCase()}" ${delta < 0 ? '-' : '+'}${Math.abs(delta)}`),
    )
  );
}

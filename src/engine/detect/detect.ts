import { type Category, groupOf, type Severity } from '../../model/vocabulary.js';
import type { CompiledRule } from '../../rulepack/compiled.js';
import { LineIndex, type Segment } from '../extract/segment.js';
import { detectCells } from './cells.js';
import { type FieldContext, headerMatches } from './fields.js';
import { cellIndexAt, type TableShape } from './table.js';

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
}

/** What evaluating one candidate needs to know about the segment around it. */
export interface SegmentView {
  segment: Segment;
  lines: LineIndex;
  fields: FieldContext;
  headerLine: number | null;
  /** The whole line holding text[index], and index's offset in it. */
  lineAt(index: number): { line: string; offset: number };
  /** Every rule's column headers, by category group: a column named for one kind of value holds no other. */
  headersByGroup: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Runs every rule over one segment: patterns first, then whole cells under known headers. */
export function detect({ segment, rules, fields, headerLine }: DetectInput): RawMatch[] {
  const { text, acceptFrom, acceptUntil } = segment;
  fields.enterSegment(text);
  const view = makeView(segment, fields, headerLine, headersByGroup(rules));
  const lower = text.toLowerCase();
  const out: RawMatch[] = [];
  for (const rule of rules) {
    if (rule.keywords && !rule.keywords.some((k) => lower.includes(k))) continue;
    for (const re of rule.patterns) {
      re.lastIndex = acceptFrom;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const groupValue = m.groups?.value;
        const value = groupValue ?? m[0];
        const start = groupValue === undefined ? m.index : m.index + m[0].indexOf(groupValue);
        if (start >= acceptUntil) break;
        if (start < acceptFrom) continue;
        const found = evaluate(rule, value, start, view, 'pattern');
        if (found) out.push(found);
      }
    }
  }
  detectCells(view, rules, out);
  return text.includes(IGNORE_MARKER) ? out.filter((m) => !ignoredLine(view, m.start - segment.base)) : out;
}

/** `residue-ignore: <reason>` on a line (a comment in source code) drops that line's findings. */
export const IGNORE_MARKER = 'residue-ignore';
const IGNORE_WITH_REASON = /residue-ignore(?::|\s)\s*[\p{L}\p{N}]/u;

/** Only with a reason: an unexplained ignore is not honoured, so a reviewer always sees why. */
function ignoredLine(view: SegmentView, index: number): boolean {
  const { line } = view.lineAt(index);
  return line.includes(IGNORE_MARKER) && IGNORE_WITH_REASON.test(line);
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

/** Lines longer than this are seen through a window around the value (keys, cells and context are near). */
const MAX_LINE = 8192;

function newlinesOf(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

function makeView(
  segment: Segment,
  fields: FieldContext,
  headerLine: number | null,
  byGroup: ReadonlyMap<string, ReadonlySet<string>>,
): SegmentView {
  const { text } = segment;
  const cache = new Map<number, string>();
  let newlines: number[] | undefined;
  return {
    segment,
    lines: new LineIndex(segment),
    fields,
    headerLine,
    headersByGroup: byGroup,
    lineAt(index) {
      newlines ??= newlinesOf(text);
      // Binary search: the line holding `index` runs from the newline before it to the one at or after it.
      let lo = 0;
      let hi = newlines.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((newlines[mid] as number) < index) lo = mid + 1;
        else hi = mid;
      }
      let start = lo === 0 ? 0 : (newlines[lo - 1] as number) + 1;
      let end = lo < newlines.length ? (newlines[lo] as number) : text.length;
      if (end - start > MAX_LINE) {
        // A minified file is one huge line: look at the neighbourhood only, never copy megabytes per match.
        start = Math.max(start, index - MAX_LINE / 2);
        end = Math.min(end, index + MAX_LINE / 2);
        return { line: text.slice(start, end), offset: index - start };
      }
      let line = cache.get(start);
      if (line === undefined) {
        line = text.slice(start, end);
        cache.set(start, line);
      }
      return { line, offset: index - start };
    },
  };
}

/** Validators, then header and context words, then the required-context gate. Null drops the candidate. */
export function evaluate(
  rule: CompiledRule,
  value: string,
  start: number,
  view: SegmentView,
  how: 'pattern' | 'cell',
  knownKey?: string,
): RawMatch | null {
  let testData = false;
  for (const v of rule.validators) {
    const verdict = v.fn(value, how === 'cell');
    if (!verdict.ok) return null;
    if (verdict.testData) testData = true;
  }
  const table = view.fields.table;
  if (how === 'pattern' && table && crossesCells(view, start, value.length, table)) return null;
  const reasons: string[] = [...ruleReasons(rule, how)];
  const ctx = rule.context;
  const pos = view.lines.position(start);
  let confidence = rule.confidence;
  let supported = false;
  if (ctx.headers.size > 0) {
    let key = knownKey ?? null;
    if (key === null && pos.line !== view.headerLine) {
      const { line, offset } = view.lineAt(start);
      key = view.fields.keyAt(line, offset, start, false);
    }
    if (key && headerMatches(key, ctx.headers)) {
      supported = true;
      reasons.push(reason('field', key, ctx.boost));
    } else if (key && how === 'pattern' && namesOtherKind(key, groupOf(rule.category), view.headersByGroup)) {
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
  if (!supported && ctx.positive) {
    const hit = ctx.positive.exec(near);
    if (hit) {
      supported = true;
      reasons.push(reason('context', hit[0], ctx.boost));
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
    const hit = ctx.negative.exec(near);
    if (hit) {
      confidence -= ctx.penalty;
      reasons.push(reason('negative context', hit[0], -ctx.penalty));
    }
  }
  if (testData) reasons.push('published test value');
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
function crossesCells(view: SegmentView, start: number, length: number, table: TableShape): boolean {
  const { line, offset } = view.lineAt(start);
  if (offset + length > line.length) return true;
  return cellIndexAt(line, offset, table) !== cellIndexAt(line, offset + length - 1, table);
}

/** In a table the context is the row itself: the header row and the rows around belong to other people. */
function windowInLine(view: SegmentView, start: number, length: number, window: number): string {
  const { line, offset } = view.lineAt(start);
  return line.slice(Math.max(0, offset - window), Math.min(line.length, offset + length + window));
}

function namesOtherKind(
  key: string,
  group: string,
  byGroup: ReadonlyMap<string, ReadonlySet<string>>,
): boolean {
  for (const [g, headers] of byGroup) if (g !== group && headerMatches(key, headers)) return true;
  return false;
}

// Reasons are the same few strings over and over (a million matches in a large export): build each once.
const RULE_REASONS = new WeakMap<CompiledRule, Record<'pattern' | 'cell', readonly string[]>>();
const REASONS = new Map<string, string>();

function ruleReasons(rule: CompiledRule, how: 'pattern' | 'cell'): readonly string[] {
  let r = RULE_REASONS.get(rule);
  if (!r) {
    const validated =
      rule.validators.length > 0 ? [`validated: ${rule.validators.map((v) => v.name).join(', ')}`] : [];
    r = {
      pattern: [`pattern matched (base ${rule.confidence})`, ...validated],
      cell: [`cell matched (base ${rule.confidence})`, ...validated],
    };
    RULE_REASONS.set(rule, r);
  }
  return r[how];
}

/** `field "dob" +0.5`, `context "nhs" +0.45`, `negative context "invoice" -0.4`, memoised. */
function reason(kind: string, word: string, delta: number): string {
  const key = `${kind}\0${word}\0${delta}`;
  let text = REASONS.get(key);
  if (text === undefined) {
    text = `${kind} "${word.toLowerCase()}" ${delta < 0 ? '-' : '+'}${Math.abs(delta)}`;
    if (REASONS.size < 10_000) REASONS.set(key, text);
  }
  return text;
}

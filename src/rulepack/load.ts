import { readFileSync } from 'node:fs';
import {
  type Alias,
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from 'yaml';
import { ResidueError, type SourcePosition } from '../model/errors.js';
import { CATEGORIES, isOneOf, SEVERITIES } from '../model/vocabulary.js';
import type { RulePackSyntax } from './syntax.js';

/** A parsed pack plus a way to point at any of its nodes by path, for later (compile-time) errors. */
export interface LoadedPack {
  file: string;
  syntax: RulePackSyntax;
  positionOf(path: readonly (string | number)[]): SourcePosition;
}

const PACK_KEYS = ['name', 'version', 'description', 'rules'] as const;
const RULE_KEYS = [
  'id',
  'name',
  'description',
  'category',
  'severity',
  'confidence',
  'patterns',
  'flags',
  'keywords',
  'validators',
  'context',
  'cell_pattern',
  'examples',
  'negative_examples',
] as const;
const PATTERN_KEYS = ['anchored', 'plain'] as const;
const CONTEXT_KEYS = [
  'window',
  'positive',
  'negative',
  'headers',
  'boost',
  'penalty',
  'required',
  'person_record',
  'person_record_validators',
] as const;

/** Reads and shape-checks one pack. Throws ResidueError with file:line:column on the first problem. */
export function loadRulePack(file: string): LoadedPack {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new ResidueError('RULEPACK_NOT_FOUND', { pack: file }, { file });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return { file };
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    throw new ResidueError('RULEPACK_YAML', { detail: firstError.code }, at(firstError.pos[0]));
  }
  const positionOf = (path: readonly (string | number)[]): SourcePosition => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range[0]);
    }
    return { file };
  };
  const fail = (path: (string | number)[], detail: string, data: Record<string, unknown> = {}): never => {
    throw new ResidueError('RULEPACK_SCHEMA', { detail, ...data }, positionOf(path));
  };

  const root = doc.contents;
  if (!isMap(root)) return fail([], 'a rule pack must be a mapping with name, version and rules');
  checkKeys(root, PACK_KEYS, [], fail);
  const unresolved = unresolvedAlias(doc);
  if (unresolved)
    throw new ResidueError(
      'RULEPACK_YAML',
      { detail: `alias *${unresolved.source} has no anchor &${unresolved.source} before it` },
      at(unresolved.range?.[0]),
    );
  const json = doc.toJS() as Record<string, unknown>;
  expectString(json.name, ['name'], fail, /^[a-z0-9][a-z0-9-]*$/);
  expectString(json.version, ['version'], fail);
  if (json.description !== undefined) expectString(json.description, ['description'], fail);
  const rulesNode = root.get('rules', true);
  if (!isSeq(rulesNode) || rulesNode.items.length === 0)
    return fail(['rules'], 'rules must be a non-empty list');

  for (const [i, ruleNode] of rulesNode.items.entries()) {
    const path = ['rules', i];
    if (!isMap(ruleNode)) return fail(path, 'each rule must be a mapping');
    const rule = (json.rules as Record<string, unknown>[])[i] as Record<string, unknown>;
    const ruleId = typeof rule.id === 'string' ? rule.id : undefined;
    const failRule = (p: (string | number)[], detail: string): never => fail(p, detail, { ruleId });
    checkKeys(ruleNode, RULE_KEYS, path, failRule);
    expectString(rule.id, [...path, 'id'], failRule, /^[a-z0-9][a-z0-9.-]*$/);
    if (!isOneOf(CATEGORIES, rule.category)) failRule([...path, 'category'], 'unknown category');
    if (!isOneOf(SEVERITIES, rule.severity)) failRule([...path, 'severity'], 'unknown severity');
    expectUnit(rule.confidence, [...path, 'confidence'], failRule);
    expectPatterns(rule.patterns, ruleNode.get('patterns', true), [...path, 'patterns'], failRule);
    if (rule.flags !== undefined) {
      const once = /^(?!.*(.).*\1)[imsu]*$/;
      expectString(rule.flags, [...path, 'flags'], failRule, once, 'flags are letters from imsu, each once');
    }
    if (rule.keywords !== undefined) expectStrings(rule.keywords, [...path, 'keywords'], failRule, true);
    if (rule.validators !== undefined)
      expectStrings(rule.validators, [...path, 'validators'], failRule, false);
    if (rule.cell_pattern !== undefined) expectString(rule.cell_pattern, [...path, 'cell_pattern'], failRule);
    expectStrings(rule.examples, [...path, 'examples'], failRule, true);
    if (rule.negative_examples !== undefined) {
      expectStrings(rule.negative_examples, [...path, 'negative_examples'], failRule, false);
    }
    if (rule.context !== undefined) {
      const ctxPath = [...path, 'context'];
      const ctxNode = ruleNode.get('context', true);
      if (!isMap(ctxNode)) return failRule(ctxPath, 'context must be a mapping');
      checkKeys(ctxNode, CONTEXT_KEYS, ctxPath, failRule);
      const ctx = rule.context as Record<string, unknown>;
      if (ctx.window !== undefined && !(Number.isInteger(ctx.window) && (ctx.window as number) >= 0)) {
        failRule([...ctxPath, 'window'], 'window must be a whole number of characters');
      }
      for (const k of ['positive', 'negative', 'headers', 'person_record_validators'] as const) {
        if (ctx[k] !== undefined) expectStrings(ctx[k], [...ctxPath, k], failRule, false);
      }
      for (const k of ['boost', 'penalty', 'person_record'] as const) {
        if (ctx[k] !== undefined) expectUnit(ctx[k], [...ctxPath, k], failRule);
      }
      if (ctx.required !== undefined && typeof ctx.required !== 'boolean') {
        failRule([...ctxPath, 'required'], 'required must be true or false');
      }
    }
  }
  return { file, syntax: json as unknown as RulePackSyntax, positionOf };
}

type Fail = (path: (string | number)[], detail: string) => never;

function checkKeys(
  node: { items: { key: unknown }[] },
  allowed: readonly string[],
  path: (string | number)[],
  fail: Fail,
): void {
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.includes(key)) fail([...path, key], `unknown key "${key}"`);
  }
}

function expectString(
  v: unknown,
  path: (string | number)[],
  fail: Fail,
  shape?: RegExp,
  expected?: string,
): void {
  if (typeof v !== 'string' || v.length === 0) fail(path, 'expected a non-empty string');
  else if (shape && !shape.test(v)) fail(path, expected ?? `does not match ${shape.source}`);
}

function expectStrings(v: unknown, path: (string | number)[], fail: Fail, nonEmpty: boolean): void {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)) {
    fail(path, 'expected a list of strings');
  } else if (nonEmpty && v.length === 0) fail(path, 'expected at least one entry');
}

/** Each pattern is a regex source, or a mapping of an anchored form to the plain form it stands for. */
function expectPatterns(v: unknown, node: unknown, path: (string | number)[], fail: Fail): void {
  if (!Array.isArray(v)) fail(path, 'expected a list of strings');
  if (v.length === 0) fail(path, 'expected at least one entry');
  // The list's own nodes give an unknown key its line and column; a list reached through an alias (`*pats`)
  // has none here, and its entries are checked by value.
  const items = isSeq(node) ? node.items : null;
  for (const [j, entry] of v.entries()) {
    const where = [...path, j];
    if (typeof entry === 'string') {
      expectString(entry, where, fail);
      continue;
    }
    const entryNode = items?.[j];
    const isMapping = items
      ? isMap(entryNode)
      : typeof entry === 'object' && entry !== null && !Array.isArray(entry);
    if (!isMapping) {
      fail(where, 'a pattern is a regex string, or a mapping with `anchored` and `plain` regexes');
    }
    if (isMap(entryNode)) checkKeys(entryNode, PATTERN_KEYS, where, fail);
    else {
      for (const key of Object.keys(entry as object)) {
        if (!(PATTERN_KEYS as readonly string[]).includes(key)) fail([...where, key], `unknown key "${key}"`);
      }
    }
    const forms = entry as Record<string, unknown>;
    for (const k of PATTERN_KEYS) {
      if (forms[k] === undefined) fail(where, 'a pattern mapping needs both `anchored` and `plain`');
      expectString(forms[k], [...where, k], fail);
    }
  }
}

function expectUnit(v: unknown, path: (string | number)[], fail: Fail): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    fail(path, 'expected a number from 0 to 1');
}

/** The first alias (`*name`) with no anchor before it: toJS() would throw on it. */
function unresolvedAlias(doc: Document): Alias | null {
  let found: Alias | null = null;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

import { type AST, visitRegExpAST } from '@eslint-community/regexpp';
import type { CompiledPattern } from '../../rulepack/compiled.js';
import { parseRegex } from '../../rulepack/regex-safety.js';

/**
 * A pattern's regexes with their named groups numbered instead. A match of a regex with named groups carries a
 * `groups` object, a dictionary V8 builds for every match (half of what detect() allocated); numbered groups
 * are read from the match itself. Numbering is unchanged (named groups count in order with the others), so
 * each group and backreference means what it did. 0 stands for a group the pattern does not have, BY_NAME
 * for one of a regex the parser could not read.
 */
export interface NumberedPattern {
  regex: RegExp;
  plain: RegExp | null;
  head: number;
  value: number;
  plainValue: number;
}

/** The group number of a regex the parser could not read: its group is read from the match's `groups`. */
export const BY_NAME = -1;

const NUMBERED = new WeakMap<CompiledPattern, NumberedPattern>();

export function numbered(pattern: CompiledPattern): NumberedPattern {
  let n = NUMBERED.get(pattern);
  if (n === undefined) {
    const anchored = unnamed(pattern.regex);
    const plain = pattern.plain ? unnamed(pattern.plain) : null;
    const index = (groups: Map<string, number> | null | undefined, name: string): number =>
      groups === null ? BY_NAME : (groups?.get(name) ?? 0);
    n = {
      regex: anchored.regex,
      plain: plain?.regex ?? null,
      head: index(anchored.groups, 'head'),
      value: index(anchored.groups, 'value'),
      plainValue: index(plain?.groups, 'value'),
    };
    NUMBERED.set(pattern, n);
  }
  return n;
}

/**
 * `re` without group names (`(?<n>` → `(`, `\k<n>` → `(?:\N)`), and each name's group number. A regex the
 * parser cannot read is given back as it is, with no numbers: its groups are then read by name.
 */
export function unnamed(re: RegExp): { regex: RegExp; groups: Map<string, number> | null } {
  const pattern = parseRegex(re.source, re.flags);
  if (pattern === null) return { regex: re, groups: null };
  const groups = new Map<string, number>();
  const captures: AST.CapturingGroup[] = [];
  const refs: AST.Backreference[] = [];
  visitRegExpAST(pattern, {
    onCapturingGroupEnter: (g) => void captures.push(g),
    onBackreferenceEnter: (r) => void refs.push(r),
  });
  // Groups are numbered by where they open, named or not.
  captures.sort((a, b) => a.start - b.start);
  for (const [i, g] of captures.entries()) if (g.name !== null) groups.set(g.name, i + 1);
  if (groups.size === 0) return { regex: re, groups };
  const edits = [
    ...captures.flatMap((g) =>
      g.name === null ? [] : [{ start: g.start, end: g.start + g.name.length + 4, text: '(' }],
    ),
    // `(?:\N)`, not `\N`: a digit after it would extend the number.
    ...refs.flatMap((r) =>
      typeof r.ref === 'string' ? [{ start: r.start, end: r.end, text: `(?:\\${groups.get(r.ref)})` }] : [],
    ),
  ].sort((a, b) => a.start - b.start);
  let source = '';
  let from = 0;
  for (const e of edits) {
    source += re.source.slice(from, e.start) + e.text;
    from = e.end;
  }
  return { regex: new RegExp(source + re.source.slice(from), re.flags), groups };
}

import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

// A rule's regex runs over every byte of every file, so one that backtracks catastrophically stalls a scan.
// The common, cheaply provable shape is an unbounded repeat inside another unbounded repeat (`(a+)+`,
// `(\w+\s?)*`): on a near-miss the engine tries exponentially many ways to split the input. Such patterns are
// refused at load. Other slow shapes (overlapping alternatives such as `(x|xx)+`) are not provable cheaply;
// the per-file time budget stops those.

/** The regex's syntax tree (regexpp), or null when the parser cannot read what RegExp compiled. */
export function parseRegex(source: string, flags: string): AST.Pattern | null {
  try {
    return new RegExpParser().parsePattern(source, 0, source.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    // The pattern compiled with RegExp already; a parser disagreement is not the user's error.
    return null;
  }
}

/** What is wrong with a rule regex's shape, found at load; null when nothing is. */
export type ShapeProblem = { kind: 'head-outside-lookbehind' } | { kind: 'nested-repeat'; repeat: string };

/** Parses the regex once and checks both shapes (see headInLookbehind and nestedUnboundedRepeat). */
export function regexShapeProblem(source: string, flags: string): ShapeProblem | null {
  const pattern = parseRegex(source, flags);
  if (pattern === null) return null;
  if (!headInLookbehind(pattern)) return { kind: 'head-outside-lookbehind' };
  const repeat = nestedUnboundedRepeat(pattern);
  return repeat === null ? null : { kind: 'nested-repeat', repeat };
}

/** Does the regex have a capturing group of this name? Null when the parser cannot read it. */
export function hasNamedGroup(source: string, flags: string, name: string): boolean | null {
  const pattern = parseRegex(source, flags);
  if (pattern === null) return null;
  let found = false;
  visitRegExpAST(pattern, {
    onCapturingGroupEnter(group) {
      if (group.name === name) found = true;
    },
  });
  return found;
}

/**
 * A `head` group (the start of a value, found looking back from a rarer anchor) must sit in a top-level
 * lookbehind `(?<=…)`, whose text ends where the match starts; false when it is anywhere else.
 */
function headInLookbehind(pattern: AST.Pattern): boolean {
  let ok = true;
  visitRegExpAST(pattern, {
    onCapturingGroupEnter(group) {
      if (group.name !== 'head') return;
      let lookbehinds = 0;
      for (let n: AST.Node | null = group.parent; n !== null && n.type !== 'Pattern'; n = n.parent) {
        if (n.type === 'Assertion' && n.kind === 'lookbehind') {
          if (n.negate) ok = false;
          lookbehinds++;
        }
        if (n.type === 'Quantifier') ok = false;
      }
      if (lookbehinds !== 1) ok = false;
    },
  });
  return ok;
}

/** The first repeat that holds another unbounded repeat inside an unbounded one (`(a+)+`), or null. */
function nestedUnboundedRepeat(pattern: AST.Pattern): string | null {
  let found: string | null = null;
  visitRegExpAST(pattern, {
    onQuantifierEnter(outer) {
      if (found !== null || outer.max !== Number.POSITIVE_INFINITY) return;
      visitRegExpAST(outer.element, {
        onQuantifierEnter(inner) {
          if (found === null && inner.max === Number.POSITIVE_INFINITY) found = outer.raw;
        },
      });
    },
  });
  return found;
}

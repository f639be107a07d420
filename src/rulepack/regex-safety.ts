import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

// A rule's regex runs over every byte of every file, so one that backtracks catastrophically stalls a scan.
// The common, cheaply provable shape is an unbounded repeat inside another unbounded repeat (`(a+)+`,
// `(\w+\s?)*`): on a near-miss the engine tries exponentially many ways to split the input. Such patterns are
// refused at load. Other slow shapes (overlapping alternatives such as `(x|xx)+`) are not provable cheaply;
// the per-file time budget stops those.

/** The first repeat that holds another unbounded repeat inside an unbounded one (`(a+)+`), or null. */
export function nestedUnboundedRepeat(source: string, flags: string): string | null {
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser().parsePattern(source, 0, source.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    // The pattern compiled with RegExp already; a parser disagreement is not the user's error.
    return null;
  }
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

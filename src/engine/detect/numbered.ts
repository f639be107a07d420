import type { CompiledPattern } from '../../rulepack/compiled.js';

/**
 * A pattern's regexes with their named groups numbered instead. A match of a regex with named groups carries a
 * `groups` object, a dictionary V8 builds for every match (half of what detect() allocated); numbered groups
 * are read from the match itself. Numbering is unchanged (named groups count in order with the others), so
 * each group and backreference means what it did. 0 stands for a group the pattern does not have.
 */
export interface NumberedPattern {
  regex: RegExp;
  plain: RegExp | null;
  head: number;
  value: number;
  plainValue: number;
}

const NUMBERED = new WeakMap<CompiledPattern, NumberedPattern>();

export function numbered(pattern: CompiledPattern): NumberedPattern {
  let n = NUMBERED.get(pattern);
  if (n === undefined) {
    const anchored = unnamed(pattern.regex);
    const plain = pattern.plain ? unnamed(pattern.plain) : null;
    n = {
      regex: anchored.regex,
      plain: plain?.regex ?? null,
      head: anchored.groups.get('head') ?? 0,
      value: anchored.groups.get('value') ?? 0,
      plainValue: plain?.groups.get('value') ?? 0,
    };
    NUMBERED.set(pattern, n);
  }
  return n;
}

/** `re` without group names (`(?<n>` → `(`, `\k<n>` → `(?:\N)`), and each name's group number. */
export function unnamed(re: RegExp): { regex: RegExp; groups: Map<string, number> } {
  const src = re.source;
  const groups = new Map<string, number>();
  // Backreferences may come before their group (in a lookbehind): their names are filled in at the end.
  const refs: { at: number; name: string }[] = [];
  let out = '';
  let count = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      if (!inClass && src.startsWith('k<', i + 1)) {
        const end = src.indexOf('>', i);
        refs.push({ at: out.length, name: src.slice(i + 3, end) });
        i = end;
      } else {
        out += src.slice(i, i + 2);
        i++;
      }
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '(' && src[i + 1] !== '?') {
      count++;
      out += c;
    } else if (c === '(' && src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
      const end = src.indexOf('>', i);
      count++;
      groups.set(src.slice(i + 3, end), count);
      out += '(';
      i = end;
    } else out += c;
  }
  // Nothing to gain, or a reference to no group (left as the engine reads it): the regex as it is, which has
  // the same numbers.
  if (groups.size === 0 || refs.some((r) => !groups.has(r.name))) return { regex: re, groups };
  let source = '';
  let from = 0;
  for (const { at, name } of refs) {
    // `(?:\N)`, not `\N`: a digit after it would extend the number.
    source += `${out.slice(from, at)}(?:\\${groups.get(name)})`;
    from = at;
  }
  source += out.slice(from);
  return { regex: new RegExp(source, re.flags), groups };
}

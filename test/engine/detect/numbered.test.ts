import { describe, expect, it } from 'vitest';
import { numbered, unnamed } from '../../../src/engine/detect/numbered.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../src/rulepack/packs.js';

describe('unnamed', () => {
  it('numbers named groups and backreferences, leaving lookbehinds and classes alone', () => {
    const { regex, groups } = unnamed(/(?<![\w(])(?<value>\d{2}(?<s>[-(<]?)\d{2}\k<s>1)(?<=(?<head>\d))/gu);
    expect(regex.source).toBe('(?<![\\w(])(\\d{2}([-(<]?)\\d{2}(?:\\2)1)(?<=(\\d))');
    expect(regex.flags).toBe('gu');
    expect([...(groups ?? [])]).toEqual([
      ['value', 1],
      ['s', 2],
      ['head', 3],
    ]);
  });

  it('reads a backreference before its group', () => {
    const { regex, groups } = unnamed(/(?<=\k<q>(?<q>["']))x/);
    expect(regex.source).toBe('(?<=(?:\\1)(["\']))x');
    expect(groups?.get('q')).toBe(1);
  });

  it('counts unnamed groups, and leaves escaped brackets and group syntax inside a class alone', () => {
    const { regex, groups } = unnamed(/\((?<a>x)[(?<b>)](y)(?<c>z)\k<c>/);
    expect(regex.source).toBe('\\((x)[(?<b>)](y)(z)(?:\\3)');
    expect([...(groups ?? [])]).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
  });

  it('gives back a regex without names as it is', () => {
    const re = /(a)(?:b)\1/g;
    expect(unnamed(re).regex).toBe(re);
  });

  it('finds what the named form finds in every built-in pattern', () => {
    const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
    const text = rules.flatMap((r) => [...r.examples, ...r.negativeExamples]).join('\n');
    for (const pattern of rules.flatMap((r) => r.patterns)) {
      const n = numbered(pattern);
      const named = [...text.matchAll(pattern.regex)].map((m) => [
        m.index,
        m[0],
        m.groups?.value,
        m.groups?.head,
      ]);
      const plain = [...text.matchAll(n.regex)].map((m) => [
        m.index,
        m[0],
        n.value > 0 ? m[n.value] : undefined,
        n.head > 0 ? m[n.head] : undefined,
      ]);
      expect(plain).toEqual(named);
    }
  });
});

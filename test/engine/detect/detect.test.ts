import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detect } from '../../../src/engine/detect/detect.js';
import { FieldContext } from '../../../src/engine/detect/fields.js';
import { ResidueError } from '../../../src/model/errors.js';
import type { CompiledRule } from '../../../src/rulepack/compiled.js';
import { loadRulePack } from '../../../src/rulepack/load.js';
import { BUILTIN_RULES_DIR, loadPacks } from '../../../src/rulepack/packs.js';

const dir = mkdtempSync(join(tmpdir(), 'residue-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

type PatternEntry = string | { anchored: string; plain: string };
const quoted = (p: string) => `'${p.replace(/'/g, "''")}'`;

/** One rule with these patterns (YAML single-quoted), no validators and no context. */
function rules(...patterns: PatternEntry[]) {
  const file = join(dir, `pack-${n++}.yaml`);
  const list = patterns
    .map((p) =>
      typeof p === 'string' ? quoted(p) : `{anchored: ${quoted(p.anchored)}, plain: ${quoted(p.plain)}}`,
    )
    .join(', ');
  writeFileSync(
    file,
    [
      'name: test-pack',
      'version: 1.0.0',
      'rules:',
      '  - id: test.code',
      '    name: Test code',
      '    category: policy-number',
      '    severity: low',
      '    confidence: 0.9',
      `    patterns: [${list}]`,
      "    examples: ['x']",
      "    negative_examples: ['y']",
    ].join('\n'),
  );
  return loadPacks([file]).flatMap((p) => p.rules);
}

/** Findings of one rule with these patterns, or of rules the caller compiled once. */
function found(
  text: string,
  patterns: PatternEntry[] | CompiledRule[],
  acceptFrom = 0,
  acceptUntil = text.length,
): { value: string; start: number; column: number }[] {
  const segment = { text, base: 0, acceptFrom, acceptUntil, line: 1, column: 1 };
  const compiled = patterns.every((p) => typeof p === 'object' && 'patterns' in p)
    ? (patterns as CompiledRule[])
    : rules(...(patterns as PatternEntry[]));
  return detect({ segment, rules: compiled, fields: new FieldContext(null), headerLine: null })
    .map((m) => ({ value: m.value, start: m.start, column: m.column }))
    .sort((a, b) => a.start - b.start);
}

describe('anchored patterns: a value that begins in a lookbehind (`head`)', () => {
  // A driving-licence-like shape, matched from the digits with the letters looked back at: the built-in
  // driving-licence rule's form.
  const plain =
    '(?<![\\w])(?<value>[A-Z9]{5} ?\\d[0156]\\d[0-3]\\d\\d ?[A-Z9]{2}\\d[A-Z0-9]{2})(?: ?\\d{2})?(?![\\w])';
  const anchored =
    '(?<value>\\d[0156]\\d[0-3]\\d\\d ?[A-Z9]{2}\\d[A-Z0-9]{2})(?<=(?<!\\w)(?<head>[A-Z9]{5} ?)\\d{6} ?[A-Z9]{2}\\d[A-Z0-9]{2})(?: ?\\d{2})?(?!\\w)';

  it('reports the whole value, from the head on, at the right place', () => {
    const text = 'licence MORGA657054SM9IJ renewed; JONES 710155 AB9CD 12 too';
    expect(found(text, [anchored])).toEqual([
      { value: 'MORGA657054SM9IJ', start: 8, column: 9 },
      { value: 'JONES 710155 AB9CD', start: 34, column: 35 },
    ]);
  });

  it('finds exactly what the plain form finds, also where a head would reach into the match before', () => {
    const texts = [
      'SMITH710155 AB9CD 710155XY9ZZ',
      'SMITH710155AB9CD 99999710155XY9ZZ MORGA657054SM9IJ',
      'x99999610155AB9CD99999610155AB9CD',
      '99999 610155 AB9CD 610155 AB9CD 610155 AB9CD',
    ];
    for (const text of texts) expect(found(text, [anchored])).toEqual(found(text, [plain]));
    expect(found('SMITH710155 AB9CD 710155XY9ZZ', [anchored]).map((f) => f.value)).toEqual([
      'SMITH710155 AB9CD',
    ]);
  });

  it('is refused at load when `head` is not inside a lookbehind', () => {
    for (const bad of [
      '(?<head>[A-Z]{3})-\\d{4}',
      '-\\d{4}(?<!(?<head>[A-Z]{3})-\\d{4})',
      '(?<=(?:(?<head>[A-Z]))+)-\\d',
    ]) {
      let error: unknown;
      try {
        rules(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ResidueError);
      expect((error as ResidueError).code).toBe('RULEPACK_REGEX');
    }
  });
});

describe('anchored patterns with a plain form: the built-in email pattern', () => {
  const email = loadRulePack(join(BUILTIN_RULES_DIR, 'uk-contact.yaml')).syntax.rules.find(
    (r) => r.id === 'uk.email-address',
  )?.patterns[0];
  if (typeof email !== 'object') throw new Error('uk.email-address should have an anchored pattern');
  const { plain } = email;
  const values = (text: string, p: PatternEntry[] | CompiledRule[], from = 0) =>
    found(text, p, from).map((f) => `${f.start}:${f.value}`);

  it('finds a shorter value that starts inside the head of one reaching into the previous match', () => {
    // The second @'s longest local part is b.co.'x, which begins inside a@b.co; the plain form, from the end
    // of a@b.co, finds x@y.com (a quote after a dot may begin an address). Without the fallback it is lost.
    const text = "a@b.co.'x@y.com";
    expect(values(text, [email])).toEqual(['0:a@b.co', '8:x@y.com']);
    expect(values(text, [email])).toEqual(values(text, [plain]));
    expect(values(text, [email.anchored])).toEqual(['0:a@b.co']);
  });

  it('also where the head reaches back before the first character the segment owns', () => {
    const text = "q.'jo@ex.com";
    expect(values(text, [email], 1)).toEqual(['3:jo@ex.com']);
    expect(values(text, [plain], 1)).toEqual(['3:jo@ex.com']);
    expect(values(text, [email.anchored], 1)).toEqual([]);
  });

  it('gives the matches of the plain form on addresses run together', () => {
    for (const text of [
      "jo@ex.co.'al@ex.co.'cy@ex.co",
      'a@b.coa@b.co',
      'a@b.com+c@d.com x@y.org',
      "o'k@x.com'o'k@x.com",
      'a@b.co-a@b.co.a@b.co',
      '@@a@@b.c@d.com@e.co.uk',
      `${'a'.repeat(70)}@example.com ${'b'.repeat(64)}@example.com`,
      'logo@2x.png j@x.png.uk',
    ]) {
      expect(values(text, [email]), text).toEqual(values(text, [plain]));
    }
  });

  it('finds what the plain form finds in random email-like text', () => {
    // Pieces chosen so that about one text in seven holds an address and one in 180 needs the fallback.
    const pieces = [
      'a',
      'jo',
      'b9',
      '.',
      "'",
      '@',
      '@ex.co',
      '@b.uk',
      ".'",
      '+',
      '-',
      ' ',
      '\n',
      'co',
      '%',
      '_',
    ];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const [both, alone, skipping] = [rules(email), rules(plain), rules(email.anchored)];
    let differ = 0;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = 1 + next(24);
      for (let j = 0; j < length; j++) text += pieces[next(pieces.length)];
      const from = next(text.length);
      const expected = values(text, alone, from);
      expect(values(text, both, from), JSON.stringify(text)).toEqual(expected);
      if (values(text, skipping, from).join() !== expected.join()) differ++;
    }
    // The cases where the anchored form alone (skipping a head that reaches back) would be wrong.
    expect(differ).toBeGreaterThan(10);
  });
});

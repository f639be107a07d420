import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detect } from '../../../src/engine/detect/detect.js';
import { FieldContext } from '../../../src/engine/detect/fields.js';
import { ResidueError } from '../../../src/model/errors.js';
import { loadPacks } from '../../../src/rulepack/packs.js';

const dir = mkdtempSync(join(tmpdir(), 'residue-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** One rule with these patterns (YAML single-quoted), no validators and no context. */
function rules(...patterns: string[]) {
  const file = join(dir, `pack-${n++}.yaml`);
  const list = patterns.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');
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

function found(text: string, patterns: string[]): { value: string; start: number; column: number }[] {
  const segment = { text, base: 0, acceptFrom: 0, acceptUntil: text.length, line: 1, column: 1 };
  return detect({ segment, rules: rules(...patterns), fields: new FieldContext(null), headerLine: null })
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

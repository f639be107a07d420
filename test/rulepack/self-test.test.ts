import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_RULES_DIR, builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';
import { selfTest } from '../../src/rulepack/self-test.js';

interface YamlRule {
  id: string;
  examples: string[];
  negative_examples?: string[];
}

/** The pack as written, read with a plain YAML parser, independently of the loader. */
function yamlRules(file: string): YamlRule[] {
  return (parse(readFileSync(file, 'utf8')) as { rules: YamlRule[] }).rules;
}

function exampleCount(rules: YamlRule[]): number {
  return rules.reduce((n, r) => n + r.examples.length + (r.negative_examples ?? []).length, 0);
}

describe('self-test of the built-in packs', () => {
  const names = builtinPackNames();
  const files = names.map((n) => join(BUILTIN_RULES_DIR, `${n}.yaml`));
  const packs = loadPacks(files);

  it('finds the four built-in packs', () => {
    expect(names).toEqual(['uk-contact', 'uk-financial', 'uk-identifiers', 'uk-people']);
    expect(packPaths([])).toEqual(files);
  });

  it.each(names)(
    '%s: every example and negative example passes, with all built-in rules competing',
    async (name) => {
      const rules = yamlRules(join(BUILTIN_RULES_DIR, `${name}.yaml`));
      const result = await selfTest(packs, (p) => p.name === name);
      expect(result.failures).toEqual([]);
      expect(result.rules).toBe(rules.length);
      expect(result.examples).toBe(exampleCount(rules));
      // Every rule has at least one example and at least one negative example.
      for (const r of rules) {
        expect(r.examples.length, r.id).toBeGreaterThan(0);
        expect((r.negative_examples ?? []).length, r.id).toBeGreaterThan(0);
      }
    },
  );

  it('all packs together: zero failures, every example counted once', async () => {
    const all = files.flatMap(yamlRules);
    const result = await selfTest(packs);
    expect(result).toEqual({ rules: all.length, examples: exampleCount(all), failures: [] });
    expect(result.examples).toBeGreaterThan(100);
  });

  it('checks no pack when the filter selects none', async () => {
    expect(await selfTest(packs, () => false)).toEqual({ rules: 0, examples: 0, failures: [] });
  });
});

describe('self-test of a broken pack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'residue-self-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const broken = join(dir, 'broken.yaml');
  writeFileSync(
    broken,
    [
      'name: broken',
      'version: 0.0.1',
      'rules:',
      '  - id: test.broken',
      '    category: policy-number',
      '    severity: low',
      '    confidence: 0.6',
      "    patterns: ['\\bQXZ-\\d{6}\\b']",
      '    examples:',
      "      - 'Ref QXZ-482913'", //          matches: passes
      "      - 'Ref QXZ-48291'", //           five digits: does not match, a failure
      '    negative_examples:',
      "      - 'Ref QXY-482913'", //          does not match: passes
      "      - 'Ref QXZ-777777'", //          matches at 0.6: a failure
      '  - id: test.fine',
      '    category: policy-number',
      '    severity: low',
      '    confidence: 0.6',
      "    patterns: ['\\bQWV-\\d{6}\\b']",
      "    examples: ['Ref QWV-482913']",
      "    negative_examples: ['Ref QWV-48291']",
      '',
    ].join('\n'),
  );

  const expectedFailures = [
    {
      pack: 'broken',
      ruleId: 'test.broken',
      kind: 'example',
      index: 1,
      text: 'Ref QXZ-48291',
      confidence: 0,
    },
    {
      pack: 'broken',
      ruleId: 'test.broken',
      kind: 'negative_example',
      index: 1,
      text: 'Ref QXZ-777777',
      confidence: 0.6,
    },
  ];

  it('reports exactly the example that does not match and the negative example that does', async () => {
    const result = await selfTest(loadPacks([broken]));
    expect(result).toEqual({ rules: 2, examples: 6, failures: expectedFailures });
  });

  it('reports the same failures when checked alongside the built-in packs, counting only its own rules', async () => {
    const packs = loadPacks([...packPaths([]), broken]);
    const result = await selfTest(packs, (p) => p.source === broken);
    expect(result).toEqual({ rules: 2, examples: 6, failures: expectedFailures });
  });

  it('an example that fires only below the threshold fails with confidence 0', async () => {
    const weak = join(dir, 'weak.yaml');
    writeFileSync(
      weak,
      [
        'name: weak',
        'version: 0.0.1',
        'rules:',
        '  - id: test.weak',
        '    category: policy-number',
        '    severity: low',
        '    confidence: 0.4',
        "    patterns: ['\\bQXZ-\\d{6}\\b']",
        "    examples: ['Ref QXZ-482913']",
        '',
      ].join('\n'),
    );
    const packs = loadPacks([weak]);
    expect((await selfTest(packs)).failures).toEqual([
      { pack: 'weak', ruleId: 'test.weak', kind: 'example', index: 0, text: 'Ref QXZ-482913', confidence: 0 },
    ]);
    // At a lower threshold the same example passes: the threshold, not the regex, decided.
    expect(await selfTest(packs, () => true, 0.3)).toEqual({ rules: 1, examples: 1, failures: [] });
  });

  it('a negative example is caught by the validator, not the regex alone', async () => {
    // "QXZ-777777" matches the pattern; not-repeated rejects it, so the negative example now passes.
    const withValidator = join(dir, 'validated.yaml');
    writeFileSync(
      withValidator,
      readFileSync(broken, 'utf8').replace(
        "confidence: 0.6\n    patterns: ['\\bQXZ",
        "confidence: 0.6\n    validators: [not-repeated]\n    patterns: ['\\bQXZ",
      ),
    );
    const result = await selfTest(loadPacks([withValidator]));
    expect(result.failures).toEqual([expectedFailures[0]]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ErrorCode, ResidueError } from '../../src/model/errors.js';
import { compileChecked, compilePacks } from '../../src/rulepack/compile.js';
import type { CompiledPack } from '../../src/rulepack/compiled.js';
import { loadRulePack } from '../../src/rulepack/load.js';
import { loadCheckedPacks, loadPacks } from '../../src/rulepack/packs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BAD = join(ROOT, 'fixtures/bad-rules');
const GOOD = join(ROOT, 'fixtures/good-rules/custom-policy.yaml');

/** Runs `fn` and returns the ResidueError it throws; fails the test when it returns or throws anything else. */
function residueErrorOf(fn: () => unknown): ResidueError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ResidueError);
    return e as ResidueError;
  }
  throw new Error(`expected a ResidueError, but it returned ${JSON.stringify(result)?.slice(0, 200)}`);
}

interface BadCase {
  file: string;
  code: ErrorCode;
  line: number;
  column: number;
  ruleId: string | undefined;
  /** load: rejected by loadRulePack (YAML or shape); compile: shape is fine, compilePacks rejects it. */
  stage: 'load' | 'compile';
  data: Record<string, unknown>;
}

// The table of fixtures/bad-rules/EXPECTED.md, plus the stage and the data each error carries.
const BAD_CASES: BadCase[] = [
  {
    file: 'bad-regex.yaml',
    code: 'RULEPACK_REGEX',
    line: 12,
    column: 9,
    ruleId: 'acme.member-number',
    stage: 'compile',
    data: { detail: expect.stringMatching(/Unterminated group/) },
  },
  {
    file: 'unknown-validator.yaml',
    code: 'RULEPACK_UNKNOWN_VALIDATOR',
    line: 12,
    column: 18,
    ruleId: 'acme.member-number',
    stage: 'compile',
    data: { validator: 'no-such-validator' },
  },
  {
    file: 'unknown-category.yaml',
    code: 'RULEPACK_SCHEMA',
    line: 7,
    column: 15,
    ruleId: 'acme.shoe-size',
    stage: 'load',
    data: { detail: 'unknown category' },
  },
  {
    file: 'duplicate-id.yaml',
    code: 'RULEPACK_DUPLICATE_ID',
    line: 14,
    column: 9,
    ruleId: 'acme.member-number',
    stage: 'compile',
    data: { other: join(BAD, 'duplicate-id.yaml') },
  },
  {
    file: 'malformed.yaml',
    code: 'RULEPACK_YAML',
    line: 8,
    column: 1,
    ruleId: undefined,
    stage: 'load',
    data: { detail: 'BAD_INDENT' },
  },
  {
    file: 'wrong-type.yaml',
    code: 'RULEPACK_SCHEMA',
    line: 10,
    column: 15,
    ruleId: 'acme.member-number',
    stage: 'load',
    data: { detail: 'expected a list of strings' },
  },
];

/** Rows of the table in EXPECTED.md: file, code, line:column, rule id. */
function expectedMdRows(): { file: string; code: string; position: string; ruleId: string | undefined }[] {
  return readFileSync(join(BAD, 'EXPECTED.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, ''));
      return {
        file: cells[0] as string,
        code: cells[1] as string,
        position: cells[2] as string,
        ruleId: cells[3] === '—' ? undefined : cells[3],
      };
    });
}

describe('bad rule packs (fixtures/bad-rules)', () => {
  it('the table here is the table in EXPECTED.md, and covers every pack in the folder', () => {
    const fromMd = expectedMdRows();
    expect(fromMd).toHaveLength(6);
    expect(
      BAD_CASES.map((c) => ({
        file: c.file,
        code: c.code,
        position: `${c.line}:${c.column}`,
        ruleId: c.ruleId,
      })),
    ).toEqual(fromMd);
    const yamls = readdirSync(BAD)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(BAD_CASES.map((c) => c.file).sort()).toEqual(yamls);
  });

  it.each(BAD_CASES)('$file → $code at $line:$column', (c) => {
    const file = join(BAD, c.file);
    const err = residueErrorOf(() => loadPacks([file]));
    expect(err.code).toBe(c.code);
    expect(err.name).toBe('ResidueError');
    expect(err.message).toBe(c.code);
    expect(err.position).toEqual({ file, line: c.line, column: c.column });
    expect(err.data.ruleId).toBe(c.ruleId);
    expect(err.data).toMatchObject(c.data);
  });

  it.each(BAD_CASES)('$file is rejected by the $stage stage', (c) => {
    const file = join(BAD, c.file);
    if (c.stage === 'load') {
      expect(residueErrorOf(() => loadRulePack(file)).code).toBe(c.code);
    } else {
      // The shape is valid: loading succeeds and only compiling finds the problem.
      const loaded = loadRulePack(file);
      expect(loaded.syntax.rules.length).toBeGreaterThan(0);
      expect(residueErrorOf(() => compilePacks([loaded])).code).toBe(c.code);
    }
  });

  it('reports the position relative to the path as given', () => {
    const err = residueErrorOf(() => loadPacks(['fixtures/bad-rules/wrong-type.yaml']));
    expect(err.position).toEqual({ file: 'fixtures/bad-rules/wrong-type.yaml', line: 10, column: 15 });
  });
});

describe('generated packs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'residue-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  function pack(text: string): string {
    const file = join(dir, `pack-${n++}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  /** A valid one-rule pack; `packExtra` goes before `rules:` (line 3), `ruleExtra` after line 10. */
  function valid(packExtra = '', ruleExtra = ''): string {
    return [
      'name: test-pack', // 1
      'version: 1.0.0', // 2
      `${packExtra}rules:`, // 3 (+ packExtra lines)
      '  - id: test.rule', // 4
      '    category: policy-number', // 5
      '    severity: low', // 6
      '    confidence: 0.6', // 7
      "    patterns: ['\\bQXZ-\\d{6}\\b']", // 8
      "    examples: ['Ref QXZ-482913']", // 9
      "    negative_examples: ['Ref QXY-482913']", // 10
      ruleExtra,
    ].join('\n');
  }

  it('a minimal valid pack loads and compiles', () => {
    const [p] = loadPacks([pack(valid())]);
    expect(p?.name).toBe('test-pack');
    expect(p?.rules.map((r) => r.id)).toEqual(['test.rule']);
  });

  // Each position is where the offending value starts (the convention of bad-rules/EXPECTED.md).
  it.each([
    {
      what: 'an unknown top-level key',
      text: valid('colour: red\n'),
      line: 3,
      column: 9,
      key: 'colour',
      ruleId: undefined,
    },
    {
      what: 'an unknown rule key',
      text: valid('', '    colour: red\n'),
      line: 11,
      column: 13,
      key: 'colour',
      ruleId: undefined,
    },
    {
      what: 'a misspelt rule key (negative_example)',
      text: valid('', "    negative_example: ['x']\n"),
      line: 11,
      column: 23,
      key: 'negative_example',
      ruleId: undefined,
    },
    {
      what: 'an unknown context key',
      text: valid('', '    context:\n      positive: [ref]\n      boosts: 0.3\n'),
      line: 13,
      column: 15,
      key: 'boosts',
      ruleId: 'test.rule',
    },
  ])('rejects $what with its position', ({ text, line, column, key, ruleId }) => {
    const file = pack(text);
    const err = residueErrorOf(() => loadRulePack(file));
    expect(err.code).toBe('RULEPACK_SCHEMA');
    expect(err.data.detail).toBe(`unknown key "${key}"`);
    if (ruleId) expect(err.data.ruleId).toBe(ruleId);
    expect(err.position).toEqual({ file, line, column });
  });

  it('an unknown rule key names the rule', () => {
    const err = residueErrorOf(() => loadRulePack(pack(valid('', '    colour: red\n'))));
    expect(err.data.ruleId).toBe('test.rule');
  });

  it.each([
    {
      what: 'a rule id with capitals',
      text: valid().replace('id: test.rule', 'id: Test.Rule'),
      code: 'RULEPACK_SCHEMA',
      line: 4,
      column: 9,
      detail: 'does not match ^[a-z0-9][a-z0-9.-]*$',
    },
    {
      what: 'an unknown severity',
      text: valid().replace('severity: low', 'severity: extreme'),
      code: 'RULEPACK_SCHEMA',
      line: 6,
      column: 15,
      detail: 'unknown severity',
    },
    {
      what: 'a confidence above 1',
      text: valid().replace('confidence: 0.6', 'confidence: 1.5'),
      code: 'RULEPACK_SCHEMA',
      line: 7,
      column: 17,
      detail: 'expected a number from 0 to 1',
    },
    {
      what: 'a confidence given as a string',
      text: valid().replace('confidence: 0.6', "confidence: '0.6'"),
      code: 'RULEPACK_SCHEMA',
      line: 7,
      column: 17,
      detail: 'expected a number from 0 to 1',
    },
    {
      what: 'an empty examples list',
      text: valid().replace("examples: ['Ref QXZ-482913']", 'examples: []'),
      code: 'RULEPACK_SCHEMA',
      line: 9,
      column: 15,
      detail: 'expected at least one entry',
    },
    {
      what: 'the g flag',
      text: valid('', '    flags: g\n'),
      code: 'RULEPACK_SCHEMA',
      line: 11,
      column: 12,
      detail: 'flags are letters from imsu, each once',
    },
    {
      what: 'a repeated key',
      text: valid('', '    severity: high\n'),
      code: 'RULEPACK_YAML',
      line: 11,
      column: 5,
      detail: 'DUPLICATE_KEY',
    },
    {
      what: 'an alias with no anchor (it was an internal error)',
      text: valid('', '    description: *nowhere\n'),
      code: 'RULEPACK_YAML',
      line: 11,
      column: 18,
      detail: 'alias *nowhere has no anchor &nowhere before it',
    },
  ])('rejects $what: $code at $line:$column', ({ text, code, line, column, detail }) => {
    const file = pack(text);
    const err = residueErrorOf(() => loadPacks([file]));
    expect(err.code).toBe(code);
    expect(err.data.detail).toBe(detail);
    expect(err.position).toEqual({ file, line, column });
  });

  it('rejects an empty file without a line', () => {
    const file = pack('');
    const err = residueErrorOf(() => loadRulePack(file));
    expect(err.code).toBe('RULEPACK_SCHEMA');
    expect(err.position).toEqual({ file });
  });

  it('a missing file is RULEPACK_NOT_FOUND', () => {
    const file = join(dir, 'no-such-pack.yaml');
    const err = residueErrorOf(() => loadRulePack(file));
    expect(err.code).toBe('RULEPACK_NOT_FOUND');
    expect(err.data).toEqual({ pack: file });
  });

  it('duplicate ids are caught across packs, at the second pack', () => {
    const first = pack(valid());
    const second = pack(valid());
    const err = residueErrorOf(() => loadPacks([first, second]));
    expect(err.code).toBe('RULEPACK_DUPLICATE_ID');
    expect(err.data).toEqual({ ruleId: 'test.rule', other: first });
    expect(err.position).toEqual({ file: second, line: 4, column: 9 });
  });

  it.each([
    ['confidence', valid().replace('confidence: 0.6', 'confidence: .nan'), 7, 17],
    ['context.boost', valid('', '    context:\n      boost: .nan\n'), 12, 14],
  ])('rejects %s: .nan', (_what, text, line, column) => {
    const file = pack(text);
    const err = residueErrorOf(() => loadRulePack(file));
    expect(err.code).toBe('RULEPACK_SCHEMA');
    expect(err.position).toEqual({ file, line, column });
  });

  it('points at the flags when they repeat a letter', () => {
    const file = pack(valid('', '    flags: ii\n'));
    const err = residueErrorOf(() => loadPacks([file]));
    expect(err.position).toEqual({ file, line: 11, column: 12 });
  });

  describe('a pattern given as an anchored form with its plain form', () => {
    const PLAIN = "'\\bQXZ-\\d{6}\\b'";
    const ANCHORED = "'-\\d{6}\\b(?<=\\b(?<head>QXZ)-\\d{6})'";
    /** valid() with line 8, the patterns, replaced by these lines (line 8 on). */
    const withPatterns = (...lines: string[]) =>
      valid().replace("    patterns: ['\\bQXZ-\\d{6}\\b']", lines.join('\n'));
    const pair = (anchored: string, plain: string) =>
      withPatterns('    patterns:', `      - anchored: ${anchored}`, `        plain: ${plain}`);

    it('compiles both forms, in the main thread and as a worker receives the pack', () => {
      const file = pack(pair(ANCHORED, PLAIN));
      const [compiled] = loadPacks([file]);
      const sources = (p: CompiledPack | undefined) =>
        p?.rules[0]?.patterns.map((x) => [x.regex.source, x.regex.flags, x.plain?.source, x.plain?.flags]);
      const expected = [['-\\d{6}\\b(?<=\\b(?<head>QXZ)-\\d{6})', 'g', '\\bQXZ-\\d{6}\\b', 'g']];
      expect(sources(compiled)).toEqual(expected);
      const { checked } = loadCheckedPacks([file]);
      expect(sources(compileChecked(structuredClone(checked))[0])).toEqual(expected);
    });

    it('takes a list of patterns given through a YAML alias, forms and all', () => {
      const file = pack(
        withPatterns('    patterns: &pats', `      - anchored: ${ANCHORED}`, `        plain: ${PLAIN}`),
      );
      const text = readFileSync(file, 'utf8');
      const second = text
        .slice(text.indexOf('  - id:'))
        .replace(/patterns: &pats[\s\S]*?(\n {4}\w)/, 'patterns: *pats$1');
      const both = pack(`${text.trimEnd()}\n${second.replace(/id: (\S+)/, 'id: $1-again')}`);
      expect(readFileSync(both, 'utf8')).toContain('patterns: *pats');
      const [compiled] = loadPacks([both]);
      expect(compiled?.rules.map((r) => r.patterns.map((p) => [p.regex.source, p.plain?.source]))).toEqual([
        [['-\\d{6}\\b(?<=\\b(?<head>QXZ)-\\d{6})', '\\bQXZ-\\d{6}\\b']],
        [['-\\d{6}\\b(?<=\\b(?<head>QXZ)-\\d{6})', '\\bQXZ-\\d{6}\\b']],
      ]);
    });

    it('keeps string patterns as they were: no plain form', () => {
      const [compiled] = loadPacks([pack(withPatterns(`    patterns: [${PLAIN}, ${ANCHORED}]`))]);
      expect(compiled?.rules[0]?.patterns.map((p) => p.plain)).toEqual([null, null]);
    });

    // Positions as everywhere here: where the offending value starts.
    it.each([
      {
        what: 'an entry that is neither a string nor a mapping',
        text: withPatterns('    patterns: [42]'),
        code: 'RULEPACK_SCHEMA',
        line: 8,
        column: 16,
        data: { detail: 'a pattern is a regex string, or a mapping with `anchored` and `plain` regexes' },
      },
      {
        what: 'a mapping without its plain form',
        text: withPatterns(`    patterns: [{anchored: ${ANCHORED}}]`),
        code: 'RULEPACK_SCHEMA',
        line: 8,
        column: 16,
        data: { detail: 'a pattern mapping needs both `anchored` and `plain`' },
      },
      {
        what: 'a mapping with another key',
        text: withPatterns('    patterns:', `      - anchored: ${ANCHORED}`, `        fallback: ${PLAIN}`),
        code: 'RULEPACK_SCHEMA',
        line: 10,
        column: 19,
        data: { detail: 'unknown key "fallback"' },
      },
      {
        what: 'an empty plain form',
        text: pair(ANCHORED, "''"),
        code: 'RULEPACK_SCHEMA',
        line: 10,
        column: 16,
        data: { detail: 'expected a non-empty string' },
      },
      {
        what: 'a plain form that is not a regex',
        text: pair(ANCHORED, "'\\bQXZ-(\\d{6}'"),
        code: 'RULEPACK_REGEX',
        line: 10,
        column: 16,
        data: {},
      },
      {
        what: 'a plain form that can backtrack catastrophically',
        text: pair(ANCHORED, "'\\bQXZ-(?:\\d+)+\\b'"),
        code: 'RULEPACK_REGEX_BACKTRACKING',
        line: 10,
        column: 16,
        data: { repeat: '(?:\\d+)+' },
      },
      {
        what: 'a plain form with a head',
        text: pair(ANCHORED, ANCHORED),
        code: 'RULEPACK_REGEX',
        line: 10,
        column: 16,
        data: {
          detail: 'a plain form must not have a group `head`: it is the form the anchored one stands for',
        },
      },
      {
        what: 'an anchored form without a head',
        text: pair(PLAIN, PLAIN),
        code: 'RULEPACK_REGEX',
        line: 9,
        column: 19,
        data: {
          detail:
            'an anchored form needs a group `head` in a lookbehind (?<=…) ending where the match starts',
        },
      },
      {
        what: 'an anchored form whose head is outside a lookbehind',
        text: pair("'(?<head>QXZ)-\\d{6}\\b'", PLAIN),
        code: 'RULEPACK_REGEX',
        line: 9,
        column: 19,
        data: {
          detail: 'the group `head` must sit in one lookbehind (?<=…) that ends where the match starts',
        },
      },
    ])('refuses $what: $code at $line:$column', ({ text, code, line, column, data }) => {
      const file = pack(text);
      const err = residueErrorOf(() => loadPacks([file]));
      expect(err.code).toBe(code);
      expect(err.data).toMatchObject({ ruleId: 'test.rule', ...data });
      expect(err.position).toEqual({ file, line, column });
    });
  });
});

describe('a valid user pack (fixtures/good-rules/custom-policy.yaml)', () => {
  it('loads with the one rule acme.policy, as written', () => {
    const packs = loadPacks([GOOD]);
    expect(packs).toHaveLength(1);
    const [p] = packs;
    expect(p).toMatchObject({ name: 'custom-policy', version: '1.0.0', source: GOOD });
    expect(p?.rules).toHaveLength(1);
    const rule = p?.rules[0];
    expect(rule).toMatchObject({
      id: 'acme.policy',
      name: 'Acme Assurance policy number',
      pack: 'custom-policy',
      category: 'policy-number',
      severity: 'medium',
      confidence: 0.45,
      keywords: ['clp-'],
      cellPattern: null,
    });
    expect(rule?.patterns.map((p) => [p.regex.source, p.regex.flags, p.plain])).toEqual([
      ['\\bCLP-\\d{8}\\b', 'g', null],
    ]);
    expect(rule?.validators.map((v) => v.name)).toEqual(['not-repeated']);
    expect(typeof rule?.validators[0]?.fn).toBe('function');
    expect(rule?.context).toMatchObject({ window: 40, boost: 0.4, penalty: 0.4, required: true });
    expect([...(rule?.context.headers ?? [])].sort()).toEqual([
      'plan_no',
      'plan_number',
      'policy_no',
      'policy_number',
    ]);
    expect(rule?.context.positive?.test('Policy')).toBe(true);
    expect(rule?.context.positive?.test('policies')).toBe(false);
    expect(rule?.context.negative?.test('SKU')).toBe(true);
    expect(rule?.examples).toHaveLength(3);
    expect(rule?.negativeExamples).toHaveLength(5);
  });

  it('loads alongside the built-in packs without an id clash', () => {
    const builtins = readdirSync(join(ROOT, 'rules'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(ROOT, 'rules', f));
    const packs = loadPacks([...builtins, GOOD]);
    expect(packs.map((p) => p.name).at(-1)).toBe('custom-policy');
  });
});

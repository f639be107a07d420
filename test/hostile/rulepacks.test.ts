// Hostile rule packs: a user regex that backtracks catastrophically is refused at load when it nests unbounded
// repeats, and otherwise stopped by the per-file budget (the file listed as TIMEOUT) while the scan finishes; a broken pack stops residue with exit 2 and one line
// naming file:line:column, from the CLI, never a stack trace.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runMeasured, scratchDir, terminalControls } from './run.js';

let dir: string;
beforeAll(() => {
  dir = scratchDir('rules');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid one-rule pack with these patterns (single-quoted YAML); `extra` lines go at the end of the rule. */
function pack(name: string, patterns: string[], extra: string[] = []): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'version: 0.0.1',
      'rules:',
      `  - id: ${name}.rule`,
      '    name: Hostile rule',
      '    category: policy-number',
      '    severity: low',
      '    confidence: 0.5',
      '    patterns:',
      ...patterns.map((p) => `      - '${p}'`),
      "    examples: ['aaaa']",
      ...extra,
      '',
    ].join('\n'),
  );
  return file;
}

interface ReportJson {
  files: { path: string; verdict: string }[];
  errors: { path: string; code: string; message: string }[];
  summary: { complete: boolean };
}

describe('a user regex with catastrophic backtracking', () => {
  it.each([
    ['(a+)+$', '(a+)+'],
    ['^(\\w+\\s?)*$', '(\\w+\\s?)*'],
    ['(?:x|y*)+z', '(?:x|y*)+'],
  ])(
    '%s (an unbounded repeat inside another) is refused at load: exit 2, file:line:column',
    async (pattern, repeat) => {
      const file = pack(`nested-${repeat.length}`, [pattern]);
      const r = await runCli(['scan', dir, '--rules', file, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        `residue: ${file}:10:9: regular expression can backtrack catastrophically (rule nested-${repeat.length}.rule): ${repeat} repeats an unbounded repeat; bound one of them (e.g. {1,40})`,
      ]);
    },
  );

  it('bounded repeats are accepted: (a{1,40})+ and (a+){1,5} load and scan', async () => {
    const file = pack('bounded', ['(?:a{1,40})+b', '(?:a+){1,5}c']);
    const tree = join(dir, 'bounded');
    mkdirSync(tree);
    writeFileSync(join(tree, 'x.txt'), 'aaab\n');
    const r = await runCli(['scan', tree, '--rules', file, '--format', 'json', '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('one that cannot be proven at load is stopped per file by the budget in the workers; the scan ends', async () => {
    // Overlapping alternatives under a repeat, (x|xx)+y, backtrack exponentially too, but telling them from
    // harmless ones is not cheap or exact: the worker watchdog is the guarantee.
    const tree = join(dir, 'redos');
    mkdirSync(tree);
    writeFileSync(join(tree, 'alternation.txt'), `${'x'.repeat(40)}!`);
    writeFileSync(join(tree, 'alternation-2.txt'), `${'x'.repeat(42)}!`);
    writeFileSync(join(tree, 'ok.txt'), 'Patient Jane Smith, date of birth 03/04/1961\n');
    const evil = pack('evil', ['(x|xx)+y']);
    const r = await runMeasured(
      [
        'scan',
        tree,
        '--rules',
        evil,
        '--rules',
        'uk-people',
        '--threads',
        '2',
        '--time-budget',
        '1',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--fail-on-incomplete',
      ],
      { cwd: dir, timeoutMs: 30_000 },
    );
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as ReportJson;
    expect(report.errors.map((e) => [e.path, e.code])).toEqual([
      ['alternation-2.txt', 'TIMEOUT'],
      ['alternation.txt', 'TIMEOUT'],
    ]);
    expect(report.errors[0]?.message).toBe('not fully scanned: exceeded the per-file time budget of 1000 ms');
    expect(report.files.map((f) => [f.path, f.verdict])).toEqual([['ok.txt', 'personal-data']]);
    expect(report.summary.complete).toBe(false);
    // Two files in parallel, each stopped at budget (1 s) + grace (1 s), plus start-up: well under 20 s.
    expect(r.ms).toBeLessThan(20_000);
  });
});

describe('a user rule pack with --threads 0', () => {
  it('still runs in a worker, so the budget stops a runaway pattern and the scan ends', async () => {
    const tree = join(dir, 'redos-in-process');
    mkdirSync(tree);
    writeFileSync(join(tree, 'alternation.txt'), `${'x'.repeat(40)}!`);
    writeFileSync(join(tree, 'ok.txt'), 'Patient Jane Smith, date of birth 03/04/1961\n');
    const evil = pack('evil-0', ['(x|xx)+y']);
    const r = await runMeasured(
      ['scan', tree, '--rules', evil, '--rules', 'uk-people', '--threads', '0', '--time-budget', '1'].concat([
        '--format',
        'json',
        '--fail-on',
        'never',
      ]),
      { cwd: dir, timeoutMs: 30_000 },
    );
    expect(r.timedOut).toBe(false);
    const report = JSON.parse(r.stdout) as ReportJson;
    expect(report.errors.map((e) => [e.path, e.code])).toEqual([['alternation.txt', 'TIMEOUT']]);
    expect(report.files.map((f) => [f.path, f.verdict])).toEqual([['ok.txt', 'personal-data']]);
  });
});

describe('a broken pack stops residue before scanning: exit 2, one line, file:line:column', () => {
  let n = 0;
  function write(text: string | Buffer): string {
    const file = join(dir, `broken-${n++}.yaml`);
    writeFileSync(file, text);
    return file;
  }
  const base = (extraTop: string[] = [], extraRule: string[] = []) =>
    [
      'name: broken',
      'version: 0.0.1',
      ...extraTop,
      'rules:',
      '  - id: broken.rule',
      '    category: policy-number',
      '    severity: low',
      '    confidence: 0.5',
      "    patterns: ['\\bQXZ-\\d{6}\\b']",
      ...extraRule,
      '',
    ].join('\n');

  // Cases fixtures/bad-rules (checked at the CLI in test/cli/rules.test.ts) does not have.
  const cases: { what: string; text: string | Buffer; where: RegExp; says: RegExp }[] = [
    {
      what: 'an unknown top-level key',
      text: base(['owner: mallory']),
      where: /:3:8: /,
      says: /unknown key "owner"/,
    },
    {
      what: 'an unknown rule key',
      text: base([], ['    exec: rm -rf /']),
      where: /:9:11: /,
      says: /unknown key "exec"/,
    },
    {
      what: 'a confidence of the wrong type',
      text: base().replace('confidence: 0.5', 'confidence: high'),
      where: /:7:17: /,
      says: /expected a number from 0 to 1 \(rule broken\.rule\)/,
    },
    {
      what: 'a YAML list instead of a mapping',
      text: '- name: broken\n- rules: []\n',
      where: /:1:1: /,
      says: /./,
    },
    {
      what: 'a YAML alias bomb (billion laughs)',
      text: [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
        'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
        'name: [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
        '',
      ].join('\n'),
      where: /:\d+(:\d+)?: /,
      says: /./,
    },
    {
      what: 'binary garbage',
      text: Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x3a, 0x3a, 0x7b]),
      where: /(:\d+(:\d+)?)?: /,
      says: /./,
    },
  ];

  it.each(cases)('$what', async ({ text, where, says }) => {
    const file = write(text);
    for (const args of [
      ['scan', '--rules', file, 'fixtures/incidental', '--threads', '0'],
      ['rules', 'check', file],
    ]) {
      const started = Date.now();
      const r = await runCli(args, { RESIDUE_KEY_FILE: join(dir, 'fingerprint.key') });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^residue: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(lines[0]).toMatch(where);
      expect(lines[0]).toMatch(says);
      expect(lines[0]).not.toMatch(/internal error|\n\s+at /);
      // Whatever the pack holds, the message prints inert.
      expect(terminalControls(lines[0] as string)).toEqual([]);
    }
  });
});

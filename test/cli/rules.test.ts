import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, type CliResult, ROOT, runCli, spawnCli } from '../helpers/cli.js';

// Relative paths below are resolved against the repository root: spawnCli runs there, and vitest's cwd
// (used by runCli, which does not chdir) is the root too.
const GOOD = 'fixtures/good-rules/custom-policy.yaml';

interface YamlPack {
  name: string;
  version: string;
  rules: { id: string; examples: string[]; negative_examples?: string[] }[];
}

function readPack(file: string): YamlPack {
  return parse(readFileSync(join(ROOT, file), 'utf8')) as YamlPack;
}

const BUILTIN_FILES = readdirSync(join(ROOT, 'rules'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `rules/${f}`);

/** The indented rule lines of `rules list`: the first word of each is a rule id. */
function listedIds(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.trim().split(/\s+/)[0] as string);
}

/** spawnCli without blocking, so the spawned cases below can run concurrently (same bin, cwd and env). */
function spawnCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (_err, stdout, stderr) => done({ code: child.exitCode ?? -1, stdout, stderr }),
    );
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('residue rules check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'residue-cli-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on the built-in packs: exit 0 and the pass summary (spawned bin)', () => {
    const packs = BUILTIN_FILES.map(readPack);
    const rules = packs.flatMap((p) => p.rules);
    const examples = rules.reduce((n, r) => n + r.examples.length + (r.negative_examples ?? []).length, 0);
    const r = spawnCli(['rules', 'check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${rules.length} rules, ${examples} examples: ${examples} passed, 0 failed\n`);
    expect(r.code).toBe(0);
  });

  it('on the good user pack: exit 0, only its own rule and examples counted', async () => {
    const r = await runCli(['rules', 'check', GOOD]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1 rules, 8 examples: 8 passed, 0 failed\n');
    expect(r.code).toBe(0);
  });

  it('a pack with a failing example and a matching negative example: exit 1 with one FAIL line each', async () => {
    const file = join(dir, 'failing.yaml');
    writeFileSync(
      file,
      [
        'name: failing',
        'version: 0.0.1',
        'rules:',
        '  - id: test.failing',
        '    category: policy-number',
        '    severity: low',
        '    confidence: 0.6',
        "    patterns: ['\\bQXZ-\\d{6}\\b']",
        "    examples: ['Ref QXZ-482913', 'Ref QXZ-48291']",
        "    negative_examples: ['Ref QXY-482913', 'Ref QXZ-777777']",
        '',
      ].join('\n'),
    );
    const r = await runCli(['rules', 'check', file]);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      'FAIL failing test.failing example[1] should match but did not: "Ref QXZ-48291"',
      'FAIL failing test.failing negative_example[1] should not match but did (confidence 0.6): "Ref QXZ-777777"',
      '1 rules, 4 examples: 2 passed, 2 failed',
    ]);
    expect(r.code).toBe(1);
  });

  it('a pack that does not exist: exit 2, one line naming it', async () => {
    const missing = join(dir, 'missing.yaml');
    const r = await runCli(['rules', 'check', missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`rule pack not found: ${missing}`);
  });

  it.each([['uk-contact'], ['rules/uk-contact.yaml']])(
    'checks the built-in pack %s on its own',
    async (ref) => {
      const r = await runCli(['rules', 'check', ref]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    },
  );
});

describe('residue rules list', () => {
  it('lists every built-in pack and rule id, in order, from the YAML', async () => {
    const packs = BUILTIN_FILES.map(readPack);
    const r = await runCli(['rules', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(listedIds(r.stdout)).toEqual(packs.flatMap((p) => p.rules.map((rule) => rule.id)));
    const headers = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(headers).toEqual(packs.map((p) => `${p.name} ${p.version} (builtin:${p.name})`));
    expect(listedIds(r.stdout)).not.toContain('acme.policy');
  });

  it('--json gives the same packs and ids', async () => {
    const packs = BUILTIN_FILES.map(readPack);
    const r = await runCli(['rules', 'list', '--json']);
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout) as { pack: string; source: string; rules: { id: string }[] }[];
    expect(listing.map((p) => [p.pack, p.source, p.rules.map((x) => x.id)])).toEqual(
      packs.map((p) => [p.name, `builtin:${p.name}`, p.rules.map((x) => x.id)]),
    );
  });

  it('--rules <user pack> lists only acme.policy', async () => {
    const r = await runCli(['rules', 'list', '--rules', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)[0]).toBe(`custom-policy 1.0.0 (${GOOD})`);
    expect(listedIds(r.stdout)).toEqual(['acme.policy']);
    expect(r.stdout).toMatch(/^ {2}acme\.policy +policy-number +medium +Acme Assurance policy number$/m);
  });

  it('--rules <built-in name> lists that pack only', async () => {
    const r = await runCli(['rules', 'list', '--rules', 'uk-people']);
    expect(r.code).toBe(0);
    expect(listedIds(r.stdout)).toEqual(readPack('rules/uk-people.yaml').rules.map((x) => x.id));
  });
});

describe('bad rule packs stop the CLI with exit 2 and one clean line (spawned bin)', () => {
  // From fixtures/bad-rules/EXPECTED.md (test/rulepack/load.test.ts checks this table against it).
  const cases: [file: string, position: string, ruleId: string | undefined][] = [
    ['bad-regex.yaml', '12:9', 'acme.member-number'],
    ['unknown-validator.yaml', '12:18', 'acme.member-number'],
    ['unknown-category.yaml', '7:15', 'acme.shoe-size'],
    ['duplicate-id.yaml', '14:9', 'acme.member-number'],
    ['malformed.yaml', '8:1', undefined],
    ['wrong-type.yaml', '10:15', 'acme.member-number'],
  ];

  it('covers every pack in fixtures/bad-rules', () => {
    const yamls = readdirSync(join(ROOT, 'fixtures/bad-rules')).filter((f) => f.endsWith('.yaml'));
    expect(cases.map((c) => c[0]).sort()).toEqual(yamls.sort());
  });

  const commands: [name: string, args: (pack: string) => string[]][] = [
    ['scan --rules', (pack) => ['scan', '--rules', pack, 'fixtures/demo']],
    ['rules check', (pack) => ['rules', 'check', pack]],
  ];

  describe.each(commands)('%s', (_name, args) => {
    it.concurrent.each(cases)('%s → bad-rules/%s:%s', async (file, position, ruleId) => {
      const r = await spawnCliAsync(args(`fixtures/bad-rules/${file}`));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      const errLines = r.stderr.split('\n').slice(0, -1);
      expect(errLines).toHaveLength(1);
      const line = errLines[0] as string;
      expect(line.startsWith('residue: ')).toBe(true);
      expect(line).toContain(`bad-rules/${file}:${position}: `);
      if (ruleId) expect(line).toContain(ruleId);
      expect(r.stderr).not.toMatch(/^ {4}at /m);
      expect(r.stderr).not.toContain('internal error');
    });
  });
});

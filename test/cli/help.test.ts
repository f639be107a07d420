import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ROOT, runCli } from '../helpers/cli.js';

async function runTty(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stdoutIsTTY: true,
    stderrIsTTY: true,
    env,
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

describe('help that teaches', () => {
  it('residue --help shows examples for ops staff, CI and contractors, and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const text of [
      'before and after vendor maintenance',
      'CI (fail the job',
      'proving deletion',
      'Exit codes',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it('residue scan --help lists every option with examples', async () => {
    const r = await runCli(['scan', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--fail-on', '--format', '--explain', '--config', '--key-file', '--max-depth']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('residue scan . --fail-on personal-data --quiet');
  });

  it.each([
    ['diff', 'residue diff before.json after.json'],
    ['attest', 'residue attest /srv/restore --key contractor.key --out cert.json'],
    ['verify', 'residue verify cert.json --pub contractor.pub'],
    ['fingerprint', 'residue fingerprint customers.csv --columns surname,dob,postcode --out owner.rfp'],
    ['keygen', 'residue keygen --out contractor'],
    ['init', 'residue init'],
    ['merge', 'residue merge s1.json s2.json --out all.json'],
  ])('residue %s --help has an example', async (command, example) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nExamples?\b/);
    expect(r.stdout).toContain(example);
  });

  it('--version prints the package version', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    const r = await runCli(['--version']);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('terminal behaviour', () => {
  it('colours text on a terminal unless NO_COLOR or --no-color', async () => {
    const args = ['scan', 'fixtures/incidental', '--threads', '0', '--quiet'];
    expect((await runTty(args)).stdout).toContain('\x1b[');
    expect((await runTty(args, { NO_COLOR: '1' })).stdout).not.toContain('\x1b[');
    expect((await runTty([...args, '--no-color'])).stdout).not.toContain('\x1b[');
  });

  it('says on a terminal where it created the fingerprint key, once', async () => {
    const key = join(mkdtempSync(join(tmpdir(), 'residue-key-')), 'fingerprint.key');
    const args = ['scan', 'fixtures/incidental', '--threads', '0', '--format', 'json'];
    const first = await runTty(args, { RESIDUE_KEY_FILE: key });
    expect(first.stderr).toContain(`residue: created the fingerprint key ${key} (mode 0600)`);
    const again = await runTty(args, { RESIDUE_KEY_FILE: key });
    expect(again.stderr).not.toContain('created the fingerprint key');
  });

  it('never creates the fingerprint key inside the tree it scans: a one-off key, and says so', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'residue-tree-'));
    writeFileSync(join(tree, 'people.csv'), 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\n');
    // A first scan of a home folder: the default key would go to <home>/.config/residue/fingerprint.key.
    const env = { HOME: tree };
    const args = ['scan', tree, '--threads', '0', '--format', 'json', '--fail-on', 'never'];
    const first = await runCli(args, env);
    const second = await runCli(args, env);
    expect(first.code).toBe(0);
    expect(readdirSync(tree)).toEqual(['people.csv']);
    const keyPath = join(tree, '.config', 'residue', 'fingerprint.key');
    expect(first.stderr).toContain(
      `residue: not creating the fingerprint key ${keyPath}: it is inside the tree`,
    );
    const ids = [first, second].map(
      (r) => (JSON.parse(r.stdout) as { fingerprints: { keyId: string } }).fingerprints.keyId,
    );
    expect(ids[0]).not.toBe(ids[1]);
    expect(
      (JSON.parse(first.stdout) as { summary: { verdicts: Record<string, number> } }).summary.verdicts[
        'personal-data'
      ],
    ).toBe(1);
    // Outside the scanned tree, the key is created as usual and kept.
    const elsewhere = await runCli(
      ['scan', join(tree, 'people.csv'), '--threads', '0', '--format', 'json', '--fail-on', 'never'],
      { HOME: mkdtempSync(join(tmpdir(), 'residue-home-')) },
    );
    expect(elsewhere.stderr).not.toContain('not creating');
  });

  it('refuses a time budget of 0 (exit 2)', async () => {
    const r = await runCli(['scan', 'fixtures/incidental', '--time-budget', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--time-budget.*expected a whole number from 1/);
  });

  it('prints a one-line human summary on a terminal when the report is for machines', async () => {
    const r = await runTty(['scan', 'fixtures/incidental', '--threads', '0', '--format', 'json']);
    expect(JSON.parse(r.stdout).summary.filesScanned).toBe(4);
    expect(r.stderr).toContain('residue: 4 files scanned · 0 personal-data · 3 contains-pii');
    const quiet = await runTty([
      'scan',
      'fixtures/incidental',
      '--threads',
      '0',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(quiet.stderr).toBe('');
  });
});

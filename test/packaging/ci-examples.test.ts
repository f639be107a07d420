import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { spawnCli } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

// docs/ci/: the examples parse, and every residue command in them uses a subcommand, flags and values that the
// built CLI's `--help` lists, so an option renamed in the CLI cannot leave a stale example behind.

const CI = join(ROOT, 'docs', 'ci');
const read = (name: string) => readFileSync(join(CI, name), 'utf8');

/** A shell word as residue would see it by default: quotes off, `${VAR:-default}` as its default. */
function shellValue(word: string): string {
  const unquoted = word.replace(/^["']|["']$/g, '');
  return /^\$\{\w+:-([^}]*)\}$/.exec(unquoted)?.[1] ?? unquoted;
}

/** `$RESIDUE scan . --format sarif …` → its subcommand and its flags with their values. */
function residueCommands(text: string): { command: string; flags: Map<string, string | true> }[] {
  const out: { command: string; flags: Map<string, string | true> }[] = [];
  for (const m of text.matchAll(/\$RESIDUE\s+(\w[\w-]*)((?:[^\n>|;&]|\n\s*(?=--))*)/g)) {
    const tokens = (m[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const flags = new Map<string, string | true>();
    tokens.forEach((t, i) => {
      if (!t.startsWith('--')) return;
      const next = tokens[i + 1];
      flags.set(t, next !== undefined && !next.startsWith('-') ? shellValue(next) : true);
    });
    out.push({ command: m[1] as string, flags });
  }
  return out;
}

function expectKnownToCli(text: string): void {
  const commands = residueCommands(text);
  expect(commands.length).toBeGreaterThan(0);
  for (const { command, flags } of commands) {
    const help = spawnCli([command, '--help']);
    expect(help.code, `residue ${command} --help`).toBe(0);
    const usage = help.stdout.replace(/\s+/g, ' ');
    for (const [flag, value] of flags) {
      expect(usage, `residue ${command} ${flag}`).toMatch(new RegExp(`(?:^| )${flag}[ ,]`));
      // A value from a closed list (--format, --fail-on) must be one of its choices.
      const choices = new RegExp(`${flag} <\\w+> [^-]*?\\(choices: ([^)]*?)(?:, default|\\))`).exec(usage);
      if (choices && typeof value === 'string')
        expect(choices[1], `${flag} ${value}`).toContain(`"${value}"`);
    }
  }
}

describe('CI examples (docs/ci)', () => {
  it('GitHub Actions: SARIF to code scanning, Markdown to the job summary, failing on personal data', () => {
    const text = read('github-actions.yml');
    const workflow = parse(text) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(
      expect.arrayContaining(['actions/checkout', 'actions/setup-node', 'github/codeql-action/upload-sarif']),
    );
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    const sarif = residueCommands(runs.join('\n')).find((c) => c.flags.get('--format') === 'sarif');
    // Outside the checkout: the summary scan of `.` must not read the SARIF report.
    expect(sarif?.flags.get('--output')).toBe('$RUNNER_TEMP/residue.sarif');
    expect(sarif?.flags.get('--fail-on')).toBe('personal-data');
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe(
      // The workflow's own expression syntax, not a template literal.
      ['$', '{{ runner.temp }}/residue.sarif'].join(''),
    );
    expect(
      runs.some((r) => /--format markdown\b[^\n]*>> "\$GITHUB_STEP_SUMMARY"/.test(r.replace(/\n/g, ' '))),
    ).toBe(true);
    expectKnownToCli(runs.join('\n'));
  });

  it('GitLab CI: a JUnit report artefact, failing on personal data', () => {
    const text = read('gitlab-ci.yml');
    const jobs = parse(text) as Record<
      string,
      { script: string[]; artifacts: { when: string; reports: { junit: string } } }
    >;
    const job = jobs.residue;
    if (!job) throw new Error('no `residue` job');
    const script = job.script.join('\n');
    const junit = residueCommands(script).find((c) => c.flags.get('--format') === 'junit');
    expect(junit?.flags.get('--fail-on')).toBe('personal-data');
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.junit).toBe(junit?.flags.get('--output'));
    expectKnownToCli(script);
  });

  it('pre-commit: scans the staged files with flags the CLI has', () => {
    const text = read('pre-commit');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain('git diff --cached --name-only --diff-filter=ACM -z');
    expectKnownToCli(text);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { readHostsFile } from '../../src/engine/remote/target.js';
import { spawnCli } from '../helpers/cli.js';
import { ROOT } from './helpers.js';

// docs/remote/: the sharding and hosts examples parse, agree with themselves (N parts scanned, N merged), and
// every residue flag in them is one the built CLI's --help lists.

const DOCS = join(ROOT, 'docs', 'remote');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

/** Flags after each `residue scan|merge` (or `$RESIDUE scan|merge`) in a text, YAML folding undone. */
function residueFlags(text: string): { command: string; flags: string[] }[] {
  const flat = text.replace(/\\\n/g, ' ').replace(/\n\s+(?=--)/g, ' ');
  return [...flat.matchAll(/(?:\$RESIDUE|residue@[\d.]+)\s+(scan|merge)\b([^\n&|;>]*)/g)].map((m) => ({
    command: m[1] as string,
    flags: [...(m[2] ?? '').matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((f) => f[1] as string),
  }));
}

const helps = new Map<string, string>();
function expectKnownFlags(text: string): void {
  const commands = residueFlags(text);
  expect(commands.length).toBeGreaterThan(0);
  for (const { command, flags } of commands) {
    if (!helps.has(command)) helps.set(command, spawnCli([command, '--help']).stdout.replace(/\s+/g, ' '));
    for (const flag of flags)
      expect(helps.get(command), `residue ${command} ${flag}`).toMatch(new RegExp(` ${flag}[ ,]`));
  }
}

describe('remote and sharded scan examples (docs/remote)', () => {
  it('GitHub Actions: a matrix of N shards, all N merged, with a shared fingerprint key', () => {
    const text = read('github-actions-shards.yml');
    const workflow = parseYaml(text) as {
      jobs: {
        scan: { strategy: { matrix: { shard: number[] } }; steps: { run?: string }[] };
        merge: { needs: string; steps: { run?: string }[] };
      };
    };
    const shards = workflow.jobs.scan.strategy.matrix.shard;
    const n = shards.length;
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const scanRun = workflow.jobs.scan.steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');
    expect(scanRun).toContain(`--shard \${{ matrix.shard }}/${n}`);
    expect(scanRun).toContain('--key-file');
    expect(workflow.jobs.merge.needs).toBe('scan');
    const mergeRun = workflow.jobs.merge.steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');
    expect(mergeRun).toContain(`merge ${shards.map((k) => `part-${k}.json`).join(' ')} --out`);
    expectKnownFlags(text);
  });

  it('Kubernetes: an Indexed Job whose completions match --shard K/N, then a merge of N parts', () => {
    const text = read('kubernetes-indexed-job.yaml');
    const [scanJob, mergeJob] = parseAllDocuments(text).map((d) => d.toJS()) as {
      kind: string;
      spec: {
        completionMode?: string;
        completions?: number;
        template: { spec: { containers: { args: string[] }[] } };
      };
    }[];
    expect(scanJob?.kind).toBe('Job');
    expect(scanJob?.spec.completionMode).toBe('Indexed');
    const n = scanJob?.spec.completions as number;
    const args = scanJob?.spec.template.spec.containers[0]?.args.join(' ') ?? '';
    expect(args).toContain('K=$((JOB_COMPLETION_INDEX + 1))');
    expect(args).toContain(`--shard "$K/${n}"`);
    expect(mergeJob?.spec.template.spec.containers[0]?.args.join(' ')).toContain(`-eq ${n}`);
    expectKnownFlags(text);
  });

  it('hosts file and script: every line a valid sftp:// URL, every flag known', () => {
    const targets = readHostsFile(join(DOCS, 'hosts.txt'), 'me');
    expect(targets.map((t) => t.display)).toEqual([
      'sftp://audit@web1.example.internal/srv/www',
      'sftp://audit@web2.example.internal/srv/www',
      'sftp://audit@db1.example.internal:2222/var/backups',
      'sftp://audit@files.example.internal/~/exports',
    ]);
    const script = read('scan-hosts.sh');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expectKnownFlags(script);
  });
});

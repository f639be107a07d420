import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers.js';

// docs/ci/pre-commit in a throwaway repository, running the built bin through RESIDUE. It scans the staged
// versions of added, copied and modified files and stops the commit on personal data. ~5 s.

const HOOK = join(ROOT, 'docs', 'ci', 'pre-commit');
const CUSTOMERS = readFileSync(join(ROOT, 'fixtures', 'demo', 'restore', 'customers_export.csv'), 'utf8');

describe.skipIf(process.platform === 'win32')('pre-commit hook (docs/ci/pre-commit)', () => {
  let dir: string;
  let repo: string;
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  const git = (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync('git', args, { cwd: repo, encoding: 'utf8', env });
  const commit = (message: string) => git('commit', '-m', message);
  const head = () => git('rev-list', '--count', 'HEAD').stdout.trim();

  beforeAll(() => {
    dir = tempDir('pre-commit');
    repo = join(dir, 'repo');
    tmp = join(dir, 'tmp');
    mkdirSync(repo);
    mkdirSync(tmp);
    env = {
      ...process.env,
      RESIDUE: `${process.execPath} ${BIN}`,
      RESIDUE_KEY_FILE: join(dir, 'fingerprint.key'),
      TMPDIR: tmp,
      NO_COLOR: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
    };
    expect(git('init', '-q').status).toBe(0);
    git('config', 'core.hooksPath', '.git/hooks');
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    mkdirSync(join(repo, '.git', 'hooks'), { recursive: true });
    copyFileSync(HOOK, hook);
    chmodSync(hook, 0o755);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lets a clean commit through', () => {
    writeFileSync(join(repo, 'README.md'), '# Shop\n\nOrders are exported nightly to restore/.\n');
    git('add', 'README.md');
    const r = commit('readme');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(head()).toBe('1');
  });

  it('stops a commit that stages a CSV of personal data, and says how to bypass or suppress', () => {
    mkdirSync(join(repo, 'restore'), { recursive: true });
    writeFileSync(join(repo, 'restore', 'customers export.csv'), CUSTOMERS);
    git('add', '.');
    const r = commit('export');
    expect(r.status).toBe(1);
    // git shows a hook's output on stderr.
    expect(r.stderr).toContain('restore/customers export.csv');
    expect(r.stderr).toContain('personal-data');
    expect(r.stderr).toContain('git commit --no-verify');
    expect(r.stderr).toContain('residue-ignore:');
    expect(r.stderr).toContain('.residueignore');
    expect(head()).toBe('1');
  });

  it('scans what is staged, not the working tree', () => {
    // Staged: the export. Working tree: the file emptied but not re-staged. The commit must still stop.
    writeFileSync(join(repo, 'restore', 'customers export.csv'), 'id\n');
    expect(commit('export, emptied but not staged').status).toBe(1);
    // Staged: an empty file. Working tree: the export again. Nothing personal is committed.
    git('add', '.');
    writeFileSync(join(repo, 'restore', 'customers export.csv'), CUSTOMERS);
    const r = commit('empty export');
    expect(r.status).toBe(0);
    expect(head()).toBe('2');
  });

  it('honours the staged .residueignore', () => {
    writeFileSync(join(repo, '.residueignore'), 'restore/\n');
    git('add', '.');
    const r = commit('ignored export');
    expect(r.status).toBe(0);
    expect(head()).toBe('3');
  });

  it('commits with RESIDUE_SKIP=1, and leaves no temp files behind', () => {
    writeFileSync(join(repo, 'people.csv'), CUSTOMERS);
    git('add', 'people.csv');
    env = { ...env, RESIDUE_SKIP: '1' };
    expect(commit('skipped').status).toBe(0);
    expect(head()).toBe('4');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('stops the commit when residue cannot run', () => {
    writeFileSync(join(repo, 'notes.txt'), 'nothing here\n');
    git('add', 'notes.txt');
    env = { ...env, RESIDUE_SKIP: '', RESIDUE: `${process.execPath} ${join(dir, 'missing.js')}` };
    const r = commit('no scanner');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('could not run residue');
    expect(head()).toBe('4');
  });
});

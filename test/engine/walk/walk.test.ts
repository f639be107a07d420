import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALK_PAUSE, type WalkEntry, type WalkOptions, walk } from '../../../src/engine/walk/walk.js';

let root: string;
const base: WalkOptions = { include: [], exclude: [], followSymlinks: false, maxFileSize: 1024 };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'residue-walk-'));
  mkdirSync(join(root, 'a/b'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  mkdirSync(join(root, 'node_modules/x'), { recursive: true });
  writeFileSync(join(root, 'a/b/data.csv'), 'x');
  writeFileSync(join(root, 'a/notes.txt'), 'x');
  writeFileSync(join(root, '.hidden/secret.json'), 'x');
  writeFileSync(join(root, 'node_modules/x/index.js'), 'x');
  writeFileSync(join(root, 'big.bin'), Buffer.alloc(2048));
  writeFileSync(join(root, 'skip.log'), 'x');
  writeFileSync(join(root, '.residueignore'), '*.log\n');
  symlinkSync('../..', join(root, 'a/b/loop'));
  symlinkSync('a/notes.txt', join(root, 'link.txt'));
  execFileSync('mkfifo', [join(root, 'pipe')]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = (entries: WalkEntry[]): string[] =>
  entries
    .filter((e) => e.kind === 'file')
    .map((e) => e.path)
    .sort();
const others = (entries: WalkEntry[]): string[] =>
  entries
    .flatMap((e) => (e.kind === 'file' || e.kind === 'pause' ? [] : [e]))
    .map((e) => `${e.kind}:${e.path}:${'reason' in e ? e.reason : e.code}`)
    .sort();

describe('walk', () => {
  it('yields regular files including dotfiles, honours .residueignore, lists everything it does not read', () => {
    const entries = [...walk([root], base)];
    expect(files(entries)).toEqual([
      '.hidden/secret.json',
      '.residueignore',
      'a/b/data.csv',
      'a/notes.txt',
      'node_modules/x/index.js',
    ]);
    expect(others(entries)).toEqual([
      'error:big.bin:TOO_LARGE',
      'skipped:a/b/loop:symbolic link (not followed)',
      'skipped:link.txt:symbolic link (not followed)',
      'skipped:pipe:named pipe (FIFO), not read',
    ]);
  });

  it('applies --include and --exclude globs (directories are pruned)', () => {
    const entries = [
      ...walk([root], { ...base, include: ['**/*.csv', '**/*.js'], exclude: ['node_modules/**'] }),
    ];
    expect(files(entries)).toEqual(['a/b/data.csv']);
  });

  it('follows symbolic links when asked and stops at a loop', () => {
    const entries = [...walk([root], { ...base, followSymlinks: true })];
    expect(files(entries)).toContain('link.txt');
    expect(others(entries)).toContain('skipped:a/b/loop:symbolic link loop (directory already walked)');
    expect(files(entries).filter((p) => p.includes('loop'))).toEqual([]);
  });

  it('prefixes paths with their root when several roots are given, and accepts a file root', () => {
    const entries = [...walk([join(root, 'a'), join(root, '.hidden/secret.json')], base)];
    expect(files(entries)).toEqual(
      [
        `${join(root, '.hidden/secret.json')}`,
        `${join(root, 'a')}/b/data.csv`,
        `${join(root, 'a')}/notes.txt`,
      ].sort(),
    );
  });
});

describe('kernel pseudo-files', () => {
  it('are listed as not inspected: they say size 0 and hold data (/proc/self/environ)', () => {
    const empty = join(root, 'empty.txt');
    writeFileSync(empty, '');
    const entries = [...walk(['/proc/self/environ', empty], base)];
    expect(entries).toEqual([
      {
        kind: 'error',
        path: '/proc/self/environ',
        code: 'UNSUPPORTED',
        detail: 'a kernel pseudo-file (procfs, sysfs) with no size',
      },
      // An ordinary empty file is just empty.
      { kind: 'file', absPath: empty, path: empty, size: 0 },
    ]);
  });
});

describe('walk pauses', () => {
  it('pauses every WALK_PAUSE names read, whether or not they are files it yields', () => {
    const tree = mkdtempSync(join(tmpdir(), 'residue-pause-'));
    for (let i = 0; i < 2 * WALK_PAUSE + 10; i++) writeFileSync(join(tree, `f${i}.txt`), '');
    writeFileSync(join(tree, 'only.csv'), 'a,b\n');
    // Every .txt excluded: nothing but pauses and the one .csv comes out.
    const entries = [
      ...walk([tree], { include: ['*.csv'], exclude: [], followSymlinks: false, maxFileSize: 1 << 30 }),
    ];
    rmSync(tree, { recursive: true, force: true });
    expect(entries.filter((e) => e.kind === 'pause')).toHaveLength(2);
    expect(files(entries)).toEqual(['only.csv']);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, copyDemo, DEMO_PERSONAL_DATA, filesWith, ROOT, tempDir } from './helpers.js';

// What `npm pack` ships: the built code, the rule packs and name lists, the bin shim, the report schema, README,
// LICENSE and package.json; never sources, tests, fixtures, benchmarks or the single executable. The install test
// packs, installs the tarball into a fresh project and scans the demo with `npx residue` (~15 s, most of it npm).
// Lifecycle scripts are skipped (--ignore-scripts): the package is packed from the dist/ the test run has built.

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const quietEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };

function npmRun(args: string[], cwd: string) {
  const r = spawnSync(npm, args, { cwd, encoding: 'utf8', env: quietEnv });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [relative(ROOT, join(dir, e.name)).split(sep).join('/')],
  );
}

interface PackJson {
  filename: string;
  files: { path: string }[];
}

describe('npm package contents (npm pack --dry-run)', () => {
  let files: string[] = [];
  beforeAll(() => {
    const [pack] = JSON.parse(
      npmRun(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT),
    ) as PackJson[];
    files = (pack?.files ?? []).map((f) => f.path).sort();
  });

  it('holds only the package folders and files', () => {
    const allowed = /^(?:(?:bin|dist|rules|schema)\/.+|README\.md|LICENSE|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /^(?:src|test|fixtures|bench|scripts|docs|node_modules)\//.test(f))).toEqual(
      [],
    );
    // The single executable (npm run build:binary) is 100 MB and goes out on its own.
    expect(files.filter((f) => /^dist\/residue(?:\.exe)?$/.test(f))).toEqual([]);
  });

  it('holds what residue needs at run time', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/residue.js',
        'dist/cli/index.js',
        'dist/resources.js',
        'dist/workers/entry.cjs',
        'dist/workers/scan-worker.js',
        'rules/uk-people.yaml',
        'rules/names/first-names.txt',
        'schema/report.schema.json',
      ]),
    );
    // Every rule pack and name list, and every module of src/ built.
    expect(files).toEqual(expect.arrayContaining(walk(join(ROOT, 'rules'))));
    const modules = walk(join(ROOT, 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => f.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));
    const missing = modules.filter((m) => !files.includes(m));
    expect(missing, 'modules missing from the package (a stale dist/? run `npm run build`)').toEqual([]);
  });
});

describe('npm package install', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('npm-pack');
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs from the tarball and `npx residue scan` finds the demo personal-data files', () => {
    const [packed] = JSON.parse(
      npmRun(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT),
    ) as PackJson[];
    const tarball = join(dir, packed?.filename ?? '');
    const project = join(dir, 'consumer');
    copyDemo(dir);
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
    );
    npmRun(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);

    const r = spawnSync(npx, ['--no', 'residue', 'scan', join(dir, 'demo'), '--format', 'json'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...quietEnv, RESIDUE_KEY_FILE: join(dir, 'fingerprint.key') },
    });
    expect(r.status).toBe(1);
    const report = comparable(r.stdout);
    expect(report.errors).toEqual([]);
    expect(filesWith(report, 'personal-data')).toEqual(DEMO_PERSONAL_DATA);
    expect(filesWith(report, 'contains-pii')).toEqual(['invoices/inv-2031.txt', 'src/app.js']);
    expect(report.summary.records).toBe(80);
  }, 90_000);
});

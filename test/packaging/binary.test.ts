import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, comparable, copyDemo, DEMO_PERSONAL_DATA, filesWith, ROOT, tempDir } from './helpers.js';

// `npm run build:binary` (scripts/build-binary.mjs): one executable with the CLI, the worker code, the rule packs
// and the name lists inside. Run from a folder far from the package, it must give the very report
// the npm build gives, with worker threads and in-process. Building takes ~10 s; the whole file ~20 s.

/** Why the binary cannot be built here, or null: only a missing build tool is a reason to skip. */
function missingTool(): string | null {
  const require = createRequire(join(ROOT, 'package.json'));
  for (const tool of ['esbuild', 'postject']) {
    try {
      require.resolve(tool);
    } catch {
      return `${tool} is not installed (npm install)`;
    }
  }
  try {
    if (typeof require('node:sea').isSea !== 'function') return 'this Node has no node:sea';
  } catch {
    return 'this Node has no node:sea';
  }
  return null;
}

const skip = missingTool();
if (skip) console.warn(`test/packaging/binary.test.ts skipped: ${skip}`);

/** A one-page PDF with Helvetica text lines. */
function pdf(lines: string[]): Buffer {
  const text = lines.map((l) => `(${l}) Tj T*`).join('\n');
  const content = `BT /F1 11 Tf 14 TL 72 760 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function sqlite(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE members (id INTEGER, full_name TEXT, dob TEXT, postcode TEXT, email TEXT);
    INSERT INTO members VALUES
      (1, 'Margaret Evans', '1948-02-11', 'LS6 2AB', 'm.evans@example.org'),
      (2, 'David Hughes', '1955-09-30', 'CF10 1AA', 'dhughes@example.net'),
      (3, 'Susan Clarke', '1962-12-05', 'M14 5RT', 'sue.clarke@example.com');`);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe.skipIf(skip !== null)('single executable (npm run build:binary)', () => {
  let dir: string;
  let exe: string;
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = tempDir('binary');
    exe = join(dir, 'bin', 'residue');
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-binary.mjs'), '--out', exe], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    copyDemo(dir);
    writeFileSync(join(dir, 'demo', 'restore', 'members.sqlite'), await sqlite());
    writeFileSync(
      join(dir, 'demo', 'letters', 'referral.pdf'),
      pdf([
        'Patient: Mrs Margaret Evans',
        '14 Acacia Avenue, Leeds LS6 2AB',
        'Date of birth: 11/02/1948',
        'Email: m.evans@example.org',
      ]),
    );
    // The executable extracts its files under TMPDIR: a private one shows whether they are cleaned up.
    tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    env = { ...process.env, TMPDIR: tmp, NO_COLOR: '1', RESIDUE_KEY_FILE: join(dir, 'fingerprint.key') };
  }, 120_000); // the build takes ~10 s, more on a busy machine

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const runExe = (args: string[]) => spawnSync(exe, args, { cwd: dir, encoding: 'utf8', env });
  const runNpmBuild = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env });

  it('is one file that reports the package version', () => {
    expect(statSync(exe).size).toBeGreaterThan(10 * 1024 ** 2);
    const r = runExe(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an unwritable TMPDIR is one line and exit 2, not a stack trace', () => {
    const r = spawnSync(exe, ['--version'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, TMPDIR: join(dir, 'no-such-folder') },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `residue: cannot make a private folder for its own files under ${join(dir, 'no-such-folder')} (ENOENT); set TMPDIR to a writable folder\n`,
    );
  });

  it('gives the npm build report, with worker threads and in-process, from another folder', () => {
    const args = ['scan', 'demo', '--format', 'json'];
    const npm = runNpmBuild([...args, '--threads', '2']);
    expect(npm.status).toBe(1);
    const expected = comparable(npm.stdout);
    // The extras prove SQLite databases and pdf.js are read inside the executable and its workers.
    expect(expected.errors).toEqual([]);
    expect(filesWith(expected, 'personal-data')).toEqual(
      expect.arrayContaining([
        ...DEMO_PERSONAL_DATA,
        'letters/referral.pdf!/page-1',
        'restore/members.sqlite!/members',
      ]),
    );
    for (const threads of ['2', '0']) {
      const exeRun = runExe([...args, '--threads', threads]);
      expect(exeRun.stderr).toBe('');
      expect(exeRun.status).toBe(1);
      expect(comparable(exeRun.stdout)).toEqual(expected);
    }
  });

  it('passes `rules check` on its embedded packs', () => {
    const r = runExe(['rules', 'check']);
    expect(r.stdout).toMatch(/ 0 failed/);
    expect(r.status).toBe(0);
  });

  it('leaves no extracted files behind', () => {
    expect(existsSync(tmp)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('refers to nothing in the source tree: no build path is baked in', () => {
    expect(readFileSync(exe).includes(Buffer.from(ROOT))).toBe(false);
  });
});

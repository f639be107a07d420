// A hostile file system: files that cannot be read, that must never be opened, that change under the scan,
// that are huge or have names that are not text. The scan always finishes and lists what it did not read.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/engine/extract/byte-source.js';
import { scanFile, scanSource } from '../../src/engine/scan-file.js';
import { walk } from '../../src/engine/walk/walk.js';
import type { CompiledRule } from '../../src/rulepack/compiled.js';
import { builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { runMeasured, scratchDir, unprivilegedCli, unprivilegedDir } from './run.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const PERSON = 'Patient Jane Smith, NHS number 485 112 2330, date of birth 03/04/1961\n';
const CSV = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n';
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 };

interface ReportJson {
  files: { path: string; verdict: string; size: number }[];
  errors: { path: string; code: string; message: string }[];
  skipped: { path: string; reason: string }[];
  summary: { complete: boolean; filesScanned: number };
}

let dir: string;
let rules: readonly CompiledRule[];

beforeAll(() => {
  dir = scratchDir('fs');
  rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
});

afterAll(() => {
  // Give back write and search permission so the scratch folder can be removed.
  execFileSync('chmod', ['-R', 'u+rwX', dir]);
  rmSync(dir, { recursive: true, force: true });
});

async function scanJson(args: string[]): Promise<{ code: number; report: ReportJson; stderr: string }> {
  const r = await runCli(['scan', ...args, '--format', 'json', '--quiet', '--fail-on', 'never'], {
    RESIDUE_KEY_FILE: join(dir, 'fingerprint.key'),
  });
  return { code: r.code, report: JSON.parse(r.stdout) as ReportJson, stderr: r.stderr };
}

describe('files that cannot be read are listed, and the scan goes on', () => {
  const asUser = unprivilegedCli();
  const dropNote = asUser ? '' : ' [skipped: running as root and cannot drop privileges to nobody here]';
  it.skipIf(asUser === null)(`a file and a folder without read permission${dropNote}`, () => {
    const run = asUser as NonNullable<typeof asUser>;
    const home = unprivilegedDir('perms');
    const tree = join(home, 'perms');
    mkdirSync(join(tree, 'locked-dir'), { recursive: true });
    writeFileSync(join(tree, 'readable.csv'), CSV);
    writeFileSync(join(tree, 'locked.csv'), CSV);
    writeFileSync(join(tree, 'locked-dir', 'inner.csv'), CSV);
    chmodSync(join(tree, 'locked.csv'), 0o000);
    chmodSync(join(tree, 'locked-dir'), 0o000);
    for (const threads of ['0', '2']) {
      const r = run(
        ['scan', tree, '--threads', threads, '--format', 'json', '--quiet', '--fail-on', 'never'],
        {
          RESIDUE_KEY_FILE: join(home, 'fingerprint.key'),
        },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as ReportJson;
      expect(report.errors).toEqual([
        { path: 'locked-dir', code: 'EACCES', message: 'permission denied' },
        { path: 'locked.csv', code: 'EACCES', message: 'permission denied' },
      ]);
      expect(report.files.map((f) => [f.path, f.verdict])).toEqual([['readable.csv', 'personal-data']]);
      expect(report.summary.complete).toBe(false);
    }
    rmSync(home, { recursive: true, force: true });
  });
});

describe('special files are never opened, and loops end', () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it('a FIFO, a socket, devices and symbolic-link loops: skipped, and the scan does not hang', async () => {
    const tree = join(dir, 'special');
    mkdirSync(join(tree, 'a', 'b'), { recursive: true });
    writeFileSync(join(tree, 'ok.csv'), CSV);
    // Opening a FIFO for reading blocks until a writer comes: a scanner that opens it hangs.
    execFileSync('mkfifo', [join(tree, 'pipe')]);
    execFileSync('mkfifo', [join(dir, 'lone-pipe')]);
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(join(tree, 'app.sock'), resolve));
    // Devices without privileges: links to /dev/zero (endless) and /dev/null, followed with --follow-symlinks.
    symlinkSync('/dev/zero', join(tree, 'zero'));
    symlinkSync('/dev/null', join(tree, 'null'));
    let madeDevice = true;
    try {
      execFileSync('mknod', [join(tree, 'urandom'), 'c', '1', '9'], { stdio: 'ignore' });
    } catch {
      madeDevice = false; // not permitted here (needs CAP_MKNOD): the links above stand in for it
    }
    // Loops: a link back to the root, a link to itself's folder, and a pair of links pointing at each other.
    symlinkSync('../..', join(tree, 'a', 'b', 'up'));
    symlinkSync('.', join(tree, 'a', 'self'));
    symlinkSync('ping', join(tree, 'pong'));
    symlinkSync('pong', join(tree, 'ping'));
    const r = await runMeasured(
      [
        'scan',
        tree,
        join(dir, 'lone-pipe'),
        '/dev/zero',
        '--follow-symlinks',
        '--threads',
        '0',
        '--format',
        'json',
      ],
      { cwd: dir, timeoutMs: 30_000 },
    );
    expect(r.timedOut).toBe(false);
    const report = JSON.parse(r.stdout) as ReportJson;
    const at = (p: string) => `${tree}/${p}`;
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(skipped).toEqual({
      [at('pipe')]: 'named pipe (FIFO), not read',
      [at('app.sock')]: 'socket, not read',
      [at('zero')]: 'device file, not read',
      [at('null')]: 'device file, not read',
      ...(madeDevice ? { [at('urandom')]: 'device file, not read' } : {}),
      [at('a/b/up')]: 'symbolic link loop (directory already walked)',
      [at('a/self')]: 'symbolic link loop (directory already walked)',
      [at('ping')]: 'broken symbolic link',
      [at('pong')]: 'broken symbolic link',
      // Given as roots: never opened either.
      [`${dir}/lone-pipe`]: 'named pipe (FIFO), not read',
      '/dev/zero': 'device file, not read',
    });
    expect(report.files.map((f) => f.path)).toEqual([at('ok.csv')]);
    expect(report.errors).toEqual([]);
  });
});

describe('files that change under the scan', () => {
  /** Walks a tree, lets `change` act on the files the walk saw, then scans them: deterministic races. */
  async function walkChangeScan(
    files: Record<string, string>,
    change: (abs: (name: string) => string) => void,
  ) {
    const tree = scratchDir('race');
    for (const [name, body] of Object.entries(files)) writeFileSync(join(tree, name), body);
    const entries = [
      ...walk([tree], { include: [], exclude: [], followSymlinks: false, maxFileSize: GiB }),
    ].filter((e) => e.kind !== 'pause');
    change((name) => join(tree, name));
    const outcomes = [];
    for (const e of entries) {
      if (e.kind !== 'file') throw new Error(`unexpected ${e.kind} ${e.path}`);
      outcomes.push(await scanFile({ absPath: e.absPath, path: e.path, size: e.size }, rules, options));
    }
    rmSync(tree, { recursive: true, force: true });
    return Object.fromEntries(outcomes.map((o) => [o.path, o]));
  }

  it('a file deleted after the walk saw it is listed as gone', async () => {
    const o = await walkChangeScan({ 'gone.csv': CSV }, (abs) => unlinkSync(abs('gone.csv')));
    expect(o['gone.csv']?.results).toEqual([]);
    expect(o['gone.csv']?.errors).toEqual([
      { path: 'gone.csv', code: 'ENOENT', message: 'file disappeared during the scan' },
    ]);
  });

  it('a file truncated after the walk saw it is listed as changed, not passed as fully read', async () => {
    const big = `name,dob,postcode\n${'Jane Smith,03/04/1961,LS1 4AB\n'.repeat(100_000)}`;
    const o = await walkChangeScan({ 'shrunk.csv': big }, (abs) => truncateSync(abs('shrunk.csv'), 1000));
    expect(o['shrunk.csv']?.errors).toEqual([
      { path: 'shrunk.csv', code: 'CHANGED', message: 'changed size while being read' },
    ]);
  });

  it('a file growing while read is read up to the size the walk saw', async () => {
    const o = await walkChangeScan({ 'growing.log': 'service started\n' }, (abs) =>
      appendFileSync(abs('growing.log'), PERSON.repeat(1000)),
    );
    expect(o['growing.log']?.errors).toEqual([]);
    expect(o['growing.log']?.results.map((r) => [r.size, r.verdict])).toEqual([[16, 'clean']]);
  });

  it('a ByteSource that ends early (a file truncated between reads) is an error for that file', async () => {
    const shrinking: ByteSource = {
      size: 4 * MiB,
      async *chunks() {
        yield Buffer.from(CSV);
        throw Object.assign(new Error('file shrank while being read'), { code: 'CHANGED' });
      },
    };
    const o = await scanSource('shrinking.csv', shrinking, rules, options);
    expect(o.errors.map((e) => e.code)).toEqual(['CHANGED']);
  });
});

describe('huge inputs in bounded time and memory', () => {
  /** `total` bytes of one line (no newline) repeating `unit`, then `tail`; generated, never on disk. */
  function oneLine(total: number, unit: string, tail = ''): ByteSource {
    const chunk = Buffer.from(unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB));
    const end = Buffer.from(tail);
    return {
      size: total + end.length,
      async *chunks() {
        for (let n = 0; n < total; n += MiB) yield chunk.subarray(0, Math.min(MiB, total - n));
        if (end.length > 0) yield end;
      },
    };
  }

  it('a 32 MiB line with no newline is scanned in bounded memory; a value at its far end is found', async () => {
    // Base64-like filler: what a minified bundle or an inline data URI looks like. The 1 GiB run is in the
    // issue #7 report (scripted the same way, with the built engine).
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const started = Date.now();
    const o = await scanSource(
      'bundle.min.js',
      oneLine(32 * MiB, 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY/+', ` ${PERSON}`),
      rules,
      options,
    );
    clearInterval(sampler);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((peak - before) / MiB).toBeLessThan(400);
    expect(o.errors).toEqual([]);
    expect(o.results[0]?.counts).toMatchObject({ 'nhs-number': 1, 'date-of-birth': 1 });
  });

  it('one line packed with personal data (one record of 200k candidates) is scanned whole, a slice at a time', async () => {
    // Overlap resolution was quadratic in a record's candidates: this took minutes, and a 100 MiB JSON object
    // hours. A record open with more candidates than MAX_RECORD_MATCHES is now taken in slices.
    const row = 'Jane Smith 03/04/1961 LS1 4AB, ';
    const rows = Math.floor((2 * MiB) / row.length);
    const text = Buffer.from(row.repeat(rows));
    const o = await scanSource(
      'one-record.txt',
      {
        size: text.length,
        chunks: async function* () {
          yield text;
        },
      },
      rules,
      options,
    );
    expect(o.errors).toEqual([]);
    expect(o.results[0]?.counts).toEqual({ 'person-name': rows, 'date-of-birth': rows, postcode: rows });
    expect(o.results[0]?.verdict).toBe('personal-data');
  });

  it('a sparse 10 GiB file under a short --time-budget ends in bounded time (TIMEOUT or finished)', async () => {
    const file = join(dir, 'sparse.img');
    writeFileSync(file, '');
    truncateSync(file, 10 * GiB);
    const r = await runMeasured(
      ['scan', file, '--max-file-size', '20G', '--time-budget', '2', '--threads', '1', '--format', 'json'],
      { cwd: dir, timeoutMs: 30_000 },
    );
    unlinkSync(file);
    expect(r.timedOut).toBe(false);
    const report = JSON.parse(r.stdout) as ReportJson;
    const timedOut = report.errors.some((e) => e.path === 'sparse.img' && e.code === 'TIMEOUT');
    expect(timedOut || report.summary.filesScanned === 1).toBe(true);
    expect(r.maxRssMiB).toBeLessThan(600);
    console.info(`sparse 10 GiB: ${r.ms} ms, peak RSS ${r.maxRssMiB.toFixed(0)} MiB, timeout ${timedOut}`);
  });
});

describe('the scanned tree is never changed', () => {
  interface Seen {
    sha256: string;
    mtimeMs: number;
    mode: number;
    size: number;
  }
  function snapshot(root: string): Record<string, Seen | 'dir'> {
    const out: Record<string, Seen | 'dir'> = {};
    const visit = (d: string): void => {
      for (const name of readdirSync(d).sort()) {
        const abs = join(d, name);
        const st = lstatSync(abs);
        const rel = relative(root, abs);
        if (st.isDirectory()) {
          out[`${rel}/`] = 'dir';
          visit(abs);
        } else {
          const sha256 = createHash('sha256').update(readFileSync(abs)).digest('hex');
          out[rel] = { sha256, mtimeMs: st.mtimeMs, mode: st.mode, size: st.size };
        }
      }
    };
    visit(root);
    return out;
  }

  it('a read-only tree (chmod -R a-w) scanned in every way: every file and mode as before, no new file', async () => {
    const tree = join(dir, 'readonly');
    cpSync(join(ROOT, 'fixtures/demo'), tree, { recursive: true });
    writeFileSync(
      join(tree, 'backup.csv.gz'),
      readFileSync(join(ROOT, 'fixtures/demo/restore/customers_export.csv')),
    );
    execFileSync('chmod', ['-R', 'a-w', tree]);
    const before = snapshot(tree);
    const out = join(dir, 'readonly-report.json');
    // In-process and with workers, text and JSON, with the working folder inside the tree.
    const r = await runMeasured(['scan', '.', '--threads', '2', '--format', 'json', '--output', out], {
      cwd: tree,
      timeoutMs: 30_000,
    });
    expect(r.code).toBe(1);
    await scanJson([tree, '--threads', '0']);
    expect(snapshot(tree)).toEqual(before);
  });
});

describe('file names that are not UTF-8', () => {
  it('are scanned, and shown with a readable, unambiguous path, in-process and in workers', async () => {
    const tree = join(dir, 'names');
    mkdirSync(tree);
    const raw = (name: string) => Buffer.concat([Buffer.from(`${tree}/`), Buffer.from(name, 'latin1')]);
    writeFileSync(raw('caf\xe9-latin1.csv'), CSV);
    writeFileSync(raw('\xff\xfe.txt'), PERSON);
    mkdirSync(raw('dossier-\xe9t\xe9'));
    writeFileSync(Buffer.concat([raw('dossier-\xe9t\xe9'), Buffer.from('/inner.csv')]), CSV);
    // A zip is reopened by path for random access: that path must be the bytes too.
    writeFileSync(raw('archive-\xe9.zip'), zipSync({ 'export.csv': strToU8(CSV) }));
    writeFileSync(join(tree, 'plain.csv'), CSV);
    // Valid UTF-8 that starts with a byte-order mark: the mark is part of the name, not to be stripped.
    writeFileSync(join(tree, '\uFEFFbom.csv'), CSV);
    for (const threads of ['0', '2']) {
      const { report } = await scanJson([tree, '--threads', threads]);
      // Not "file disappeared" (the misleading ENOENT of a name decoded into a path that does not exist).
      expect(report.errors).toEqual([]);
      expect(report.files.map((f) => [f.path, f.verdict])).toEqual([
        ['\\xff\\xfe.txt', 'personal-data'],
        ['archive-\\xe9.zip!/export.csv', 'personal-data'],
        ['caf\\xe9-latin1.csv', 'personal-data'],
        ['dossier-\\xe9t\\xe9/inner.csv', 'personal-data'],
        ['plain.csv', 'personal-data'],
        ['\uFEFFbom.csv', 'personal-data'],
      ]);
    }
  });
});

// Output safety: report files are written whole or not at all, owner-only; names and excerpts chosen by an
// attacker print inert; no raw value reaches any format, log or error without --show-values; and the scanned
// tree is never written to.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/model/vocabulary.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { scratchDir, terminalControls, unprivilegedCli, unprivilegedDir } from './run.js';

const CSV = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n';

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = scratchDir('output');
  env = { RESIDUE_KEY_FILE: join(dir, 'fingerprint.key') };
});

afterAll(() => {
  execFileSync('chmod', ['-R', 'u+rwX', dir]);
  rmSync(dir, { recursive: true, force: true });
});

const scan = (args: string[]) => runCli(['scan', ...args, '--quiet'], env);

describe('report files', () => {
  const leftovers = (d: string) =>
    readdirSync(d).filter((n) => n.includes('.residue-') || n.endsWith('.tmp'));

  it('replace an existing file atomically, with mode 0600 whatever the old mode was', async () => {
    const out = join(dir, 'report.json');
    writeFileSync(out, 'OLD REPORT', { mode: 0o644 });
    chmodSync(out, 0o644);
    const oldInode = statSync(out).ino;
    const r = await scan(['fixtures/incidental', '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // A new file renamed over the old one: a reader sees the old report or the new one, never half of one.
    expect(statSync(out).ino).not.toBe(oldInode);
    expect(leftovers(dir)).toEqual([]);
  });

  it('replace a symbolic link at the report path instead of writing through it', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'not yours');
    const out = join(dir, 'linked-report.json');
    symlinkSync(victim, out);
    const r = await scan(['fixtures/incidental', '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('not yours');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(leftovers(dir)).toEqual([]);
  });

  it('write into a device or a FIFO as it is, never replacing it with a regular file', async () => {
    // Not tried on /dev/null itself: a regression would replace the machine's /dev/null.
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // A reader on the other end, as `-o >(gzip > r.gz)` would have.
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => {
      got += d.toString();
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const w = await scan(['fixtures/incidental', '--format', 'json', '--output', fifo]);
    await closed;
    expect(w.code).toBe(1);
    expect(JSON.parse(got).schemaVersion).toBe(1);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('fail cleanly (exit 2, one line) when the path cannot be written, leaving what was there intact', async () => {
    const target = join(dir, 'is-a-folder');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'keep');
    const r = await scan(['fixtures/incidental', '--format', 'json', '--output', target]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^residue: cannot write output file .*is-a-folder \(EISDIR\)$/),
    ]);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(leftovers(dir)).toEqual([]);
  });

  const asUser = unprivilegedCli();
  const dropNote = asUser ? '' : ' [skipped: running as root and cannot drop privileges to nobody here]';
  it.skipIf(asUser === null)(`fail cleanly in a read-only folder, the old report intact${dropNote}`, () => {
    const run = asUser as NonNullable<typeof asUser>;
    const home = unprivilegedDir('read-only');
    const ro = join(home, 'read-only');
    mkdirSync(ro);
    writeFileSync(join(ro, 'report.json'), 'OLD REPORT');
    chmodSync(ro, 0o555);
    const r = run(
      [
        'scan',
        join(ROOT, 'fixtures/incidental'),
        '--format',
        'json',
        '--quiet',
        '--output',
        join(ro, 'report.json'),
      ],
      { RESIDUE_KEY_FILE: join(home, 'fingerprint.key') },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^residue: cannot write output file .*report\.json \(EACCES\)$/),
    ]);
    expect(readFileSync(join(ro, 'report.json'), 'utf8')).toBe('OLD REPORT');
    expect(readdirSync(ro)).toEqual(['report.json']);
    chmodSync(ro, 0o755);
    rmSync(home, { recursive: true, force: true });
  });
});

describe('standard output that goes away', () => {
  const bash = (script: string) =>
    spawnSync('bash', ['-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1' },
    });

  it('a reader that stops early (| head) does not change the exit code: personal data is still 1', () => {
    const r = bash(
      `node bin/residue.js scan fixtures/demo --format jsonl --quiet | head -n 1; echo "status=\${PIPESTATUS[0]}"`,
    );
    expect(r.stdout).toMatch(/^\{"type":"file".*\nstatus=1\n$/s);
    expect(r.stderr).toBe('');
  });

  it('a full disk is one line and exit 2, never a stack trace', () => {
    const r = bash(
      'node bin/residue.js scan fixtures/demo --format json --quiet > /dev/full; echo "status=$?"',
    );
    expect(r.stdout).toBe('status=2\n');
    expect(r.stderr).toBe('residue: cannot write to standard output (ENOSPC)\n');
  });
});

describe('names and contents that try to drive the terminal', () => {
  const HOSTILE = [
    '\x1b]0;pwned\x07title',
    'clear\x1b[2J\x1b[H',
    'cr\rPERSONAL DATA  fake',
    'nl\nforged line',
    'csi\x9b31m',
  ];

  async function hostileScan(format: string) {
    const tree = join(dir, `escapes-${format}`);
    mkdirSync(tree);
    for (const [i, name] of HOSTILE.entries()) {
      writeFileSync(join(tree, `${name}.csv`), CSV);
      symlinkSync('/etc/hostname', join(tree, `${name}.link`)); // skipped: links are not followed
      writeFileSync(join(tree, `${name}.big`), 'x'.repeat(9000 + i)); // over --max-file-size: an error
    }
    // Attacker-chosen header and contents, shown in --explain reasons and excerpts.
    writeFileSync(
      join(tree, 'header.csv'),
      `name,dob\x1b]0;pwned\x07,postcode\r\n\x1b[2JJane Smith,03/04/1961,LS1 4AB\r\n`,
    );
    const r = await scan([
      tree,
      '--format',
      format,
      '--explain',
      '--max-file-size',
      '8K',
      '--fail-on',
      'never',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(terminalControls(r.stderr)).toEqual([]);
    return r.stdout;
  }

  it.each(['text', 'markdown', 'junit'])(
    'print inert in %s output: no ESC, BEL, CR, DEL or C1 control',
    async (format) => {
      const out = await hostileScan(format);
      expect(terminalControls(out)).toEqual([]);
      if (format === 'text') {
        // Every hostile path is listed, escaped: as a finding file, a skipped link and an error.
        expect(out).toContain('\\x1b]0;pwned\\x07title.csv');
        expect(out).toContain('nl\\x0aforged line.link: symbolic link (not followed)');
        expect(out).toContain('cr\\x0dPERSONAL DATA  fake.big: not scanned: larger than --max-file-size');
        expect(out).toContain('csi\\x9b31m.csv');
      }
    },
  );

  it.each(['json', 'jsonl', 'sarif'])(
    'print inert in %s output: controls escaped, names recoverable',
    async (format) => {
      const out = await hostileScan(format);
      expect(terminalControls(out, { c1: false })).toEqual([]);
      // JSON escapes C0 controls as \u001b (SARIF percent-encodes them in URIs): exact for a program.
      const name = format === 'sarif' ? '%1B%5D0%3Bpwned%07title.csv' : '\\u001b]0;pwned\\u0007title.csv';
      expect(out).toContain(name);
    },
  );

  // csvCell escapes them as sanitize does, keeping tab, CR and LF, which RFC 4180 quotes as data.
  it('print inert in csv output: no ESC, BEL, DEL or C1 control (tab, CR, LF are quoted data)', async () => {
    const out = await hostileScan('csv');
    expect(terminalControls(out.replace(/[\r\t]/g, ''))).toEqual([]);
    expect(out).toContain('\\x1b]0;pwned\\x07title.csv');
  });

  it('covers every format the CLI offers', () => {
    expect([...REPORT_FORMATS].sort()).toEqual([
      'csv',
      'json',
      'jsonl',
      'junit',
      'markdown',
      'sarif',
      'text',
    ]);
  });
});

describe('raw values never leave the scan without --show-values', () => {
  // Raw values from the first rows of the demo customer export (forename, surname, dob, street, postcode,
  // phone, policy number).
  const rows = readFileSync(join(ROOT, 'fixtures/demo/restore/customers_export.csv'), 'utf8')
    .split('\n')
    .slice(1, 6)
    .map((l) => l.split(','));
  const RAW = rows.flatMap((r) => [r[0], r[2], r[3], r[4], r[5], r[7], r[9]] as string[]);
  let tree: string;
  let before: Record<string, string>;

  function snapshot(root: string): Record<string, string> {
    const out: Record<string, string> = {};
    const visit = (d: string): void => {
      for (const name of readdirSync(d)) {
        const abs = join(d, name);
        const st = lstatSync(abs);
        if (st.isDirectory()) visit(abs);
        else {
          const hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
          out[relative(root, abs)] = `${hash} ${st.mtimeMs} ${st.mode} ${st.size}`;
        }
      }
    };
    visit(root);
    return out;
  }

  beforeAll(() => {
    tree = join(dir, 'demo');
    cpSync(join(ROOT, 'fixtures/demo'), tree, { recursive: true });
    before = snapshot(tree);
    expect(RAW.every((v) => v.length >= 4)).toBe(true);
  });

  afterAll(() => {
    // Every run above read the tree and wrote nothing into it.
    expect(snapshot(tree)).toEqual(before);
  });

  const leaks = (text: string) => RAW.filter((v) => text.includes(v));

  it.each([...REPORT_FORMATS])('%s: not on stdout, stderr, or in the --output file', async (format) => {
    const r = await scan([tree, '--format', format, '--explain', '--threads', '0', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\\?\*\\?\*\\?\*/); // masked values (markdown escapes each *)
    expect(leaks(r.stdout)).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
    // --show-values asked for but not for files: artefact formats stay masked and say so on stderr.
    const out = join(dir, `demo-report.${format}`);
    const f = await scan([tree, '--format', format, '--threads', '2', '--output', out, '--fail-on', 'never']);
    expect(f.code).toBe(0);
    expect(leaks(readFileSync(out, 'utf8'))).toEqual([]);
    expect(leaks(f.stderr)).toEqual([]);
  });

  it('errors and skipped entries carry no content: a file over the size limit and an unreadable archive', async () => {
    const t = join(dir, 'demo-errors');
    cpSync(tree, t, { recursive: true });
    // A truncated gzip of the export: the error names offsets, never the bytes it read.
    const gz = gzipSync(readFileSync(join(tree, 'restore/customers_export.csv')));
    writeFileSync(join(t, 'export.csv.gz'), gz.subarray(0, gz.length - 100));
    const r = await scan([t, '--format', 'json', '--max-file-size', '2K', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as { errors: unknown[] };
    expect(report.errors.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(report.errors))).toEqual([]);
  });

  it('--show-values is the only way to get them (json and text), with a warning on stderr', async () => {
    for (const format of ['json', 'text']) {
      const r = await scan([tree, '--format', format, '--show-values', '--explain', '--fail-on', 'never']);
      expect(r.stderr).toMatch(/warning: --show-values/);
      expect(leaks(r.stdout).length).toBeGreaterThan(0);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteOptions } from '../../../src/engine/remote/scan-remote.js';
import { parseSftpUrl } from '../../../src/engine/remote/target.js';
import { type ScanOptions, scan } from '../../../src/engine/scan.js';
import type { WalkOptions } from '../../../src/engine/walk/walk.js';
import type { Report } from '../../../src/model/report.js';
import { builtinPackNames, packPaths } from '../../../src/rulepack/packs.js';
import { ROOT } from '../../helpers/cli.js';
import { startSshd, type TestSshd } from '../../helpers/sshd.js';

// A real OpenSSH server on loopback serves a tree; scanning it through sftp:// gives the report a local scan of
// the same tree gives, paths aside (remote paths carry sftp://user@host:port/… in front).

const PERSON = 'Patient Jane Smith, NHS number 485 112 2330, date of birth 03/04/1961, LS1 4AP\n';
let sshd: TestSshd;
let dir: string;
let tree: string;

beforeAll(async () => {
  sshd = await startSshd();
  dir = mkdtempSync(join(tmpdir(), 'residue-remote-'));
  tree = join(dir, 'tree');
  cpSync(join(ROOT, 'fixtures/demo'), tree, { recursive: true });
  // Over 1 MiB, with people on both sides of the first chunk boundary and at the end: streamed, several reads.
  const filler = 'log line with nothing in it at all, just padding for the chunking\n';
  const big = `${filler.repeat(16_000)}${PERSON}${filler.repeat(200)}${PERSON}${filler.repeat(20_000)}${PERSON}`;
  writeFileSync(join(tree, 'big.log'), big);
  writeFileSync(
    join(tree, 'archive.zip'),
    zipSync({ 'export/people.csv': strToU8(`name,nhs,dob\n${PERSON.repeat(3)}`) }),
  );
  mkdirSync(join(tree, 'ignored'));
  writeFileSync(join(tree, 'ignored/people.txt'), PERSON);
  writeFileSync(join(tree, '.residueignore'), 'ignored/\n');
  symlinkSync('big.log', join(tree, 'link.log'));
  symlinkSync('..', join(tree, 'restore', 'loop'));
  execFileSync('mkfifo', [join(tree, 'pipe')]);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const WALK: WalkOptions = { include: [], exclude: [], followSymlinks: false, maxFileSize: 1024 ** 3 };

function options(roots: string[], walk: WalkOptions, remote?: RemoteOptions, threads = 0): ScanOptions {
  return {
    roots,
    walk,
    packPaths: packPaths(builtinPackNames()).map((p) => resolve(p)),
    file: {
      minConfidence: 0.5,
      showValues: false,
      maxFindings: 1000,
      timeBudgetMs: 600_000,
      fingerprintKey: 'e'.repeat(64),
    },
    threads,
    ...(remote ? { remote } : {}),
  };
}

function remoteOptions(url: string, extra: Partial<RemoteOptions> = {}): RemoteOptions {
  const knownHosts = join(dir, `known_hosts-${Math.random().toString(36).slice(2)}`);
  writeFileSync(knownHosts, sshd.knownHostsLine);
  return {
    targets: [parseSftpUrl(url, sshd.user)],
    auth: { identity: sshd.identity },
    knownHostsFile: knownHosts,
    acceptNewHostKey: false,
    hostConcurrency: 2,
    connectTimeoutMs: 10_000,
    ...extra,
  };
}

/** The report without timings, with `prefix/` taken off every path. */
function comparable(report: Report, prefix: string): unknown {
  const strip = <T extends { path: string }>(x: T): T => ({
    ...x,
    path: x.path.startsWith(`${prefix}/`) ? x.path.slice(prefix.length + 1) : x.path,
  });
  return {
    ...report,
    roots: [],
    startedAt: '',
    finishedAt: '',
    files: [...report.files].map(strip),
    errors: report.errors.map(strip),
    skipped: report.skipped.map(strip),
    summary: { ...report.summary, durationMs: 0 },
  };
}

async function both(
  walk: WalkOptions,
  threads = 0,
): Promise<{ local: Report; remote: Report; prefix: string }> {
  const url = sshd.url(tree);
  const remote = await scan(
    options([parseSftpUrl(url, sshd.user).display], walk, remoteOptions(url), threads),
  );
  const local = await scan(options([tree], walk));
  return { local, remote, prefix: parseSftpUrl(url, sshd.user).display };
}

// Remote files are read in the main thread; with threads they are scanned in workers that pull the bytes.
describe.each([0, 2])('sftp:// scans equal local scans of the same tree (threads %i)', (threads) => {
  it('files, findings, archives, streamed large files, ignore file, links and FIFOs', async () => {
    const { local, remote, prefix } = await both(WALK, threads);
    expect(prefix).toBe(`sftp://${sshd.user}@127.0.0.1:${sshd.port}${tree}`);
    expect(remote.roots).toEqual([prefix]);
    expect([...remote.files].every((f) => f.path.startsWith(`${prefix}/`))).toBe(true);
    expect(comparable(remote, prefix)).toEqual(comparable(local, tree));
    const paths = [...remote.files].map((f) => f.path.slice(prefix.length + 1));
    expect(paths).toContain('big.log');
    expect(paths).toContain('archive.zip!/export/people.csv');
    expect(paths).toContain('restore/customers_export.csv');
    expect(paths).not.toContain('ignored/people.txt');
    expect([...remote.files].find((f) => f.path.endsWith('/big.log'))?.counts['nhs-number']).toBe(3);
    expect(remote.skipped.map((s) => s.reason).sort()).toEqual([
      'named pipe (FIFO), not read',
      'symbolic link (not followed)',
      'symbolic link (not followed)',
    ]);
    expect(remote.summary.complete).toBe(true);
  });

  it('with include, exclude, --max-file-size and followed links', async () => {
    for (const walk of [
      { ...WALK, exclude: ['restore/**'], maxFileSize: 1000 },
      { ...WALK, include: ['**/*.log', '**/*.csv'] },
      { ...WALK, followSymlinks: true },
    ]) {
      const { local, remote, prefix } = await both(walk, threads);
      expect(comparable(remote, prefix)).toEqual(comparable(local, tree));
      if (walk.followSymlinks) {
        expect(remote.skipped).toContainEqual({
          path: `${prefix}/restore/loop`,
          reason: 'symbolic link loop (directory already walked)',
        });
      }
    }
  });

  it('a single remote file is reported under its own URL', async () => {
    const url = sshd.url(join(tree, 'big.log'));
    const report = await scan(options([url], WALK, remoteOptions(url), threads));
    expect([...report.files].map((f) => f.path)).toEqual([url]);
  });

  it('a remote path that does not exist is an error for that root; the scan completes', async () => {
    const url = sshd.url(join(tree, 'no-such-folder'));
    const report = await scan(options([url], WALK, remoteOptions(url), threads));
    expect(report.errors).toEqual([
      { path: url, code: 'READ_ERROR', message: 'could not be read (no such file or folder on the host)' },
    ]);
    expect(report.summary.complete).toBe(false);
  });
});

describe.each([0, 2])('a connection lost during the scan (threads %i)', (threads) => {
  it('is one error for the host, the scan ends and what was read stays', async () => {
    const many = join(dir, `many-${threads}`);
    mkdirSync(many);
    for (let i = 0; i < 200; i++)
      writeFileSync(join(many, `f${String(i).padStart(3, '0')}.txt`), PERSON.repeat(200));
    const url = sshd.url(many);
    let dropped = false;
    const report = await scan({
      ...options([parseSftpUrl(url, sshd.user).display], WALK, remoteOptions(url), threads),
      onProgress: (p) => {
        if (p.filesDone === 5 && !dropped) {
          dropped = true;
          sshd.dropConnections();
        }
      },
    });
    expect(dropped).toBe(true);
    expect(report.errors.filter((e) => e.code === 'CONNECTION_LOST')).toEqual([
      {
        path: parseSftpUrl(url, sshd.user).display,
        code: 'CONNECTION_LOST',
        message: 'host not fully scanned: the connection was lost during the scan',
      },
    ]);
    expect(report.summary.filesScanned).toBeGreaterThanOrEqual(5);
    expect(report.summary.filesScanned).toBeLessThan(200);
    expect(report.summary.complete).toBe(false);
  });
});

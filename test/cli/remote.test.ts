import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult, ROOT } from '../helpers/cli.js';
import { freePort, startSshd, type TestSshd } from '../helpers/sshd.js';
import { schemaErrors } from '../report/report-schema.js';
import { sarifSchemaErrors } from '../report/sarif-schema.js';

// `residue scan sftp://…` and `--hosts` against a real OpenSSH server on 127.0.0.1 (test/helpers/sshd.ts).
// HOME is a temp folder and SSH_AUTH_SOCK is unset, so the user's own ~/.ssh is never read or written.

let sshd: TestSshd;
let dir: string;
let key: string;
const DEMO = join(ROOT, 'fixtures/demo');

beforeAll(async () => {
  sshd = await startSshd();
  dir = mkdtempSync(join(tmpdir(), 'residue-cli-remote-'));
  key = join(dir, 'org.key');
  writeFileSync(key, `${'e'.repeat(64)}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function residue(args: string[], extraEnv: Record<string, string> = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', HOME: join(dir, 'home') };
  delete env.SSH_AUTH_SOCK;
  Object.assign(env, extraEnv);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let n = 0;
function knownHosts(text: string | null): string {
  const path = join(dir, `known_hosts.${++n}`);
  if (text !== null) writeFileSync(path, text);
  return path;
}

const common = () => ['--identity', sshd.identity, '--key-file', key, '--quiet', '--fail-on', 'never'];

interface JsonReport {
  roots: string[];
  files: { path: string }[];
  errors: { path: string; code: string; message: string }[];
  summary: { complete: boolean; filesScanned: number };
}

function json(args: string[]): { r: CliResult; report: JsonReport } {
  const out = join(dir, `report.${++n}.json`);
  const r = residue([...args, '--format', 'json', '--output', out]);
  return {
    r,
    report: existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as JsonReport) : ({} as JsonReport),
  };
}

describe('residue scan sftp://', () => {
  it('scans a tree on the host: the same files as a local scan, each path carrying the host', () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const remote = json(['scan', sshd.url(DEMO), '--known-hosts', kh, ...common()]);
    expect(remote.r.stderr).toBe('');
    expect(remote.r.code).toBe(0);
    const local = json(['scan', DEMO, ...common()]);
    const prefix = `sftp://${sshd.user}@127.0.0.1:${sshd.port}${DEMO}/`;
    expect(schemaErrors(remote.report)).toEqual([]);
    expect(remote.report.roots).toEqual([prefix.slice(0, -1)]);
    expect(remote.report.files.map((f) => f.path)).toEqual(
      local.report.files.map((f) => `${prefix}${f.path}`),
    );
    expect(remote.report.summary).toMatchObject({
      complete: true,
      filesScanned: local.report.summary.filesScanned,
    });
  });

  it('SARIF locates remote files by their sftp:// URL (an absolute URI), schema-valid', () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const out = join(dir, 'remote.sarif');
    const r = residue([
      'scan',
      sshd.url(DEMO),
      '--known-hosts',
      kh,
      ...common(),
      '--format',
      'sarif',
      '--output',
      out,
    ]);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const uris = sarif.runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris.length).toBeGreaterThan(0);
    expect(new Set(uris)).toContain(
      `sftp://${sshd.user}@127.0.0.1:${sshd.port}${DEMO}/restore/customers_export.csv`,
    );
  });

  it('without --identity: the agent at SSH_AUTH_SOCK, else ~/.ssh/id_ed25519', async () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const args = ['scan', sshd.url(join(DEMO, 'restore')), '--known-hosts', kh, '--key-file', key, '--quiet'];
    // No key anywhere: refused, and the error says what to give.
    const none = json([...args, '--fail-on', 'never']);
    expect(none.report.errors).toEqual([
      {
        path: sshd.url(join(DEMO, 'restore')),
        code: 'AUTH_FAILED',
        message:
          'host not scanned: authentication refused (no key to offer: give --identity or start ssh-agent)',
      },
    ]);
    // An agent holding the key.
    const socket = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
      const add = spawnSync('ssh-add', [sshd.identity], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      expect(add.status).toBe(0);
      expect(residue(args, { SSH_AUTH_SOCK: socket }).code).toBe(1);
    } finally {
      agent.kill();
    }
    // The default key file.
    const ssh = join(dir, 'home', '.ssh');
    mkdirSync(ssh, { recursive: true, mode: 0o700 });
    copyFileSync(sshd.identity, join(ssh, 'id_ed25519'));
    try {
      expect(residue(args).code).toBe(1);
    } finally {
      rmSync(ssh, { recursive: true, force: true });
    }
  });

  it('refuses a host not in known_hosts (exit 2, one line) and writes nothing', () => {
    const kh = knownHosts(null);
    const r = residue(['scan', sshd.url(DEMO), '--known-hosts', kh, ...common()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^residue: host \\[127\\.0\\.0\\.1\\]:${sshd.port} is not in ${kh} \\(its ssh-ed25519 key is SHA256:[A-Za-z0-9+/]{43}\\); .*--accept-new-host-key\\n$`,
      ),
    );
    expect(existsSync(kh)).toBe(false);
  });

  it('--accept-new-host-key accepts an unknown host and records it in known_hosts', () => {
    const kh = knownHosts(null);
    const r = residue(['scan', sshd.url(DEMO), '--known-hosts', kh, '--accept-new-host-key', ...common()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^residue: added host key of \[127\.0\.0\.1\]:\d+ \(ssh-ed25519 SHA256:\S+\) to /,
    );
    expect(readFileSync(kh, 'utf8')).toBe(sshd.knownHostsLine);
    // Known now: no notice, same result.
    const again = residue(['scan', sshd.url(DEMO), '--known-hosts', kh, ...common()]);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('refuses a host whose key differs from known_hosts, even with --accept-new-host-key', () => {
    const wrong = `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmoV9x6vVDfdNtmyL8pVg8qX2zVH5Lm1JQ0U3oBeGsy\n`;
    const kh = knownHosts(wrong);
    for (const extra of [[], ['--accept-new-host-key']]) {
      const r = residue(['scan', sshd.url(DEMO), '--known-hosts', kh, ...extra, ...common()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `^residue: host key of \\[127\\.0\\.0\\.1\\]:${sshd.port} does not match ${kh} line 1 .*\\n$`,
        ),
      );
    }
    expect(readFileSync(kh, 'utf8')).toBe(wrong);
  });

  it('an unreachable host or a refused key is listed in errors; --fail-on-incomplete gives 3', async () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const closed = `sftp://${sshd.user}@127.0.0.1:${await freePort()}/srv`;
    const down = json(['scan', closed, '--known-hosts', kh, ...common()]);
    expect(down.r.code).toBe(0);
    expect(down.report.errors).toEqual([
      { path: closed, code: 'HOST_UNREACHABLE', message: 'host not scanned: connection refused' },
    ]);
    expect(down.report.summary.complete).toBe(false);
    expect(residue(['scan', closed, '--known-hosts', kh, ...common(), '--fail-on-incomplete']).code).toBe(3);

    const stranger = join(dir, 'stranger');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const url = sshd.url(DEMO);
    const refused = json(['scan', url, '--known-hosts', kh, ...common(), '--identity', stranger]);
    expect(refused.report.errors).toEqual([
      {
        path: url,
        code: 'AUTH_FAILED',
        message: 'host not scanned: authentication refused (no key was accepted for this user)',
      },
    ]);
  });

  it('--hosts: every host in one report, the bad one in errors, the good one scanned', async () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const bad = `sftp://${sshd.user}@127.0.0.1:${await freePort()}/srv`;
    const hosts = join(dir, 'hosts.txt');
    writeFileSync(hosts, `# two hosts\n${sshd.url(join(DEMO, 'restore'))}\n${bad}   # decommissioned\n`);
    const { r, report } = json([
      'scan',
      '--hosts',
      hosts,
      '--host-concurrency',
      '2',
      '--known-hosts',
      kh,
      ...common(),
    ]);
    expect(r.code).toBe(0);
    expect(report.roots).toEqual([`sftp://${sshd.user}@127.0.0.1:${sshd.port}${DEMO}/restore`, bad]);
    expect(report.files.map((f) => f.path)).toEqual([
      `${report.roots[0]}/care_visits.tsv`,
      `${report.roots[0]}/customers_export.csv`,
    ]);
    expect(report.errors.map((e) => [e.path, e.code])).toEqual([[bad, 'HOST_UNREACHABLE']]);
    expect(schemaErrors(report)).toEqual([]);
  });

  it('--shard parts of a remote scan merge into the whole', () => {
    const kh = knownHosts(sshd.knownHostsLine);
    const parts = [1, 2].map((k) => {
      const out = join(dir, `part-${k}.json`);
      const r = residue([
        'scan',
        sshd.url(DEMO),
        '--known-hosts',
        kh,
        ...common(),
        '--shard',
        `${k}/2`,
        '--format',
        'json',
        '--output',
        out,
      ]);
      expect(r.code).toBe(0);
      return out;
    });
    const merged = residue(['merge', ...parts]);
    expect(merged.code).toBe(0);
    const whole = json(['scan', sshd.url(DEMO), '--known-hosts', kh, ...common()]).report;
    expect((JSON.parse(merged.stdout) as JsonReport).files).toEqual(whole.files);
  });

  it('refuses local paths mixed with hosts, and bad URLs, with exit 2', () => {
    const mixed = residue(['scan', DEMO, sshd.url(DEMO)]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('cannot be scanned in one run');
    const password = residue(['scan', `sftp://u:pw@127.0.0.1:${sshd.port}/x`]);
    expect(password.code).toBe(2);
    expect(password.stderr).not.toContain('pw@');
    expect(password.stderr).toContain('passwords in URLs are not accepted');
    const locked = join(dir, 'locked');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'a passphrase', '-f', locked]);
    const encrypted = residue(['scan', sshd.url(DEMO), '--identity', locked]);
    expect(encrypted.code).toBe(2);
    expect(encrypted.stderr).toBe(
      `residue: identity file ${locked}: it is protected by a passphrase; load it into ssh-agent (ssh-add) and leave out --identity\n`,
    );
    const none = residue(['scan']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("residue: missing required argument 'path' (see --help)\n");
  });
});

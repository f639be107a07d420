import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A real OpenSSH server on 127.0.0.1 for the sftp:// tests: a free port, a fresh host key and client key made
 * with ssh-keygen in a temp folder, the client key authorised, internal-sftp. Runs as the current user (root
 * in CI). Never listens on anything but loopback. Missing sshd is a failure, not a skip: .ci/run installs it.
 */
export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  user: string;
  dir: string;
  /** Client private key (no passphrase), authorised on the server. */
  identity: string;
  /** The server's host key as a known_hosts line for [127.0.0.1]:port. */
  knownHostsLine: string;
  /** `sftp://user@127.0.0.1:port` + path. */
  url(path: string): string;
  /** Ends the server's per-connection processes (its children), as a dropped connection would. */
  dropConnections(): void;
  stop(): Promise<void>;
}

export async function startSshd(): Promise<TestSshd> {
  if (!existsSync(SSHD)) {
    throw new Error(
      `${SSHD} not found: the sftp:// tests need OpenSSH's server (apt-get install -y openssh-server; .ci/run installs it)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'residue-sshd-'));
  const keygen = (file: string) =>
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'residue-test',
      '-f',
      join(dir, file),
    ]);
  keygen('host_key');
  keygen('id_ed25519');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')));
  const port = await freePort();
  const user = userInfo().username;
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // sshd run as root wants its privilege-separation folder.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await waitForPort(port, child, () => log);
  const [type, key] = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/);
  return {
    port,
    user,
    dir,
    identity: join(dir, 'id_ed25519'),
    knownHostsLine: `[127.0.0.1]:${port} ${type} ${key}\n`,
    url: (path) => `sftp://${user}@127.0.0.1:${port}${path}`,
    dropConnections: () => {
      for (const pid of childrenOf(child.pid as number)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The processes sshd started (one per connection, and theirs), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const c of text ? text.split(/\s+/).map(Number) : []) out.push(...childrenOf(c), c);
  }
  return out;
}

/** A port nothing listens on now (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log().trim()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 15 s: ${log().trim()}`);
}

// Spawns the built CLI as a real process and measures it: exit code or signal, wall time and peak RSS.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT } from '../helpers/cli.js';

/**
 * The control characters in `text` that a terminal acts on, as `U+XXXX`: C0 but newline and tab, DEL, and
 * (unless `c1` is false) C1, U+0080-U+009F (U+009B is a one-character CSI to some terminals).
 */
export function terminalControls(text: string, { c1 = true } = {}): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    const c0 = (c < 0x20 && c !== 0x0a && c !== 0x09) || c === 0x7f;
    if (c0 || (c1 && c >= 0x80 && c <= 0x9f)) found.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return found;
}

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
  /** Peak resident set size of the whole process (worker threads included), from getrusage at exit. */
  maxRssMiB: number;
  /** True when the process had to be killed at the timeout. */
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** Killed (SIGKILL) after this; the test then fails on `timedOut`. */
  timeoutMs: number;
  env?: Record<string, string>;
  /** Called once the process is running, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess) => void;
  /** Extra node flags (`--max-old-space-size=…`). */
  nodeFlags?: string[];
}

/** A private folder per test file: the fingerprint key the CLI creates at first use goes there, not to $HOME. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `residue-hostile-${prefix}-`));
}

/** Runs `node bin/residue.js …args`, resolving when it exits (or is killed at the timeout). */
export function runMeasured(args: string[], options: RunOptions): Promise<Measured> {
  const dir = scratchDir('rss');
  const rssFile = join(dir, 'maxrss');
  const preload = join(dir, 'maxrss.mjs');
  writeFileSync(
    preload,
    "import { writeFileSync } from 'node:fs';\n" +
      'const out = process.env.RESIDUE_TEST_MAXRSS;\n' +
      "process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));\n",
  );
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), '--import', pathToFileURL(preload).href, BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: {
          ...process.env,
          NO_COLOR: '1',
          RESIDUE_KEY_FILE: join(dir, 'fingerprint.key'),
          RESIDUE_TEST_MAXRSS: rssFile,
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let kib = 0;
      try {
        kib = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // killed before its exit handler ran
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, maxRssMiB: kib / 1024, timedOut });
    });
    options.onSpawn?.(child);
  });
}

/** The uid/gid of `nobody` on Debian: file modes bind it, unlike root. */
const NOBODY = 65534;

/**
 * Runs the CLI as a user whom file modes bind. As a non-root user that is the user itself; as root (CI runs as
 * root, which reads everything whatever the mode) it is `nobody`, through util-linux setpriv. Null when root
 * cannot drop privileges here (no setpriv, or nobody cannot reach the built CLI): such a test is skipped, saying
 * so in its name.
 */
export function unprivilegedCli(): ((args: string[], env: Record<string, string>) => CliRun) | null {
  const root = process.getuid?.() === 0;
  const command = (args: string[]): [string, string[]] =>
    root
      ? [
          'setpriv',
          [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args],
        ]
      : [process.execPath, [BIN, ...args]];
  const runAs = (args: string[], env: Record<string, string>): CliRun => {
    const [file, argv] = command(args);
    const r = spawnSync(file, argv, {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
    });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
  if (root && runAs(['--version'], {}).code !== 0) return null;
  return runAs;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A folder the unprivileged CLI can enter and write (its fingerprint key goes there). */
export function unprivilegedDir(prefix: string): string {
  const d = scratchDir(prefix);
  chmodSync(d, 0o755);
  if (process.getuid?.() === 0) chownSync(d, NOBODY, NOBODY);
  return d;
}

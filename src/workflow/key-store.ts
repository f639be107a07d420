import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ResidueError } from '../model/errors.js';

/** Where the organisation fingerprint key lives unless --key-file says otherwise. */
export function defaultKeyPath(env: Record<string, string | undefined>): string {
  if (env.RESIDUE_KEY_FILE) return env.RESIDUE_KEY_FILE;
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(config, 'residue', 'fingerprint.key');
}

/** Reads a key file: 64 hex digits (32 random bytes), surrounding whitespace allowed. */
export function readKey(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new ResidueError('KEY_FILE', { path, detail: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new ResidueError('KEY_FILE', { path, detail: 'expected 64 hex digits' });
  }
  return text.toLowerCase();
}

/**
 * The key at `path`, created (32 random bytes, mode 0600, its folder 0700) when it does not exist yet.
 * Two scans starting at once both end up with the one key that was written first.
 */
export function loadOrCreateKey(path: string): { key: string; created: boolean } {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return { key: readKey(path), created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ResidueError('KEY_FILE', { path, detail: (e as NodeJS.ErrnoException).code ?? 'unwritable' });
    }
    return { key: readKey(path), created: false };
  }
}

/**
 * The key for a scan of `roots` (local paths; sftp:// URLs are passed over): as loadOrCreateKey, except that a
 * key that does not exist yet is never created inside a folder being scanned (residue writes nothing in what it
 * scans; scanning `/` or a home folder on first use would). The scan then gets a one-off key, which no other
 * scan shares: its fingerprints compare with nothing.
 */
export function keyForScan(
  path: string,
  roots: readonly string[],
): { key: string; created: boolean; oneOff: boolean } {
  const local = roots.filter((r) => !/^sftp:\/\//i.test(r));
  if (!existsSync(path) && local.some((root) => isInside(path, root))) {
    return { key: randomBytes(32).toString('hex'), created: false, oneOff: true };
  }
  return { ...loadOrCreateKey(path), oneOff: false };
}

function isInside(path: string, root: string): boolean {
  const target = realPath(resolve(path));
  const base = realPath(resolve(root));
  return target === base || target.startsWith(base.endsWith(sep) ? base : base + sep);
}

/** The real path of `p`'s nearest existing folder (links resolved), with the names not there yet after it. */
function realPath(p: string): string {
  let head = p;
  const rest: string[] = [];
  while (!existsSync(head)) {
    const parent = dirname(head);
    if (parent === head) break;
    rest.unshift(basename(head));
    head = parent;
  }
  try {
    // .native: the case as on disk too, where the file system ignores case (macOS, Windows).
    head = realpathSync.native(head);
  } catch {
    // Unreadable: compared as written.
  }
  return join(head, ...rest);
}

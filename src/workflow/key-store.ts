import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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

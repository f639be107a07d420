import { type Dirent, lstatSync, readdirSync, readFileSync, type Stats, statfsSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileErrorCode } from '../../model/errors.js';
import { errnoCode, LINK_LOOP, pathFilter, SPECIAL_FILE } from './filter.js';

/**
 * Yields candidate files under the roots; knows nothing of rules or content. Hidden files are walked (data
 * hides in dotfiles); symbolic links are followed only when asked, with loop protection by device+inode;
 * FIFOs, sockets and devices are never opened and are listed as skipped.
 */

export interface WalkOptions {
  include: readonly string[];
  exclude: readonly string[];
  followSymlinks: boolean;
  maxFileSize: number;
}

export const IGNORE_FILE = '.residueignore';
/** Names read between two `pause` entries. */
export const WALK_PAUSE = 1024;
const PAUSE: WalkEntry = Object.freeze({ kind: 'pause' });

/**
 * A path to open: text when every name in it is valid UTF-8, else its raw bytes (Node's fs takes both; a
 * name that is not UTF-8 cannot round-trip through a string).
 */
export type FsPath = string | Buffer;

export type WalkEntry =
  /** Every WALK_PAUSE names read, files or not: the walk is synchronous, and a caller may let others run. */
  | { kind: 'pause' }
  | { kind: 'file'; absPath: FsPath; path: string; size: number }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'error'; path: string; code: FileErrorCode; limit?: number; detail?: string };

export function* walk(roots: readonly string[], options: WalkOptions): Generator<WalkEntry> {
  let read = 0;
  for (const root of roots) {
    const shown = (rel: string): string => {
      const posix = rel.split(sep).join('/');
      return roots.length > 1 ? `${root.split(sep).join('/').replace(/\/+$/, '')}/${posix}` : posix;
    };
    const rootStat = statSync(root);
    if (!rootStat.isDirectory()) {
      const name = roots.length > 1 ? root.split(sep).join('/') : root.split(sep).pop() || root;
      yield* fileEntry(root, name, rootStat, options);
      continue;
    }
    const filter = pathFilter(options, loadIgnore(root));
    const visited = new Set<string>();
    if (options.followSymlinks) visited.add(`${rootStat.dev}:${rootStat.ino}`);
    const stack: Dir[] = [{ text: root, rel: '', bytes: null, exact: true }];
    while (stack.length > 0) {
      const dir = stack.pop() as Dir;
      let entries: Dirent<Buffer>[];
      try {
        // Names as bytes: a name that is not UTF-8 must not be decoded into a path that does not exist.
        entries = readdirSync(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
      } catch (e) {
        const rel = dir.rel || '.';
        yield { kind: 'error', path: shown(rel), code: errnoCode(e) };
        continue;
      }
      entries.sort((a, b) => Buffer.compare(a.name, b.name));
      const subdirs: Dir[] = [];
      for (const entry of entries) {
        if (++read % WALK_PAUSE === 0) yield PAUSE;
        const name = readableName(entry.name);
        // The text (names escaped where not UTF-8) is what is matched and shown; the bytes are what is opened.
        // Below the root, the parent's path is already normal: joined by hand (join() and relative() cost more
        // than the rest of the walk's own work on a tree of small files).
        const exact = dir.exact && name.exact;
        const child: Dir = {
          text: dir.rel === '' ? join(dir.text, name.text) : `${dir.text}${sep}${name.text}`,
          rel: dir.rel === '' ? name.text : `${dir.rel}/${name.text}`,
          bytes: exact ? null : Buffer.concat([dir.bytes ?? Buffer.from(dir.text), SEP, entry.name]),
          exact,
        };
        const abs = fsPath(child);
        const rel = child.rel;
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        let stats: Stats | null = null;
        if (entry.isSymbolicLink()) {
          if (!options.followSymlinks) {
            if (filter.listed(rel)) {
              yield { kind: 'skipped', path: shown(rel), reason: 'symbolic link (not followed)' };
            }
            continue;
          }
          try {
            stats = statSync(abs);
          } catch {
            yield { kind: 'skipped', path: shown(rel), reason: 'broken symbolic link' };
            continue;
          }
          isDir = stats.isDirectory();
          isFile = stats.isFile();
        }
        if (isDir) {
          if (!filter.entersDir(rel)) continue;
          if (options.followSymlinks) {
            const s = stats ?? safeStat(abs);
            const key = s ? `${s.dev}:${s.ino}` : child.text;
            if (visited.has(key)) {
              yield { kind: 'skipped', path: shown(rel), reason: LINK_LOOP };
              continue;
            }
            visited.add(key);
          }
          subdirs.push(child);
          continue;
        }
        if (!filter.takesFile(rel)) continue;
        if (!isFile) {
          yield { kind: 'skipped', path: shown(rel), reason: specialKind(entry, stats) };
          continue;
        }
        try {
          yield* fileEntry(abs, shown(rel), stats ?? lstatSync(abs), options);
        } catch (e) {
          yield { kind: 'error', path: shown(rel), code: errnoCode(e) };
        }
      }
      for (let k = subdirs.length - 1; k >= 0; k--) stack.push(subdirs[k] as Dir);
    }
  }
}

/**
 * A folder or file reached by the walk: its path as text (for matching and display), relative to the root with
 * `/` (what filters match and reports show), and as bytes when some name in it is not UTF-8.
 */
interface Dir {
  text: string;
  rel: string;
  bytes: Buffer | null;
  exact: boolean;
}

const SEP = Buffer.from(sep);

function fsPath(d: Dir): FsPath {
  return d.exact || d.bytes === null ? d.text : d.bytes;
}

function* fileEntry(abs: FsPath, path: string, stats: Stats, options: WalkOptions): Generator<WalkEntry> {
  if (!stats.isFile()) {
    yield { kind: 'skipped', path, reason: specialKind(null, stats) };
  } else if (stats.size > options.maxFileSize) {
    yield { kind: 'error', path, code: 'TOO_LARGE', limit: options.maxFileSize };
  } else if (stats.size === 0 && isPseudoFile(abs)) {
    // /proc/<pid>/environ and the like say size 0 and hold data: read up to their size, they would pass as clean.
    yield {
      kind: 'error',
      path,
      code: 'UNSUPPORTED',
      detail: 'a kernel pseudo-file (procfs, sysfs) with no size',
    };
  } else {
    yield { kind: 'file', absPath: abs, path, size: stats.size };
  }
}

function specialKind(entry: Dirent<Buffer> | null, stats: Stats | null): string {
  const s = stats ?? entry;
  if (s?.isFIFO()) return SPECIAL_FILE.fifo;
  if (s?.isSocket()) return SPECIAL_FILE.socket;
  if (s?.isBlockDevice() || s?.isCharacterDevice()) return SPECIAL_FILE.device;
  return SPECIAL_FILE.other;
}

/** statfs magic numbers of Linux pseudo-filesystems whose files report size 0 whatever they hold. */
const PSEUDO_FILESYSTEMS = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x6e736673, // nsfs
]);

function isPseudoFile(path: FsPath): boolean {
  try {
    return PSEUDO_FILESYSTEMS.has(statfsSync(path).type);
  } catch {
    return false;
  }
}

// ignoreBOM keeps a name's leading U+FEFF: stripped, the text would name another file.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A file name as text. Valid UTF-8 is decoded as is (`exact`); otherwise each byte outside a valid sequence
 * is written `\xNN` and each backslash `\\`, so the name reads unambiguously (`caf\xe9.csv`).
 */
export function readableName(raw: Uint8Array): { text: string; exact: boolean } {
  try {
    return { text: UTF8.decode(raw), exact: true };
  } catch {
    let text = '';
    for (let i = 0; i < raw.length; ) {
      const lead = raw[i] as number;
      const length =
        lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
      // A fatal decoder rejects short, overlong and surrogate sequences alike.
      const char = length > 0 ? decodeOne(raw.subarray(i, i + length)) : null;
      if (char === null) {
        text += `\\x${lead.toString(16).padStart(2, '0')}`;
        i++;
      } else {
        text += char === '\\' ? '\\\\' : char;
        i += length;
      }
    }
    return { text, exact: false };
  }
}

function decodeOne(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

function safeStat(path: FsPath): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function loadIgnore(root: string): Ignore | null {
  let text: string;
  try {
    text = readFileSync(join(root, IGNORE_FILE), 'utf8');
  } catch {
    return null;
  }
  return ignore().add(text);
}

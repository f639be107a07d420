import { posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Attributes } from 'ssh2';
import type { FileErrorCode } from '../../model/errors.js';
import { errnoCode, LINK_LOOP, pathFilter, SPECIAL_FILE } from '../walk/filter.js';
import { IGNORE_FILE, type WalkOptions } from '../walk/walk.js';
import { FILE_TYPE, fileType, type SftpCalls } from './sftp-fs.js';

/** What the remote walk yields: as walk/walk.ts's entries, with the file's path on the host. */
export type RemoteEntry =
  | { kind: 'file'; remotePath: string; path: string; size: number }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'error'; path: string; code: FileErrorCode; limit?: number; detail?: string };

/** Largest .residueignore read from a host. */
const MAX_IGNORE_BYTES = 1 << 20;

/**
 * The remote twin of walk/walk.ts, over SFTP: the same include/exclude/.residueignore, size limit, symlink and
 * special-file rules. `remotePath` of a file is its path on the host; `path` is `display` + `/` + the path
 * relative to the root (the display of a root that is a file is the path itself). Symbolic-link loops are
 * detected by the folder's real path, as SFTP has no device and inode numbers.
 */
export async function* sftpWalk(
  fs: SftpCalls,
  root: string,
  display: string,
  options: WalkOptions,
): AsyncGenerator<RemoteEntry> {
  const shown = (rel: string): string => `${display}/${rel}`;
  let rootStat: Attributes;
  try {
    rootStat = await fs.stat(root);
  } catch (e) {
    yield { kind: 'error', path: display, ...rootError(e) };
    return;
  }
  if (fileType(rootStat) !== FILE_TYPE.dir) {
    yield fileEntry(root, display, rootStat, options);
    return;
  }
  const filter = pathFilter(options, await loadIgnore(fs, root));
  const visited = new Set<string>();
  if (options.followSymlinks) visited.add(await fs.realpath(root).catch(() => root));
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    const relDir = posix.relative(root, dir);
    let names: { filename: string; attrs: Attributes }[];
    try {
      names = await fs.readdir(dir);
    } catch (e) {
      yield { kind: 'error', path: relDir ? shown(relDir) : display, code: errnoCode(e) };
      continue;
    }
    names.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
    const subdirs: string[] = [];
    for (const { filename, attrs } of names) {
      if (filename === '.' || filename === '..') continue;
      const abs = posix.join(dir, filename);
      const rel = relDir ? `${relDir}/${filename}` : filename;
      if (filename.includes('\uFFFD')) {
        // Names cross ssh2 as UTF-8 text: a name that is not UTF-8 cannot be opened by the name we got.
        if (filter.listed(rel))
          yield { kind: 'error', path: shown(rel), code: 'READ_ERROR', detail: 'name is not valid UTF-8' };
        continue;
      }
      let stats = attrs;
      if (fileType(attrs) === FILE_TYPE.link) {
        if (!options.followSymlinks) {
          if (filter.listed(rel))
            yield { kind: 'skipped', path: shown(rel), reason: 'symbolic link (not followed)' };
          continue;
        }
        try {
          stats = await fs.stat(abs);
        } catch {
          yield { kind: 'skipped', path: shown(rel), reason: 'broken symbolic link' };
          continue;
        }
      }
      if (fileType(stats) === FILE_TYPE.dir) {
        if (!filter.entersDir(rel)) continue;
        if (options.followSymlinks) {
          const key = await fs.realpath(abs).catch(() => abs);
          if (visited.has(key)) {
            yield { kind: 'skipped', path: shown(rel), reason: LINK_LOOP };
            continue;
          }
          visited.add(key);
        }
        subdirs.push(abs);
        continue;
      }
      if (!filter.takesFile(rel)) continue;
      yield fileEntry(abs, shown(rel), stats, options);
    }
    for (let k = subdirs.length - 1; k >= 0; k--) stack.push(subdirs[k] as string);
  }
}

function fileEntry(abs: string, path: string, stats: Attributes, options: WalkOptions): RemoteEntry {
  const type = fileType(stats);
  if (type !== FILE_TYPE.file) return { kind: 'skipped', path, reason: specialKind(type) };
  if (stats.size > options.maxFileSize) {
    return { kind: 'error', path, code: 'TOO_LARGE', limit: options.maxFileSize };
  }
  return { kind: 'file', remotePath: abs, path, size: stats.size };
}

/** The same wording as the local walk. */
function specialKind(type: number): string {
  if (type === FILE_TYPE.fifo) return SPECIAL_FILE.fifo;
  if (type === FILE_TYPE.socket) return SPECIAL_FILE.socket;
  if (type === FILE_TYPE.block || type === FILE_TYPE.char) return SPECIAL_FILE.device;
  return SPECIAL_FILE.other;
}

async function loadIgnore(fs: SftpCalls, root: string): Promise<Ignore | null> {
  const path = posix.join(root, IGNORE_FILE);
  let handle: Buffer;
  try {
    handle = await fs.open(path);
  } catch {
    return null;
  }
  try {
    const chunks: Buffer[] = [];
    let position = 0;
    while (position < MAX_IGNORE_BYTES) {
      const buffer = Buffer.alloc(Math.min(65536, MAX_IGNORE_BYTES - position));
      const n = await fs.read(handle, buffer, buffer.length, position);
      if (n <= 0) break;
      chunks.push(buffer.subarray(0, n));
      position += n;
    }
    return ignore().add(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  } finally {
    await fs.close(handle).catch(() => {});
  }
}

function rootError(e: unknown): { code: FileErrorCode; detail?: string } {
  const code = errnoCode(e);
  return code === 'ENOENT' ? { code: 'READ_ERROR', detail: 'no such file or folder on the host' } : { code };
}

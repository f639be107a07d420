import type { Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { FileErrorCode } from '../../model/errors.js';

/**
 * What a walk keeps, by path relative to its root (POSIX separators): the one set of rules for the local walk
 * and the SFTP walk. `--exclude` and `.residueignore` hide a path entirely; `--include` only limits which
 * files are scanned, so folders are still entered and links and special files outside it are still listed.
 */
export interface PathFilter {
  /** Not excluded nor ignored: may be listed (a skipped link, an unreadable name). */
  listed(rel: string): boolean;
  /** A folder the walk goes into. */
  entersDir(rel: string): boolean;
  /** A file the walk hands on. */
  takesFile(rel: string): boolean;
}

export function pathFilter(
  options: { include: readonly string[]; exclude: readonly string[] },
  ignorer: Ignore | null,
): PathFilter {
  const isIncluded = options.include.length > 0 ? picomatch([...options.include], { dot: true }) : () => true;
  const isExcluded =
    options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const listed = (rel: string): boolean => !isExcluded(rel) && !ignorer?.ignores(rel);
  return {
    listed,
    entersDir: (rel) => !isExcluded(rel) && !isExcluded(`${rel}/`) && !ignorer?.ignores(`${rel}/`),
    takesFile: (rel) => listed(rel) && isIncluded(rel),
  };
}

/** How a file that is not a regular one is listed under `skipped`, whichever walk met it. */
export const SPECIAL_FILE = {
  fifo: 'named pipe (FIFO), not read',
  socket: 'socket, not read',
  device: 'device file, not read',
  other: 'not a regular file',
} as const;

/** How a directory reached again through a symbolic link is listed under `skipped`, whichever walk met it. */
export const LINK_LOOP = 'symbolic link loop (directory already walked)';

/** A file-system error as a per-file error code. */
export function errnoCode(e: unknown): FileErrorCode {
  const code = (e as { code?: string } | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'EACCES';
  if (code === 'ENOENT') return 'ENOENT';
  if (code === 'EIO') return 'EIO';
  return 'READ_ERROR';
}

import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';

/**
 * Writes a report file atomically (temp file + rename) and readable by its owner only. The temp name is
 * unpredictable and created exclusively (`wx`), so a link planted beside the report (in /tmp, say) is never
 * followed and an existing file's looser mode is never inherited.
 */
export function writeReportFile(path: string, content: string | Iterable<string>): void {
  const pieces = typeof content === 'string' ? [content] : content;
  // A device or pipe (`-o /dev/stdout`, `-o /dev/null`, a FIFO) is written to as it is: renaming over it would
  // replace a system file with a regular one.
  if (isSpecialFile(path)) {
    try {
      writePieces(path, pieces, 'w');
      return;
    } catch (e) {
      if (e instanceof ResidueError) throw e;
      throw new ResidueError('OUTPUT_WRITE', { path, detail: (e as NodeJS.ErrnoException).code ?? 'error' });
    }
  }
  const temp = `${path}.residue-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    writePieces(temp, pieces, 'wx');
    renameSync(temp, path);
  } catch (e) {
    // EEXIST: the name was taken by someone else's file, which is not ours to remove.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temp, { force: true });
    // Pieces made as they are written (`residue merge` reads its reports then) fail in their own words.
    if (e instanceof ResidueError) throw e;
    throw new ResidueError('OUTPUT_WRITE', { path, detail: (e as NodeJS.ErrnoException).code ?? 'error' });
  }
}

/** Writes the pieces in order; a new file is created owner-only. */
function writePieces(path: string, pieces: Iterable<string>, flag: 'w' | 'wx'): void {
  const fd = openSync(path, flag, 0o600);
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece);
      // A pipe may take less than asked: write until all of it is gone.
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}

function isSpecialFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/** `1GiB`, `500M`, `64k`, `1048576` → bytes. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i.exec(text.trim());
  if (!m) return null;
  const unit = { '': 0, k: 1, m: 2, g: 3, t: 4 }[(m[2] as string).toLowerCase()] ?? 0;
  return Math.floor(Number(m[1]) * 1024 ** unit);
}

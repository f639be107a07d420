import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';

/** Writes a report file atomically (temp file + rename) and readable by its owner only. */
export function writeReportFile(path: string, content: string): void {
  const temp = `${path}.residue-${process.pid}.tmp`;
  try {
    writeFileSync(temp, content, { mode: 0o600 });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new ResidueError('OUTPUT_WRITE', { path, detail: (e as NodeJS.ErrnoException).code ?? 'error' });
  }
}

/** `1GiB`, `500M`, `64k`, `1048576` → bytes. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i.exec(text.trim());
  if (!m) return null;
  const unit = { '': 0, k: 1, m: 2, g: 3, t: 4 }[(m[2] as string).toLowerCase()] ?? 0;
  return Math.floor(Number(m[1]) * 1024 ** unit);
}

import type { FileResult } from '../../model/finding.js';
import type { ListedFiles } from '../../model/report.js';
import { type Extent, SealedFile } from './sealed-file.js';

/**
 * JSON text (UTF-16 units) of listed files held in memory before they go to the spool. A tree of 200k files
 * lists ~35k, about 37 MB of report; a folder of 2,000 customer exports, 850 MB.
 */
export const MEMORY_CHARS = 4 * 1024 * 1024;

/** Report order: by path, as UTF-16 units compare. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export interface SpoolOptions {
  /** The scan's roots: where the temp folder lies inside one, a named scratch file is not made there. */
  roots: readonly string[];
  /** Keep this much JSON text in memory before spooling (tests make it small). */
  memoryChars?: number;
}

interface Pending {
  path: string;
  json: string;
}

interface Spooled {
  path: string;
  at: Extent;
}

/**
 * The files a report lists, gathered as they complete (in any order) and given back in path order. Up to
 * MEMORY_CHARS of them stay in memory; past that, each file is sealed into a scratch file (SealedFile) and only
 * its path and place are kept (~100 bytes a file, where a file with a thousand findings is ~400 KB), so memory
 * stays flat as the report grows. Iterating reads them back one at a time, in path order. With no scratch file
 * to be had, they stay in memory; past a failed write (a full disk), the rest is kept sealed in memory: the
 * report is never short of a file.
 */
export class FileSpool {
  private pending: Pending[] = [];
  private chars = 0;
  private readonly spooled: Spooled[] = [];
  /** Undefined until first needed; null when there is none (everything stays in memory). */
  private file: SealedFile | null | undefined;
  private readonly memoryChars: number;

  constructor(private readonly options: SpoolOptions) {
    this.memoryChars = options.memoryChars ?? MEMORY_CHARS;
  }

  add(file: FileResult): void {
    const json = JSON.stringify(file);
    if (this.file) {
      this.spooled.push({ path: file.path, at: this.file.append(json) });
      return;
    }
    this.pending.push({ path: file.path, json });
    this.chars += json.length;
    if (this.chars >= this.memoryChars && this.file === undefined) this.spill();
  }

  /** Every file added, in path order (equal paths in the order added). Call once, at the end. */
  finish(): ListedFiles {
    if (!this.file) {
      const files = this.pending.sort(byPath).map((p) => JSON.parse(p.json) as FileResult);
      this.pending = [];
      return files;
    }
    this.file.flush();
    return new SpooledFiles(this.file, this.spooled.sort(byPath));
  }

  /** Moves what is in memory to a new scratch file, if one can be had. */
  private spill(): void {
    this.file = SealedFile.open(this.options.roots);
    if (!this.file) return;
    for (const p of this.pending) this.spooled.push({ path: p.path, at: this.file.append(p.json) });
    this.pending = [];
    this.chars = 0;
  }
}

const CLOSE_UNREACHABLE = new FinalizationRegistry<SealedFile>((file) => file.close());

/** A spooled list: each iteration reads the files back one at a time, in path order. */
class SpooledFiles implements ListedFiles {
  readonly length: number;

  constructor(
    private readonly file: SealedFile,
    private readonly index: readonly Spooled[],
  ) {
    this.length = index.length;
    CLOSE_UNREACHABLE.register(this, file, this);
  }

  close(): void {
    CLOSE_UNREACHABLE.unregister(this);
    this.file.close();
  }

  *[Symbol.iterator](): Generator<FileResult> {
    for (const s of this.index) yield JSON.parse(this.file.read(s.at)) as FileResult;
  }
}

/**
 * Closes a spooled list's scratch file now rather than when it is collected (a long-lived process running many
 * scans). The list cannot be read after; an array is left as it is.
 */
export function releaseFiles(files: ListedFiles): void {
  if (files instanceof SpooledFiles) files.close();
}

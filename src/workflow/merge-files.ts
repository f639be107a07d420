import { statSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import type { FileResult } from '../model/finding.js';
import { byPath, mergeHeads } from './merge.js';
import { chunksOf, type ReportHead, ReportReader, streamReportFile } from './report-stream.js';

/**
 * `residue merge` on report files of any size: a first pass reads each shard report for its checks and its
 * small fields; the files are then read again and joined as they are written. Each shard lists its files by
 * path, so a k-way merge gives what sorting them all together gave, holding a chunk of each report at a
 * time. A report whose files are not in order (not written by a scan), or that cannot be read twice (a pipe),
 * is joined in memory instead, from the one pass.
 */
export interface MergedReport {
  head: ReportHead;
  /** The merged files in path order, read from the reports as they are iterated: iterate once. */
  files: Iterable<FileResult>;
}

/** Smaller than a whole-file read's chunk: one is held per shard report. */
const CURSOR_CHUNK_BYTES = 64 * 1024;

export function mergeReportFiles(paths: string[]): MergedReport {
  const stamps = paths.map(stampOf);
  if (stamps.some((s) => s === null)) {
    const files: FileResult[] = [];
    const head = mergeHeads(paths.map((path) => streamReportFile(path, (f) => files.push(f))));
    return { head, files: files.sort(byPath) };
  }
  let inOrder = true;
  const heads = paths.map((path) => {
    let last: FileResult | undefined;
    return streamReportFile(path, (file) => {
      if (last && byPath(last, file) > 0) inOrder = false;
      last = file;
    });
  });
  const head = mergeHeads(heads);
  return { head, files: inOrder ? joined(paths, stamps as string[]) : sortedInMemory(paths) };
}

/** Size and modification time of a regular file, to see it unchanged at the second pass; null otherwise. */
function stampOf(path: string): string | null {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.size}:${s.mtimeMs}` : null;
  } catch {
    return null; // the read reports it
  }
}

/** The k-way merge; on equal paths the earlier report's file first, as a stable sort of all of them puts it. */
function* joined(paths: string[], stamps: string[]): Generator<FileResult> {
  const cursors = paths.map((path, i) => new FileCursor(path, stamps[i] as string));
  try {
    for (;;) {
      let next: FileCursor | undefined;
      for (const c of cursors) {
        const file = c.peek();
        if (file && (!next || byPath(file, next.peek() as FileResult) < 0)) next = c;
      }
      if (!next) return;
      yield next.take();
    }
  } finally {
    for (const c of cursors) c.close();
  }
}

function* sortedInMemory(paths: string[]): Generator<FileResult> {
  const files: FileResult[] = [];
  for (const path of paths) streamReportFile(path, (f) => files.push(f));
  yield* files.sort(byPath);
}

/** One report's files in order, read a chunk at a time as they are taken. */
class FileCursor {
  private readonly chunks: Generator<Uint8Array>;
  private readonly reader: ReportReader;
  private queue: FileResult[] = [];
  private at = 0;
  private done = false;

  constructor(
    private readonly path: string,
    private readonly stamp: string,
  ) {
    this.unchanged();
    this.chunks = chunksOf(path, CURSOR_CHUNK_BYTES);
    this.reader = new ReportReader(path, (file) => this.queue.push(file));
  }

  /** The next file, or undefined when the report has no more. */
  peek(): FileResult | undefined {
    while (this.at === this.queue.length && !this.done) {
      this.queue = [];
      this.at = 0;
      const chunk = this.chunks.next();
      if (chunk.done) {
        this.done = true;
        // The checks again, and the file must be the one the first pass checked and summed.
        this.reader.end();
        this.unchanged();
      } else this.reader.write(chunk.value);
    }
    return this.queue[this.at];
  }

  take(): FileResult {
    const file = this.peek() as FileResult;
    this.at++;
    return file;
  }

  close(): void {
    this.chunks.return(undefined);
  }

  private unchanged(): void {
    if (stampOf(this.path) !== this.stamp) {
      throw new ResidueError('REPORT_FILE', { path: this.path, detail: 'changed while it was being merged' });
    }
  }
}

import type { FileResult } from '../model/finding.js';
import { byPath, mergeHeads } from './merge.js';
import { chunksOf, type ReportHead, ReportReader, streamReportFile } from './report-stream.js';

/**
 * `residue merge` on report files of any size: a first pass reads each shard report for its checks and its
 * small fields; the files are then read again and joined as they are written. Each shard lists its files by
 * path, so a k-way merge gives what sorting them all together gave, holding a chunk of each report at a
 * time. A report whose files are not in order (not written by a scan) is joined in memory instead.
 */
export interface MergedReport {
  head: ReportHead;
  /** The merged files in path order, read from the reports as they are iterated: iterate once. */
  files: Iterable<FileResult>;
}

/** Smaller than a whole-file read's chunk: one is held per shard report. */
const CURSOR_CHUNK_BYTES = 64 * 1024;

export function mergeReportFiles(paths: string[]): MergedReport {
  let inOrder = true;
  const heads = paths.map((path) => {
    let last: FileResult | undefined;
    return streamReportFile(path, (file) => {
      if (last && byPath(last, file) > 0) inOrder = false;
      last = file;
    });
  });
  const head = mergeHeads(heads);
  return { head, files: inOrder ? joined(paths) : sortedInMemory(paths) };
}

/** The k-way merge; on equal paths the earlier report's file first, as a stable sort of all of them puts it. */
function* joined(paths: string[]): Generator<FileResult> {
  const cursors = paths.map((path) => new FileCursor(path));
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

  constructor(path: string) {
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
        // The checks again: the file may have changed since the first pass.
        this.reader.end();
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
}

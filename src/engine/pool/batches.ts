import type { FileTask } from '../scan-file.js';

/** A file at least this big is a task of its own; smaller ones travel to a worker together. */
export const BATCH_FILE_BYTES = 256 * 1024;
/**
 * A batch closes at this many files or bytes: small enough that the threads still end together, and that a
 * batch's answer (up to 1,000 findings per file), which the main thread holds until it is tallied, stays small.
 */
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 128 * 1024;
/**
 * Files walked ahead of the scan. A tree this size is walked whole before the first task, so its files go out
 * strictly largest first; a larger tree is walked as it is scanned, and memory holds this many files, not the
 * whole tree.
 */
export const SCHEDULE_WINDOW = 32_768;

/**
 * Cuts the files into worker tasks, largest first among those walked so far: each big file alone, small ones in
 * batches. A message to a worker and back costs more than reading a 1 KiB file, and a worker holding a batch
 * overlaps one file's reads with another's scanning. Largest first keeps every thread busy to the end instead
 * of waiting on one big file. The files are pulled from the walk only as the window empties.
 */
export class Schedule {
  private readonly heap: FileTask[] = [];
  private walking = true;
  /** Files and bytes pulled from the walk so far (all of them once `walked`). */
  files = 0;
  bytes = 0;

  /**
   * `source` yields the files walked, and null now and then as it walks (every so many entries, files or not):
   * there the schedule lets the event loop run, so a Ctrl-C is heard even while a large tree is walked.
   */
  constructor(
    private readonly source: Iterator<FileTask | null>,
    private readonly window = SCHEDULE_WINDOW,
  ) {}

  /** True once the walk has given every file. */
  get walked(): boolean {
    return !this.walking;
  }

  /** The next task, or null when every file has been handed out. */
  async next(): Promise<FileTask[] | null> {
    await this.fill();
    const first = this.pop();
    if (first === undefined) return null;
    const batch = [first];
    if (first.size >= BATCH_FILE_BYTES) return batch;
    let bytes = first.size;
    for (;;) {
      if (this.heap.length === 0) await this.fill();
      const top = this.heap[0];
      if (top === undefined || top.size >= BATCH_FILE_BYTES) break;
      if (batch.length >= BATCH_MAX_FILES || bytes + top.size > BATCH_MAX_BYTES) break;
      batch.push(this.pop() as FileTask);
      bytes += top.size;
    }
    return batch;
  }

  private async fill(): Promise<void> {
    while (this.walking && this.heap.length < this.window) {
      const step = this.source.next();
      if (step.done) this.walking = false;
      else if (step.value === null) await new Promise(setImmediate);
      else this.push(step.value);
    }
  }

  // A binary heap, largest file first (then by path, so the order never depends on the walk's timing).

  private push(task: FileTask): void {
    this.files++;
    this.bytes += task.size;
    const heap = this.heap;
    let i = heap.push(task) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent] as FileTask)) break;
      heap[i] = heap[parent] as FileTask;
      i = parent;
    }
    heap[i] = task;
  }

  private pop(): FileTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as FileTask, heap[left] as FileTask) ? right : left;
      if (!before(heap[child] as FileTask, last)) break;
      heap[i] = heap[child] as FileTask;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: FileTask, b: FileTask): boolean {
  return a.size > b.size || (a.size === b.size && a.path < b.path);
}

/** Every task for a list of files known in advance (tests, and scans that are not walked). */
export async function batchFiles(tasks: readonly FileTask[]): Promise<FileTask[][]> {
  const schedule = new Schedule(tasks[Symbol.iterator](), Number.POSITIVE_INFINITY);
  const out: FileTask[][] = [];
  for (let b = await schedule.next(); b !== null; b = await schedule.next()) out.push(b);
  return out;
}

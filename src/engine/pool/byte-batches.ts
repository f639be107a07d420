import type { FileOutcome, FileTask } from '../scan-file.js';
import { BATCH_MAX_BYTES, BATCH_MAX_FILES } from './batches.js';
import type { FilePool } from './pool.js';

interface Waiting {
  task: FileTask;
  done: (outcome: FileOutcome) => void;
}

/**
 * Small files whose bytes this thread has read (sftp:// files, read whole), sent to the workers in batches as
 * they arrive: a task per file cost twice the CPU of scanning them here. While a thread is free a file goes at
 * once; otherwise files wait for the next batch to finish, so batches grow with the backlog and every thread
 * stays busy.
 */
export class ByteBatches {
  private waiting: Waiting[] = [];
  private waitingBytes = 0;
  private running = 0;

  constructor(
    private readonly pool: FilePool,
    private readonly threads: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** Scans `task`, whose `bytes` hold the whole file, in the next batch. */
  scan(task: FileTask & { bytes: Uint8Array }): Promise<FileOutcome> {
    return new Promise((done) => {
      this.waiting.push({ task, done });
      this.waitingBytes += task.bytes.length;
      const full = this.waiting.length >= BATCH_MAX_FILES || this.waitingBytes >= BATCH_MAX_BYTES;
      if (full || this.running < this.threads) this.send();
    });
  }

  private send(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    this.running++;
    // runBatch answers every file (a result, or an error such as INTERRUPTED or WORKER_CRASH); it never throws.
    void this.pool
      .runBatch(
        batch.map((w) => w.task),
        this.signal,
      )
      .then((outcomes) => {
        this.running--;
        for (const [i, w] of batch.entries()) w.done(outcomes[i] as FileOutcome);
        if (this.waiting.length > 0 && this.running < this.threads) this.send();
      });
  }
}

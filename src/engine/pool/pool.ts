import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { WORKER_FILE } from '../../resources.js';
import type { ByteSource } from '../extract/byte-source.js';
import { type FileOutcome, type FileTask, fileError } from '../scan-file.js';
import { serveSource } from './port-source.js';
import type { WorkerInit, WorkerTask } from './protocol.js';

export interface FilePool {
  /** Scans one file in a worker; aborting `signal` stops it and lists it as INTERRUPTED. */
  run(task: FileTask, signal?: AbortSignal): Promise<FileOutcome>;
  /** Scans a batch of files in one worker task (see batches.ts); one outcome per file, in order. */
  runBatch(tasks: readonly FileTask[], signal?: AbortSignal): Promise<FileOutcome[]>;
  /**
   * Scans bytes this thread reads (an sftp:// file) in a worker, which pulls them a chunk at a time. `file`
   * names it (its absPath is unused). The source is closed when the task ends, however it ends.
   */
  runSource(file: FileTask, source: ByteSource, signal?: AbortSignal): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** Time a worker gets past the budget to stop a file cooperatively before it is killed. */
const GRACE_MS = 1000;

interface InFlight {
  started: BigInt64Array;
  controller: AbortController;
  /** Indexes of the files the watchdog found over the budget. */
  overBudget: Set<number>;
  /** How many of the batch's files were in progress when the watchdog stopped it. */
  inProgress: number;
}

/**
 * A piscina pool that turns a hung or crashed worker into an error for that one file. A watchdog aborts a task
 * (piscina then replaces the worker) once one of its files has run past the budget, counted from when the
 * worker started that file. A batch that fails is scanned again file by file, so only the file at fault is
 * listed (TIMEOUT or WORKER_CRASH) and the others get their results.
 */
export function createPool(threads: number, init: WorkerInit, workerFile = WORKER_FILE): FilePool {
  const piscina = new Piscina({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    // Most of a worker's garbage is per-candidate and short-lived; a smaller nursery than V8's default collects it
    // as soon and keeps each worker's peak memory down (objects that outlive it are promoted, never refused).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    workerData: init,
  });
  // piscina emits 'error' only for events tied to no task: the late result of a task we already aborted, an idle
  // worker dying, a slow close. Every task's own failure reaches its run() call, so nothing is lost by ignoring
  // these; unhandled, they would crash the whole scan.
  piscina.on('error', () => {});
  const budget = init.options.timeBudgetMs;
  const inFlight = new Set<InFlight>();
  const watchdog = setInterval(
    () => {
      const now = Date.now();
      for (const t of inFlight) {
        // 0 is a file not started yet (or a streamed one waiting for its bytes), FILE_DONE (negative) one finished.
        let inProgress = 0;
        for (let i = 0; i < t.started.length; i++) {
          const started = Atomics.load(t.started, i);
          if (started > 0n) inProgress++;
          if (started > 0n && now - Number(started) > budget + GRACE_MS) t.overBudget.add(i);
        }
        if (t.overBudget.size > 0) {
          t.inProgress = inProgress;
          t.controller.abort();
        }
      }
    },
    Math.max(20, Math.min(250, budget / 4)),
  );
  watchdog.unref();

  const runBatch = async (
    files: readonly FileTask[],
    signal?: AbortSignal,
    source?: ByteSource,
  ): Promise<FileOutcome[]> => {
    const started = new SharedArrayBuffer(8 * files.length);
    const entry: InFlight = {
      started: new BigInt64Array(started),
      controller: new AbortController(),
      overBudget: new Set(),
      inProgress: 0,
    };
    inFlight.add(entry);
    const interrupt = (): void => entry.controller.abort();
    if (signal?.aborted) interrupt();
    else signal?.addEventListener('abort', interrupt, { once: true });
    let failure: 'crash' | 'timeout' | 'interrupted';
    const channel = source ? new MessageChannel() : null;
    const served = source && channel ? serveSource(source, channel.port1) : null;
    try {
      const task: WorkerTask = { files: [...files], started };
      if (channel) task.stream = channel.port2;
      const outcomes = (await piscina.run(task, {
        signal: entry.controller.signal,
        ...(channel ? { transferList: [channel.port2] } : {}),
      })) as FileOutcome[];
      // The file is closed before its result counts (no handles pile up). After a failure the port is closed
      // at once below, without waiting: a read may be what hangs.
      await served?.close();
      return outcomes;
    } catch (e) {
      const aborted = (e as Error | undefined)?.name === 'AbortError';
      failure = !aborted ? 'crash' : signal?.aborted ? 'interrupted' : 'timeout';
    } finally {
      signal?.removeEventListener('abort', interrupt);
      inFlight.delete(entry);
      void served?.close();
    }
    if (failure === 'interrupted') return files.map((f) => failed(f, fileError(f.path, 'INTERRUPTED')));
    if (files.length === 1) {
      const file = files[0] as FileTask;
      return [
        failed(
          file,
          failure === 'crash'
            ? fileError(file.path, 'WORKER_CRASH')
            : fileError(file.path, 'TIMEOUT', { limit: budget }),
        ),
      ];
    }
    // The worker and the batch's other results are gone with it. When one file alone was in progress, it is the
    // one at fault. Otherwise (a file that hangs the thread holds up the others in progress beside it, and any
    // of them may have crossed the budget first), or after a crash, each file is scanned again in a task of its
    // own, where a fault repeats and is listed alone.
    const blamed =
      failure === 'timeout' && entry.inProgress === 1 && entry.overBudget.size === 1
        ? entry.overBudget
        : new Set<number>();
    return Promise.all(
      files.map(async (f, i) =>
        blamed.has(i)
          ? failed(f, fileError(f.path, 'TIMEOUT', { limit: budget }))
          : ((await runBatch([f], signal))[0] as FileOutcome),
      ),
    );
  };

  return {
    async run(file, signal) {
      return (await runBatch([file], signal))[0] as FileOutcome;
    },
    runBatch: (files, signal) => runBatch(files, signal),
    async runSource(file, source, signal) {
      return (await runBatch([file], signal, source))[0] as FileOutcome;
    },
    async close() {
      clearInterval(watchdog);
      await piscina.close({ force: true });
    },
  };
}

function failed(file: FileTask, error: FileOutcome['errors'][number]): FileOutcome {
  return { path: file.path, bytes: 0, results: [], errors: [error] };
}

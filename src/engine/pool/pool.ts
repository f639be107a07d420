import { Piscina } from 'piscina';
import { WORKER_FILE } from '../../resources.js';
import { type FileOutcome, type FileTask, fileError } from '../scan-file.js';
import type { WorkerInit, WorkerTask } from './protocol.js';

export interface FilePool {
  /** Scans one file in a worker; aborting `signal` stops it and lists it as INTERRUPTED. */
  run(task: FileTask, signal?: AbortSignal): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** Time a worker gets past the budget to stop a file cooperatively before it is killed. */
const GRACE_MS = 1000;

interface InFlight {
  started: BigInt64Array;
  controller: AbortController;
}

/**
 * A piscina pool that turns a hung or crashed worker into an error for that one file. A watchdog aborts a task
 * (piscina then replaces the worker) once it has run past the budget, counted from when the worker started it.
 */
export function createPool(threads: number, init: WorkerInit): FilePool {
  const piscina = new Piscina({
    filename: WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
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
        const started = Number(Atomics.load(t.started, 0));
        if (started > 0 && now - started > budget + GRACE_MS) t.controller.abort();
      }
    },
    Math.max(20, Math.min(250, budget / 4)),
  );
  watchdog.unref();
  return {
    async run(file, signal) {
      const started = new SharedArrayBuffer(8);
      const entry: InFlight = { started: new BigInt64Array(started), controller: new AbortController() };
      inFlight.add(entry);
      const interrupt = (): void => entry.controller.abort();
      if (signal?.aborted) interrupt();
      else signal?.addEventListener('abort', interrupt, { once: true });
      try {
        const task: WorkerTask = { file, started };
        return (await piscina.run(task, { signal: entry.controller.signal })) as FileOutcome;
      } catch (e) {
        const aborted = (e as Error | undefined)?.name === 'AbortError';
        return {
          path: file.path,
          bytes: 0,
          results: [],
          errors: [
            !aborted
              ? fileError(file.path, 'WORKER_CRASH')
              : signal?.aborted
                ? fileError(file.path, 'INTERRUPTED')
                : fileError(file.path, 'TIMEOUT', { limit: budget }),
          ],
        };
      } finally {
        signal?.removeEventListener('abort', interrupt);
        inFlight.delete(entry);
      }
    },
    async close() {
      clearInterval(watchdog);
      await piscina.close({ force: true });
    },
  };
}

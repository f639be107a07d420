import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { fileError, type FileOutcome, type FileTask } from '../scan-file.js';
import type { WorkerInit } from './protocol.js';

/** The compiled worker entry; from src/ (tests) the built copy in dist/ is used. */
function workerFile(): string {
  const here = fileURLToPath(new URL('../../workers/scan-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return here.replace(/([\\/])src([\\/]workers)/, '$1dist$2');
}

export interface FilePool {
  run(task: FileTask): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** A piscina pool that turns a hung or crashed worker into an error for that one file. */
export function createPool(threads: number, init: WorkerInit): FilePool {
  const piscina = new Piscina({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    workerData: init,
  });
  const budget = init.options.timeBudgetMs;
  return {
    async run(task) {
      try {
        return (await piscina.run(task, { signal: AbortSignal.timeout(budget + 1000) })) as FileOutcome;
      } catch (e) {
        const aborted = (e as Error | undefined)?.name === 'AbortError' || (e as Error | undefined)?.name === 'TimeoutError';
        return {
          path: task.path,
          bytes: 0,
          error: aborted ? fileError(task.path, 'TIMEOUT', { limit: budget }) : fileError(task.path, 'WORKER_CRASH'),
        };
      }
    },
    async close() {
      await piscina.close({ force: true });
    },
  };
}

// The worker entry: compile the rule packs once per thread, then scan the files it is handed.
// piscina hands its workerData to the Worker as is; read from worker_threads so the bundled worker of the single
// executable (which carries its own copy of piscina) sees it too.
import { workerData } from 'node:worker_threads';
import { keepHeapNearLive } from '../engine/heap.js';
import { portSource } from '../engine/pool/port-source.js';
import { FILE_DONE, type WorkerInit, type WorkerResult, type WorkerTask } from '../engine/pool/protocol.js';
import { type FileOutcome, type FileTask, scanFile, scanSource } from '../engine/scan-file.js';
import { compileChecked } from '../rulepack/compile.js';

keepHeapNearLive();

const init = workerData as WorkerInit;
const rules = compileChecked(init.packs).flatMap((p) => p.rules);

/**
 * Files of a batch in progress at once: while one waits for its file to open or read, another is scanned. Only
 * small files come in batches, so sharing the thread barely delays each one against its time budget.
 */
const FILES_AT_ONCE = 8;

export default async function scan(task: WorkerTask): Promise<WorkerResult> {
  const slots = new BigInt64Array(task.started);
  if (task.stream) {
    const file = task.files[0] as FileTask;
    // The watchdog's clock stops while the worker waits for bytes from the main thread (a slow link), so it only
    // stops a worker that is stuck scanning; the file's own time budget (wall time) still ends a slow file, with
    // what was found so far, as it does in the main thread.
    let started = Date.now();
    let waitFrom = 0;
    const waiting = (waits: boolean): void => {
      if (waits) {
        waitFrom = Date.now();
        Atomics.store(slots, 0, 0n);
      } else {
        started += Date.now() - waitFrom;
        Atomics.store(slots, 0, BigInt(started));
      }
    };
    Atomics.store(slots, 0, BigInt(started));
    const source = portSource(task.stream, file.size, waiting);
    const outcome = await scanSource(file.path, source, rules, init.options);
    Atomics.store(slots, 0, FILE_DONE);
    return [outcome];
  }
  const outcomes: FileOutcome[] = new Array(task.files.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < task.files.length) {
      const i = next++;
      Atomics.store(slots, i, BigInt(Date.now()));
      outcomes[i] = await scanFile(task.files[i] as FileTask, rules, init.options);
      Atomics.store(slots, i, FILE_DONE);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_AT_ONCE, task.files.length) }, lane));
  return outcomes;
}

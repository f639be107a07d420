// The worker entry: compile the rule packs once per thread, then scan the files it is handed.
// piscina hands its workerData to the Worker as is; read from worker_threads so the bundled worker of the single
// executable (which carries its own copy of piscina) sees it too.
import { workerData } from 'node:worker_threads';
import type { WorkerInit, WorkerResult, WorkerTask } from '../engine/pool/protocol.js';
import { scanFile } from '../engine/scan-file.js';
import { loadPacks } from '../rulepack/packs.js';

const init = workerData as WorkerInit;
const rules = loadPacks(init.packPaths).flatMap((p) => p.rules);

export default function scan(task: WorkerTask): Promise<WorkerResult> {
  Atomics.store(new BigInt64Array(task.started), 0, BigInt(Date.now()));
  return scanFile(task.file, rules, init.options);
}

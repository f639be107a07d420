// The worker entry: compile the rule packs once per thread, then scan the files it is handed.
import { workerData } from 'piscina';
import type { WorkerInit, WorkerResult, WorkerTask } from '../engine/pool/protocol.js';
import { scanFile } from '../engine/scan-file.js';
import { loadPacks } from '../rulepack/packs.js';

const init = workerData as WorkerInit;
const rules = loadPacks(init.packPaths).flatMap((p) => p.rules);

export default function scan(task: WorkerTask): Promise<WorkerResult> {
  Atomics.store(new BigInt64Array(task.started), 0, BigInt(Date.now()));
  return scanFile(task.file, rules, init.options);
}

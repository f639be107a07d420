import type { FileOutcome, FileScanOptions, FileTask } from '../scan-file.js';

/**
 * The worker protocol, plain data only. Workers receive rule-pack paths and compile them locally, so no
 * function or regex crosses the boundary; results carry masked excerpts only (raw values only with showValues).
 */
export interface WorkerInit {
  packPaths: string[];
  options: FileScanOptions;
}

export interface WorkerTask {
  file: FileTask;
  /**
   * One BigInt64 slot: the worker stores Date.now() there when it starts the file. The per-file budget runs
   * from that moment, not from when the task was queued behind other files.
   */
  started: SharedArrayBuffer;
}
export type WorkerResult = FileOutcome;

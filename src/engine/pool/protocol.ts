import type { FileOutcome, FileScanOptions, FileTask } from '../scan-file.js';

/**
 * The worker protocol, plain data only. Workers receive rule-pack paths and compile them locally, so no
 * function or regex crosses the boundary; results carry masked excerpts only (raw values only with showValues).
 */
export interface WorkerInit {
  packPaths: string[];
  options: FileScanOptions;
}

export type WorkerTask = FileTask;
export type WorkerResult = FileOutcome;

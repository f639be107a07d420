import type { MessagePort } from 'node:worker_threads';
import type { CheckedPack } from '../../rulepack/compile.js';
import type { FileOutcome, FileScanOptions, FileTask } from '../scan-file.js';

/**
 * The worker protocol, plain data only. Workers receive the rule packs as the main thread read and checked
 * them and compile them locally, so no function or regex crosses the boundary; results carry masked excerpts
 * only (raw values only with showValues).
 */
export interface WorkerInit {
  packs: CheckedPack[];
  options: FileScanOptions;
}

/** The marker a worker leaves in a file's `started` slot once the file is done. */
export const FILE_DONE = -1n;

export interface WorkerTask {
  /** One big file, or a batch of small ones (see batches.ts); outcomes come back in the same order. */
  files: FileTask[];
  /**
   * One BigInt64 slot per file: the worker stores Date.now() there when it starts the file and FILE_DONE when
   * it has finished it. The per-file budget runs from that moment, not from when the task was queued.
   */
  started: SharedArrayBuffer;
  /** The one file's bytes are served by the main thread on this port (port-source.ts), not read by path. */
  stream?: MessagePort;
}
export type WorkerResult = FileOutcome[];

import type { FileTask } from '../scan-file.js';

/** A file at least this big is a task of its own; smaller ones travel to a worker together. */
export const BATCH_FILE_BYTES = 256 * 1024;
/** A batch closes at this many files or bytes: small enough that the threads still end together. */
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 1024 * 1024;

/**
 * Cuts the files, in the order given (largest first), into worker tasks: each big file alone, small files in
 * batches. A message to a worker and back costs more than reading a 1 KiB file, and a worker holding a batch
 * overlaps one file's reads with another's scanning.
 */
export function batchFiles(order: readonly FileTask[]): FileTask[][] {
  const batches: FileTask[][] = [];
  let current: FileTask[] = [];
  let bytes = 0;
  for (const task of order) {
    if (task.size >= BATCH_FILE_BYTES) {
      batches.push([task]);
      continue;
    }
    if (current.length >= BATCH_MAX_FILES || (current.length > 0 && bytes + task.size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(task);
    bytes += task.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

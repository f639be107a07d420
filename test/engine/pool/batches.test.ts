import { describe, expect, it } from 'vitest';
import {
  BATCH_FILE_BYTES,
  BATCH_MAX_BYTES,
  BATCH_MAX_FILES,
  batchFiles,
} from '../../../src/engine/pool/batches.js';
import type { FileTask } from '../../../src/engine/scan-file.js';

const file = (name: string, size: number): FileTask => ({ absPath: `/x/${name}`, path: name, size });

describe('batchFiles', () => {
  it('gives each big file a task of its own and keeps the order', () => {
    const big = [file('a', BATCH_FILE_BYTES * 4), file('b', BATCH_FILE_BYTES)];
    const small = [file('c', 1000), file('d', 10)];
    expect(batchFiles([...big, ...small]).map((b) => b.map((t) => t.path))).toEqual([
      ['a'],
      ['b'],
      ['c', 'd'],
    ]);
  });

  it('closes a batch at the file limit', () => {
    const tasks = Array.from({ length: BATCH_MAX_FILES * 2 + 1 }, (_, i) => file(`f${i}`, 100));
    const sizes = batchFiles(tasks).map((b) => b.length);
    expect(sizes).toEqual([BATCH_MAX_FILES, BATCH_MAX_FILES, 1]);
  });

  it('closes a batch at the byte limit, and a batch always takes at least one file', () => {
    const size = BATCH_FILE_BYTES - 1;
    const perBatch = Math.floor(BATCH_MAX_BYTES / size);
    const tasks = Array.from({ length: perBatch + 1 }, (_, i) => file(`f${i}`, size));
    const batches = batchFiles(tasks);
    expect(batches.map((b) => b.length)).toEqual([perBatch, 1]);
    for (const b of batches) expect(b.reduce((n, t) => n + t.size, 0)).toBeLessThanOrEqual(BATCH_MAX_BYTES);
  });

  it('lists every file exactly once, in the order given (largest first, as scan.ts hands them)', () => {
    const tasks = Array.from({ length: 500 }, (_, i) =>
      file(`f${i}`, (i * 7919) % (BATCH_FILE_BYTES * 2)),
    ).sort((a, b) => b.size - a.size);
    expect(batchFiles(tasks).flat()).toEqual(tasks);
    expect(batchFiles([])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BATCH_MAX_FILES } from '../../../src/engine/pool/batches.js';
import { ByteBatches } from '../../../src/engine/pool/byte-batches.js';
import type { FilePool } from '../../../src/engine/pool/pool.js';
import type { FileOutcome, FileTask } from '../../../src/engine/scan-file.js';

/** A pool whose batches finish when the test says; it records each batch's paths. */
function manualPool() {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const pool = {
    runBatch: (tasks: readonly FileTask[]) =>
      new Promise<FileOutcome[]>((resolve) => {
        batches.push(tasks.map((t) => t.path));
        finish.push(() =>
          resolve(tasks.map((t) => ({ path: t.path, bytes: t.size, results: [], errors: [] }))),
        );
      }),
  } as unknown as FilePool;
  return { pool, batches, finishNext: () => finish.shift()?.() };
}

const file = (name: string) => ({ absPath: '', path: name, size: 3, bytes: new Uint8Array(3) });
const tick = () => new Promise((r) => setImmediate(r));

describe('ByteBatches', () => {
  it('sends a file at once while a thread is free, then batches what arrives meanwhile', async () => {
    const { pool, batches, finishNext } = manualPool();
    const batcher = new ByteBatches(pool, 2);
    const outcomes = ['a', 'b', 'c', 'd', 'e'].map((n) => batcher.scan(file(n)));
    expect(batches).toEqual([['a'], ['b']]);
    finishNext();
    await tick();
    // A thread came free: everything that waited goes together.
    expect(batches).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    finishNext();
    finishNext();
    // Every file gets its own outcome, whichever batch it went in.
    expect((await Promise.all(outcomes)).map((o) => o.path)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a full batch goes without waiting for a free thread', async () => {
    const { pool, batches } = manualPool();
    const batcher = new ByteBatches(pool, 1);
    for (let i = 0; i <= BATCH_MAX_FILES; i++) void batcher.scan(file(`f${i}`));
    expect(batches.map((b) => b.length)).toEqual([1, BATCH_MAX_FILES]);
  });
});

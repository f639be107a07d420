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

const names = (n: number, prefix = 'f') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ByteBatches', () => {
  it('a few files wait a moment for more, then go together to a free thread', async () => {
    const { pool, batches, finishNext } = manualPool();
    const batcher = new ByteBatches(pool, 2);
    const outcomes = ['a', 'b', 'c'].map((n) => batcher.scan(file(n)));
    expect(batches).toEqual([]);
    await pause(20);
    expect(batches).toEqual([['a', 'b', 'c']]);
    finishNext();
    expect((await Promise.all(outcomes)).map((o) => o.path)).toEqual(['a', 'b', 'c']);
  });

  it('enough files go at once while a thread is free; while none is, they wait for the next free one', async () => {
    const { pool, batches, finishNext } = manualPool();
    const batcher = new ByteBatches(pool, 1);
    const outcomes = [...names(8), 'x', 'y', 'z'].map((n) => batcher.scan(file(n)));
    expect(batches).toEqual([names(8)]);
    await pause(20);
    // The one thread is busy: x, y and z wait for it, whatever the time.
    expect(batches).toEqual([names(8)]);
    finishNext();
    await pause(20);
    expect(batches).toEqual([names(8), ['x', 'y', 'z']]);
    finishNext();
    // Every file gets its own outcome, whichever batch it went in.
    expect((await Promise.all(outcomes)).map((o) => o.path)).toEqual([...names(8), 'x', 'y', 'z']);
  });

  it('a full batch goes without waiting for a free thread', async () => {
    const { pool, batches } = manualPool();
    const batcher = new ByteBatches(pool, 1);
    for (const name of names(8 + BATCH_MAX_FILES)) void batcher.scan(file(name));
    expect(batches.map((b) => b.length)).toEqual([8, BATCH_MAX_FILES]);
  });
});

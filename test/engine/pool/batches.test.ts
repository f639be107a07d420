import { describe, expect, it } from 'vitest';
import {
  BATCH_FILE_BYTES,
  BATCH_MAX_BYTES,
  BATCH_MAX_FILES,
  batchFiles,
  Schedule,
} from '../../../src/engine/pool/batches.js';
import type { FileTask } from '../../../src/engine/scan-file.js';

const file = (name: string, size: number): FileTask => ({ absPath: `/x/${name}`, path: name, size });

describe('batchFiles', () => {
  it('gives each big file a task of its own, largest first whatever the order walked', async () => {
    const big = [file('b', BATCH_FILE_BYTES), file('a', BATCH_FILE_BYTES * 4)];
    const small = [file('d', 10), file('c', 1000)];
    expect(
      (await batchFiles([small[0], ...big, small[1]] as FileTask[])).map((b) => b.map((t) => t.path)),
    ).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('closes a batch at the file limit', async () => {
    const tasks = Array.from({ length: BATCH_MAX_FILES * 2 + 1 }, (_, i) => file(`f${i}`, 100));
    const sizes = (await batchFiles(tasks)).map((b) => b.length);
    expect(sizes).toEqual([BATCH_MAX_FILES, BATCH_MAX_FILES, 1]);
  });

  it('closes a batch at the byte limit, and a batch always takes at least one file', async () => {
    const size = Math.floor(BATCH_MAX_BYTES / 3) + 1;
    const tasks = Array.from({ length: 3 }, (_, i) => file(`f${i}`, size));
    const batches = await batchFiles(tasks);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    for (const b of batches) expect(b.reduce((n, t) => n + t.size, 0)).toBeLessThanOrEqual(BATCH_MAX_BYTES);
    // Over the byte limit but not big enough to be a task of its own: still batched, alone.
    const alone = Array.from({ length: 2 }, (_, i) => file(`g${i}`, BATCH_MAX_BYTES + 1));
    expect(BATCH_MAX_BYTES + 1).toBeLessThan(BATCH_FILE_BYTES);
    expect((await batchFiles(alone)).map((b) => b.length)).toEqual([1, 1]);
  });

  it('lists every file exactly once, largest first and equal sizes by path', async () => {
    const tasks = Array.from({ length: 500 }, (_, i) => file(`f${i}`, (i * 7919) % (BATCH_FILE_BYTES * 2)));
    const sorted = [...tasks].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
    expect((await batchFiles(tasks)).flat()).toEqual(sorted);
    expect(await batchFiles([])).toEqual([]);
  });
});

describe('Schedule (the walk pulled as the scan goes)', () => {
  /** A walk that counts how far it has been pulled. */
  function counted(tasks: FileTask[]): { source: Iterator<FileTask>; pulled: () => number } {
    let pulled = 0;
    const source = (function* () {
      for (const t of tasks) {
        pulled++;
        yield t;
      }
    })();
    return { source, pulled: () => pulled };
  }

  it('holds at most its window of files walked ahead, whatever the size of the tree', async () => {
    const tasks = Array.from({ length: 10_000 }, (_, i) => file(`f${String(i).padStart(5, '0')}`, 100));
    const { source, pulled } = counted(tasks);
    const schedule = new Schedule(source, 1000);
    const first = await schedule.next();
    expect(first).toHaveLength(BATCH_MAX_FILES);
    expect(pulled()).toBe(1000);
    expect(schedule.walked).toBe(false);
    expect(schedule.files).toBe(1000);
    let handed = (first as FileTask[]).length;
    for (let b = await schedule.next(); b !== null; b = await schedule.next()) {
      handed += b.length;
      expect(pulled() - handed).toBeLessThanOrEqual(1000);
    }
    expect(handed).toBe(10_000);
    expect(schedule.walked).toBe(true);
    expect(schedule.files).toBe(10_000);
    expect(schedule.bytes).toBe(1_000_000);
  });

  it('sends a big file found later in the walk ahead of the small files still waiting', async () => {
    const small = Array.from({ length: 300 }, (_, i) => file(`s${String(i).padStart(3, '0')}`, 10));
    const late = file('late-big', BATCH_FILE_BYTES * 2);
    const schedule = new Schedule([...small, late][Symbol.iterator](), 200);
    const order: string[][] = [];
    for (let b = await schedule.next(); b !== null; b = await schedule.next())
      order.push(b.map((t) => t.path));
    const at = order.findIndex((b) => b.includes('late-big'));
    expect(order[at]).toEqual(['late-big']);
    // The window first held s000-s199; the big file came in while they went out, and jumped the queue.
    expect(at).toBeGreaterThan(0);
    expect(order.slice(at + 1).flat().length).toBeGreaterThan(0);
    expect(order.flat().sort()).toEqual([...small, late].map((t) => t.path).sort());
  });

  it('never puts a big file in a small-file batch', async () => {
    const tasks = [file('a', 10), file('b', 10), file('big', BATCH_FILE_BYTES)];
    const schedule = new Schedule(tasks[Symbol.iterator](), 1);
    const batches: string[][] = [];
    for (let b = await schedule.next(); b !== null; b = await schedule.next())
      batches.push(b.map((t) => t.path));
    expect(batches).toContainEqual(['big']);
    expect(batches.flat().sort()).toEqual(['a', 'b', 'big']);
  });

  it('lets the event loop run where the walk says so: a Ctrl-C is heard while a large tree is walked', async () => {
    let ran = false;
    let heardBeforeTheFile = false;
    // A walk of entries that are no files (links skipped, names excluded), with a pause marker now and then.
    function* walk(): Generator<FileTask | null> {
      for (let i = 0; i < 3; i++) yield null;
      heardBeforeTheFile = ran;
      yield file('a.csv', 10);
    }
    setImmediate(() => {
      ran = true;
    });
    const schedule = new Schedule(walk(), 1000);
    expect((await schedule.next())?.map((t) => t.path)).toEqual(['a.csv']);
    expect(heardBeforeTheFile).toBe(true);
    expect(await schedule.next()).toBeNull();
  });
});

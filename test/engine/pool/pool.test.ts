// The worker pool under aborts: a task aborted just as its worker finishes still yields exactly one outcome,
// and the worker's late answer (piscina reports it as an 'error' event) must not crash the process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../src/engine/pool/pool.js';
import { builtinPackNames, loadCheckedPacks, packPaths } from '../../../src/rulepack/packs.js';

const dir = mkdtempSync(join(tmpdir(), 'residue-pool-'));
/** What a pool's workers start with: these packs (default the built-in ones) and a per-file budget. */
const init = (timeBudgetMs: number, packs = packPaths(builtinPackNames()).map((p) => resolve(p))) => ({
  packs: loadCheckedPacks(packs).checked,
  options: { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs },
});
/** A batch of three files whose middle one is `odd`, the others a short CSV of people. */
const threeFiles = (odd: string, oddBody: string) =>
  ['one.csv', odd, 'two.csv'].map((name) => {
    const body = name === odd ? oddBody : 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\n';
    writeFileSync(join(dir, name), body);
    return { absPath: join(dir, name), path: name, size: Buffer.byteLength(body) };
  });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createPool', () => {
  it('gives one outcome per task, a result or INTERRUPTED, when aborts race the workers', async () => {
    const file = join(dir, 'people.csv');
    const body = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\n';
    writeFileSync(file, body);
    const pool = createPool(2, init(60_000));
    const task = { absPath: file, path: 'people.csv', size: Buffer.byteLength(body) };
    try {
      // Warm both workers so the aborts below land while files are being scanned, not while workers start.
      await Promise.all([pool.run(task), pool.run(task)]);
      const kinds = new Set<string>();
      for (let round = 0; round < 60; round++) {
        const controller = new AbortController();
        const pending = [pool.run(task, controller.signal), pool.run(task, controller.signal)];
        // Abort the moment the first answer is in: the other worker's answer is often already on its way.
        if (round % 2 === 0) void pending[0]?.then(() => controller.abort());
        else setTimeout(() => controller.abort(), round % 5);
        for (const outcome of await Promise.all(pending)) {
          expect(outcome.path).toBe('people.csv');
          if (outcome.errors.length > 0) {
            expect(outcome.errors.map((e) => e.code)).toEqual(['INTERRUPTED']);
            expect(outcome.results).toEqual([]);
            kinds.add('interrupted');
          } else {
            expect(outcome.results[0]?.verdict).toBe('personal-data');
            kinds.add('scanned');
          }
        }
      }
      expect(kinds.has('interrupted')).toBe(true);
      // The pool still works after all those replaced workers.
      const after = await pool.run(task);
      expect(after.results[0]?.verdict).toBe('personal-data');
    } finally {
      await pool.close();
    }
  }, 60_000);
  it('scans a batch in one task, one outcome per file in order; a file that hangs its worker is listed alone', async () => {
    // A user pack whose regex takes minutes on one file: the batch's worker is stopped, the file is listed as
    // TIMEOUT and the other files of the batch are scanned again on their own.
    const pack = join(dir, 'slow.yaml');
    writeFileSync(
      pack,
      [
        'name: slow',
        'version: 0.0.1',
        'rules:',
        '  - id: slow.backtrack',
        '    name: Slow',
        '    category: policy-number',
        '    severity: low',
        '    confidence: 0.5',
        '    patterns:',
        "      - '(?:a|a)*(?:a|a)*(?:a|a)*(?:a|a)*b'",
        '    examples:',
        "      - 'aaab'",
        '',
      ].join('\n'),
    );
    const tasks = threeFiles('hang.txt', `${'a'.repeat(60)}!`);
    const pool = createPool(
      1,
      init(200, [pack, ...packPaths(['uk-people', 'uk-contact']).map((p) => resolve(p))]),
    );
    try {
      const outcomes = await pool.runBatch(tasks);
      expect(outcomes.map((o) => o.path)).toEqual(['one.csv', 'hang.txt', 'two.csv']);
      expect(outcomes.map((o) => o.errors.map((e) => e.code))).toEqual([[], ['TIMEOUT'], []]);
      expect(outcomes.map((o) => o.results[0]?.verdict)).toEqual([
        'personal-data',
        undefined,
        'personal-data',
      ]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('lists a file whose worker dies as WORKER_CRASH, alone; the rest of its batch is scanned', async () => {
    const tasks = threeFiles('crash.txt', 'anything\n');
    const pool = createPool(1, init(60_000), resolve(import.meta.dirname, 'crash-worker.cjs'));
    try {
      const outcomes = await pool.runBatch(tasks);
      expect(outcomes.map((o) => o.path)).toEqual(['one.csv', 'crash.txt', 'two.csv']);
      expect(outcomes.map((o) => o.errors.map((e) => e.code))).toEqual([[], ['WORKER_CRASH'], []]);
      expect(outcomes.map((o) => o.results[0]?.verdict)).toEqual([
        'personal-data',
        undefined,
        'personal-data',
      ]);
      // The dead worker was replaced: the pool goes on.
      expect((await pool.run(tasks[0] as (typeof tasks)[number])).results[0]?.verdict).toBe('personal-data');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

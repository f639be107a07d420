// The worker pool under aborts: a task aborted just as its worker finishes still yields exactly one outcome,
// and the worker's late answer (piscina reports it as an 'error' event) must not crash the process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ByteSource, bufferSource, READ_CHUNK_BYTES } from '../../../src/engine/extract/byte-source.js';
import { createPool } from '../../../src/engine/pool/pool.js';
import { type FileOutcome, scanSource } from '../../../src/engine/scan-file.js';
import { compileChecked } from '../../../src/rulepack/compile.js';
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

/** A batch from threeFiles(): the odd file has only `code`, the two others were scanned. */
function expectOddOneOut(outcomes: FileOutcome[], odd: string, code: string): void {
  expect(outcomes.map((o) => o.path)).toEqual(['one.csv', odd, 'two.csv']);
  expect(outcomes.map((o) => o.errors.map((e) => e.code))).toEqual([[], [code], []]);
  expect(outcomes.map((o) => o.results[0]?.verdict)).toEqual(['personal-data', undefined, 'personal-data']);
}

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
      expectOddOneOut(outcomes, 'hang.txt', 'TIMEOUT');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('lists a file whose worker dies as WORKER_CRASH, alone; the rest of its batch is scanned', async () => {
    const tasks = threeFiles('crash.txt', 'anything\n');
    const pool = createPool(1, init(60_000), resolve(import.meta.dirname, 'crash-worker.cjs'));
    try {
      const outcomes = await pool.runBatch(tasks);
      expectOddOneOut(outcomes, 'crash.txt', 'WORKER_CRASH');
      // The dead worker was replaced: the pool goes on.
      expect((await pool.run(tasks[0] as (typeof tasks)[number])).results[0]?.verdict).toBe('personal-data');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('scans bytes read in this thread (an sftp:// file) in a worker: the same findings as in-process', async () => {
    // Over two chunks, with people on both sides of the chunk boundary.
    const filler = 'log line with nothing in it at all, just padding for the chunking\n'.repeat(16_500);
    const body = `${PERSON}${filler}${PERSON}${filler}${PERSON}`;
    const file = { absPath: '', path: 'remote/big.log', size: Buffer.byteLength(body) };
    const { source, seen } = countedSource(Buffer.from(body));
    const pool = createPool(1, init(60_000));
    try {
      const outcome = await pool.runSource(file, source);
      const rules = compileChecked(init(60_000).packs).flatMap((p) => p.rules);
      const local = await scanSource(file.path, bufferSource(Buffer.from(body)), rules, init(60_000).options);
      expect(outcome).toEqual(local);
      expect(outcome.results[0]?.counts['nhs-number']).toBe(3);
      expect(seen.closed).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("a streamed file: a read error is that file's error; a dying worker or Ctrl-C still closes the source", async () => {
    const pool = createPool(1, init(60_000), resolve(import.meta.dirname, 'crash-worker.cjs'));
    try {
      const failing = countedSource(Buffer.from(PERSON), Object.assign(new Error('gone'), { code: 'EIO' }));
      const failed = await pool.runSource({ absPath: '', path: 'a.txt', size: 100 }, failing.source);
      expect(failed.errors.map((e) => e.code)).toEqual(['EIO']);
      expect(failing.seen).toEqual({ opened: true, closed: true });

      const crashing = countedSource(Buffer.from(PERSON));
      const crashed = await pool.runSource({ absPath: '', path: 'crash.txt', size: 100 }, crashing.source);
      expect(crashed.errors.map((e) => e.code)).toEqual(['WORKER_CRASH']);
      // The worker died before it asked for a byte: nothing was opened, so there is nothing to close.
      expect(crashing.seen).toEqual({ opened: false, closed: false });

      const controller = new AbortController();
      const hanging = countedSource(Buffer.from(PERSON), undefined, true);
      const pending = pool.runSource(
        { absPath: '', path: 'b.txt', size: 100 },
        hanging.source,
        controller.signal,
      );
      // Ctrl-C once the worker is reading (a worker just restarted after the crash may take a while on a busy
      // machine): the open source must then be closed.
      while (!hanging.seen.opened) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      expect((await pending).errors.map((e) => e.code)).toEqual(['INTERRUPTED']);
      hanging.release();
      await new Promise((r) => setTimeout(r, 20));
      expect(hanging.seen).toEqual({ opened: true, closed: true });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a streamed file whose bytes are slow to come is not killed while it waits: its time budget ends it with what was found', async () => {
    // Budget 200 ms: the watchdog kills a worker at budget + 1 s of its own time. The first chunk takes 1.5 s.
    const pool = createPool(1, init(200));
    try {
      const slow: ByteSource = {
        size: PERSON.length * 2,
        async *chunks() {
          await new Promise((r) => setTimeout(r, 1500));
          yield Buffer.from(PERSON);
          yield Buffer.from(PERSON);
        },
      };
      const outcome = await pool.runSource({ absPath: '', path: 'slow.txt', size: slow.size }, slow);
      expect(outcome.errors.map((e) => e.code)).toEqual(['TIMEOUT']);
      // Killed by the watchdog, it would have no result at all.
      expect(outcome.results[0]?.counts['nhs-number']).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

const PERSON = 'Patient Jane Smith, NHS number 485 112 2330, date of birth 03/04/1961, LS1 4AP\n';

/**
 * `data` in chunks of READ_CHUNK_BYTES, then a wait until release() when `hang`, then `fail` if given. It
 * records whether reading started and whether it was closed.
 */
function countedSource(data: Buffer, fail?: Error, hang = false) {
  // A handle is opened when the reading starts (as sftpSource opens the remote file): closed must follow.
  const seen = { opened: false, closed: false };
  let release = (): void => {};
  const wait = new Promise<void>((r) => {
    release = r;
  });
  const source: ByteSource = {
    size: data.length,
    async *chunks() {
      seen.opened = true;
      try {
        for (let i = 0; i < data.length; i += READ_CHUNK_BYTES) yield data.subarray(i, i + READ_CHUNK_BYTES);
        if (hang) await wait;
        if (fail) throw fail;
      } finally {
        seen.closed = true;
      }
    },
  };
  return { source, seen, release };
}

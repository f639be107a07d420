import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesRandomAccess,
  fileRandomAccess,
  type RandomAccess,
} from '../../../src/engine/extract/random-access.js';

/** 600 KiB of a known pattern: longer than the file window (256 KiB), so reads cross it. */
const BYTES = Uint8Array.from({ length: 600 * 1024 }, (_, i) => (i * 31 + (i >> 9)) % 251);

describe('random access to bytes in memory and to a file on disk', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'residue-random-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, bytes: Uint8Array, size = bytes.length): RandomAccess => {
    writeFileSync(join(dir, name), bytes);
    return fileRandomAccess(join(dir, name), size);
  };

  const read = (from: RandomAccess, position: number, length: number): Buffer => {
    const into = new Uint8Array(length);
    return Buffer.from(into.subarray(0, from.read(position, into)));
  };
  /** The bytes read equal BYTES from `from` to `to` (compared as buffers: a deep equal of 550 KB is slow). */
  const expectBytes = (got: Buffer, from: number, to: number): void => {
    const want = Buffer.from(BYTES.subarray(from, to));
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  };

  it('read the same bytes at any offset, in any order, across the file window, short at the end', () => {
    const sources = [bytesRandomAccess(BYTES), file('a.bin', BYTES)];
    for (const source of sources) {
      expect(source.size).toBe(BYTES.length);
      for (const [position, length] of [
        [0, 100],
        [262_000, 5000], // across the first window's end
        [10, 4096], // back to the start
        [BYTES.length - 10, 100], // short: 10 bytes
        [BYTES.length, 10], // at the end: none
        [BYTES.length + 5000, 10], // past it: none
        [1000, 550_000], // more than a window at once
      ] as const) {
        expectBytes(read(source, position, length), position, position + length);
      }
      source.close();
      source.close();
    }
  });

  it('a file reads only up to the size it had when it was reached; one that shrank since is CHANGED, never zeros', () => {
    const grown = file('grown.bin', BYTES, 1000);
    expectBytes(read(grown, 900, 500), 900, 1000);
    grown.close();
    const shrunk = file('shrunk.bin', BYTES);
    truncateSync(join(dir, 'shrunk.bin'), 300_000);
    // Within its old size, past its new end: the file changed under the scan.
    expect(() => read(shrunk, 299_990, 100)).toThrow(expect.objectContaining({ code: 'CHANGED' }));
    expect(() => read(shrunk, 400_000, 100)).toThrow(expect.objectContaining({ code: 'CHANGED' }));
    shrunk.close();
  });
});

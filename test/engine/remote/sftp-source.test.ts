import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { READ_CHUNK_BYTES } from '../../../src/engine/extract/byte-source.js';
import type { SftpCalls } from '../../../src/engine/remote/sftp-fs.js';
import { sftpSource } from '../../../src/engine/remote/sftp-source.js';

/** SFTP calls over bytes in memory; reads answer at most `maxRead` bytes, as a server may. */
function fakeSftp(data: Buffer, maxRead = 1 << 30) {
  let open = 0;
  let inFlight = 0;
  let peak = 0;
  const calls = {
    ended: () => false,
    open: async () => {
      open++;
      return Buffer.from('handle');
    },
    close: async () => {
      open--;
    },
    read: async (_h: Buffer, buffer: Buffer, length: number, position: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const n = Math.max(0, Math.min(length, maxRead, data.length - position));
      data.copy(buffer, 0, position, position + n);
      return n;
    },
  } as unknown as SftpCalls;
  return { calls, openHandles: () => open, peak: () => peak };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; sizes: number[] }> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return { bytes: Buffer.concat(parts), sizes: parts.map((p) => p.length) };
}

describe('sftpSource', () => {
  it('reads a file front to back in chunks of at most 1 MiB, several reads in flight, then closes it', async () => {
    const data = randomBytes(3 * READ_CHUNK_BYTES + 12345);
    const fake = fakeSftp(data);
    const { bytes, sizes } = await collect(sftpSource(fake.calls, '/x', data.length).chunks());
    expect(bytes.equals(data)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(READ_CHUNK_BYTES);
    expect(fake.peak()).toBeGreaterThan(1);
    expect(fake.openHandles()).toBe(0);
  });

  it('asks again when a server answers short', async () => {
    const data = randomBytes(200_000);
    const fake = fakeSftp(data, 1000);
    expect((await collect(sftpSource(fake.calls, '/x', data.length).chunks())).bytes.equals(data)).toBe(true);
  });

  it('stops at the size the walk saw: a grown file is read to it, a shrunk one is CHANGED', async () => {
    const data = randomBytes(100_000);
    const grown = fakeSftp(data);
    expect(
      (await collect(sftpSource(grown.calls, '/x', 50_000).chunks())).bytes.equals(data.subarray(0, 50_000)),
    ).toBe(true);
    const shrunk = fakeSftp(data.subarray(0, 70_000));
    await expect(collect(sftpSource(shrunk.calls, '/x', 100_000).chunks())).rejects.toMatchObject({
      code: 'CHANGED',
    });
    expect(shrunk.openHandles()).toBe(0);
  });

  it('closes the file when the reader stops early', async () => {
    const data = randomBytes(4 * READ_CHUNK_BYTES);
    const fake = fakeSftp(data);
    for await (const _ of sftpSource(fake.calls, '/x', data.length).chunks()) break;
    expect(fake.openHandles()).toBe(0);
  });
});

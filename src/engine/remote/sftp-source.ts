import { type ByteSource, fileShrank, READ_CHUNK_BYTES } from '../extract/byte-source.js';
import type { SftpCalls } from './sftp-fs.js';

/** Bytes asked for in one SFTP read request, and how many requests are in flight at once. */
const BLOCK_BYTES = 64 * 1024;
const IN_FLIGHT = 16;

/**
 * A remote file read over SFTP, front to back, up to the size it had when the walk reached it: several reads
 * in flight (the round trip, not the bandwidth, bounds one read at a time), handed on in chunks of up to
 * READ_CHUNK_BYTES. Nothing is written to local disk; memory stays within about two chunks.
 */
export function sftpSource(fs: SftpCalls, remotePath: string, size: number): ByteSource {
  return {
    size,
    async *chunks() {
      const handle = await fs.open(remotePath);
      const pending: Promise<Buffer>[] = [];
      let requested = 0;
      const request = (): void => {
        const length = Math.min(BLOCK_BYTES, size - requested);
        const read = readBlock(fs, handle, length, requested);
        read.catch(() => {}); // awaited in turn below; this only keeps an early failure from going unhandled
        pending.push(read);
        requested += length;
      };
      try {
        let delivered = 0;
        let parts: Buffer[] = [];
        let partBytes = 0;
        while (delivered < size) {
          while (pending.length < IN_FLIGHT && requested < size) request();
          const block = await (pending.shift() as Promise<Buffer>);
          delivered += block.length;
          if (block.length > 0) {
            parts.push(block);
            partBytes += block.length;
          }
          const short = block.length < Math.min(BLOCK_BYTES, size - (delivered - block.length));
          if (partBytes >= READ_CHUNK_BYTES || delivered >= size || short) {
            if (partBytes > 0) yield parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
            parts = [];
            partBytes = 0;
          }
          if (short) throw fileShrank();
        }
      } finally {
        await Promise.allSettled(pending);
        await fs.close(handle).catch(() => {});
      }
    },
  };
}

/** One block; a short answer before the end is asked again for the rest, as ssh2 may split reads. */
async function readBlock(fs: SftpCalls, handle: Buffer, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const target = filled === 0 ? buffer : Buffer.allocUnsafe(length - filled);
    const n = await fs.read(handle, target, length - filled, position + filled);
    if (n <= 0) break;
    if (filled > 0) target.copy(buffer, filled, 0, n);
    filled += n;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

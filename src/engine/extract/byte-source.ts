import { closeSync, openSync, type PathLike, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export const READ_CHUNK_BYTES = 1 << 20;

/** Bytes of one file (later: an archive member), read once, front to back, in bounded chunks. */
export interface ByteSource {
  /** Size when known at the start; reading stops there, so a growing file cannot extend a scan forever. */
  readonly size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** A regular file on disk, read up to the size it had when the scan reached it. */
export function fileSource(path: PathLike, size: number): ByteSource {
  return {
    size,
    async *chunks() {
      // Most files fit one chunk: one synchronous open-read-close costs a fraction of three promise round trips,
      // which dominated the time per file on trees of small files.
      if (size <= READ_CHUNK_BYTES) {
        const bytes = readSmall(path, size);
        if (bytes.length > 0) yield bytes;
        return;
      }
      const handle = await open(path, 'r');
      try {
        let position = 0;
        while (position < size) {
          const want = Math.min(READ_CHUNK_BYTES, size - position);
          const buffer = new Uint8Array(want);
          const { bytesRead } = await handle.read(buffer, 0, want, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
        }
        if (position < size) throw fileShrank();
      } finally {
        await handle.close();
      }
    },
  };
}

/** A file of at most one chunk, read at once; shorter than `size` means it shrank while being read. */
function readSmall(path: PathLike, size: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(size);
    let position = 0;
    while (position < size) {
      const n = readSync(fd, buffer, position, size - position, position);
      if (n === 0) break;
      position += n;
    }
    if (position < size) throw fileShrank();
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Bytes already in memory (rule examples, tests). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += READ_CHUNK_BYTES) yield bytes.subarray(i, i + READ_CHUNK_BYTES);
    },
  };
}

/**
 * Text an extractor writes as the scan reads it (a sheet as CSV), encoded to UTF-8 a piece at a time. Nothing
 * is written before it is asked for, so the expansion budget, which meters a member's bytes as they are read,
 * stops a sheet that expands without end within a piece of where the budget ran out. Size unknown.
 */
export function textSource(pieces: () => Iterable<string> | AsyncIterable<string>): ByteSource {
  return {
    size: Number.POSITIVE_INFINITY,
    async *chunks() {
      const encoder = new TextEncoder();
      for await (const piece of pieces()) if (piece.length > 0) yield encoder.encode(piece);
    },
  };
}

/** A file shorter than when the scan reached it: coded CHANGED, listed for the file (never read as zeros). */
export function fileShrank(): Error {
  return Object.assign(new Error('file shrank while being read'), { code: 'CHANGED' });
}

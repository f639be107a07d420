import { closeSync, openSync, type PathLike, readSync } from 'node:fs';
import { fileShrank } from './byte-source.js';

/**
 * Bytes read at any offset, synchronously: a file on disk (worker threads may block) or bytes already in memory
 * (a member of an archive). For formats that must be read out of order (a SQLite database's pages), so that a
 * file on disk is never held in memory whole.
 */
export interface RandomAccess {
  /** Bytes available: reads stop there, so a file that grows while it is read is read as it was. */
  readonly size: number;
  /** Copies up to `into.length` bytes from `position` into `into`; fewer (0 at or past the end) at the end. */
  read(position: number, into: Uint8Array): number;
  close(): void;
}

/** Bytes already in memory. */
export function bytesRandomAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read(position, into) {
      const part = bytes.subarray(Math.min(position, bytes.length), position + into.length);
      into.set(part);
      return part.length;
    },
    close() {},
  };
}

/** Bytes read from the file at a time: neighbouring pages come from one system call. */
const WINDOW_BYTES = 256 * 1024;

/**
 * A file on disk up to the size it had when the scan reached it, read through one window of WINDOW_BYTES (the
 * only buffer it keeps). A file that shrinks while it is read is an error coded CHANGED, and a read error is
 * thrown with its code (EIO): either is listed for the file, never read as zeros.
 */
export function fileRandomAccess(path: PathLike, size: number): RandomAccess {
  const fd = openSync(path, 'r');
  const window = new Uint8Array(WINDOW_BYTES);
  let start = 0;
  let length = 0;
  let open = true;
  const fill = (position: number): void => {
    start = position - (position % WINDOW_BYTES);
    length = 0;
    const want = Math.min(WINDOW_BYTES, size - start);
    while (length < want) {
      const n = readSync(fd, window, length, want - length, start + length);
      // Shorter than when the scan reached it: the file changed under the scan (as the stream reader says).
      if (n === 0) throw fileShrank();
      length += n;
    }
  };
  return {
    size,
    read(position, into) {
      let done = 0;
      while (done < into.length && position + done < size) {
        const at = position + done;
        if (at < start || at >= start + length) {
          fill(at);
          if (at >= start + length) break;
        }
        const part = window.subarray(at - start, Math.min(length, at - start + into.length - done));
        into.set(part, done);
        done += part.length;
      }
      return done;
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

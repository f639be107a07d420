import type { Encoding } from '../../model/vocabulary.js';

export interface Sniffed {
  encoding: Encoding;
  /** Bytes to skip at the start (a byte-order mark). */
  bomLength: number;
}

/**
 * Decides how to read a stream from its first bytes: a BOM; UTF-16 without BOM by its NUL-byte pattern
 * (Windows tools write this); binary when NULs or control bytes are common; UTF-8 when the bytes decode
 * strictly; otherwise windows-1252, which never fails.
 */
export function sniffEncoding(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const n = Math.min(head.length, 8192);
  if (n === 0) return { encoding: 'utf-8', bomLength: 0 };
  let evenZeros = 0;
  let oddZeros = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.02) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenZeros > half * 0.3 && oddZeros < half * 0.02) return { encoding: 'utf-16be', bomLength: 0 };
  if (evenZeros + oddZeros > 0 || control > n * 0.1) return { encoding: 'binary', bomLength: 0 };
  return { encoding: isUtf8(head.subarray(0, n)) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  // A multi-byte character may be cut at the end of the sample: allow up to 3 trailing bytes to be incomplete.
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    try {
      strictUtf8.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

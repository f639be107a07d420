import type { ByteSource } from './byte-source.js';
import { oneByte } from './one-byte.js';
import type { Segment } from './segment.js';

/** Shortest printable run worth searching (like `strings -n 5`). */
export const MIN_RUN = 5;
/** A run still open at a chunk's end is carried into the next chunk, up to this many bytes. */
const MAX_CARRY = 1 << 16;

/**
 * Printable string runs from a binary file, 8-bit (ASCII and Latin-1 letters, as in .dbf/.mdb/.bak files)
 * and UTF-16LE (like `strings -e l`). Each run becomes one line of the segment text; a segment's line
 * numbers therefore count runs, and `byteOffset` locates the first one in the file.
 */
export async function* stringsSegments(source: ByteSource): AsyncGenerator<Segment> {
  let carry = new Uint8Array(0);
  let carryOffset = 0;
  let line = 1;
  let base = 0;
  const iterator = source.chunks()[Symbol.asyncIterator]();
  for (let next = await iterator.next(); ; ) {
    const chunk = next.done ? new Uint8Array(0) : next.value;
    const buffer = concat(carry, chunk);
    next = next.done ? next : await iterator.next();
    const final = next.done === true;
    const { runs, keepFrom } = findRuns(buffer, final);
    if (runs.length > 0) {
      const text = oneByte(runs.map((r) => r.text).join('\n'));
      yield {
        text,
        base,
        acceptFrom: 0,
        acceptUntil: text.length,
        line,
        column: 1,
        byteOffset: carryOffset + (runs[0]?.at ?? 0),
      };
      line += runs.length;
      base += text.length + 1;
    }
    if (final) return;
    const from = Math.max(keepFrom, buffer.length - MAX_CARRY);
    carry = buffer.slice(from);
    carryOffset += from;
  }
}

/**
 * The printable runs of bytes held whole (a legacy Office file), each its own paragraph: a run of Word text
 * keeps its own paragraphs, and two unrelated runs never read as one record.
 */
export function stringsText(bytes: Uint8Array): string {
  return findRuns(bytes, true)
    .runs.map((r) => r.text)
    .join('\n\n');
}

interface Run {
  at: number;
  text: string;
}

// Legacy Word ends paragraphs with CR and breaks lines with VT: inside a run they become line ends, so a
// letter in a .doc keeps its paragraphs (its records) instead of falling apart into unrelated runs.
const CR = 0x0d;
const VT = 0x0b;

function isPrintable(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || b === 0x09 || b === CR || b === VT || b >= 0xa0;
}

/** A run's text with Word's CR and VT as newlines. */
function runText(raw: string): string {
  return raw.replace(/[\r\v]/g, '\n');
}

const latin1 = new TextDecoder('windows-1252');

/** Runs fully inside `buf`; `keepFrom` is where a run that may continue in the next chunk starts. */
function findRuns(buf: Uint8Array, final: boolean): { runs: Run[]; keepFrom: number } {
  const runs: Run[] = [];
  let keepFrom = buf.length;
  // 8-bit runs
  let start = -1;
  for (let i = 0; i <= buf.length; i++) {
    const ok = i < buf.length && isPrintable(buf[i] as number);
    if (ok && start < 0) start = i;
    else if (!ok && start >= 0) {
      if (i === buf.length && !final) keepFrom = Math.min(keepFrom, start);
      else if (i - start >= MIN_RUN)
        runs.push({ at: start, text: runText(latin1.decode(buf.subarray(start, i))) });
      start = -1;
    }
  }
  // UTF-16LE runs: a printable ASCII byte followed by NUL, repeated.
  let s16 = -1;
  const close16 = (from: number, to: number): void => {
    if ((to - from) / 2 < MIN_RUN) return;
    let text = '';
    for (let k = from; k < to; k += 2) text += String.fromCharCode(buf[k] as number);
    runs.push({ at: from, text: runText(text) });
  };
  for (let i = 0; i < buf.length; ) {
    if (i + 1 >= buf.length && !final) {
      if (s16 >= 0) keepFrom = Math.min(keepFrom, s16);
      s16 = -1;
      break;
    }
    const b = buf[i] as number;
    if (buf[i + 1] === 0 && ((b >= 0x20 && b < 0x7f) || b === CR || b === VT)) {
      if (s16 < 0) s16 = i;
      i += 2;
      continue;
    }
    if (s16 >= 0) close16(s16, i);
    s16 = -1;
    i++;
  }
  if (s16 >= 0) {
    if (final) close16(s16, buf.length - ((buf.length - s16) % 2));
    else keepFrom = Math.min(keepFrom, s16);
  }
  runs.sort((a, b) => a.at - b.at);
  return { runs: runs.filter((r) => r.at < keepFrom), keepFrom };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

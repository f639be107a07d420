import { bufferSource } from '../byte-source.js';
import type { Part } from './types.js';

/**
 * An mbox file: messages separated by `From ` lines (at the start of the file, or after a blank line). Each
 * message, without its separator line and with mboxrd `>From ` quoting undone, is a member `message-N`, which
 * sniffs as a mail message and is scanned as one.
 */
export async function* mboxParts(bytes: Uint8Array, _path: string): AsyncGenerator<Part> {
  let n = 0;
  for (const message of mboxMessages(bytes)) {
    yield { kind: 'member', name: `message-${++n}`, source: bufferSource(message) };
  }
}

const LF = 0x0a;
const CR = 0x0d;
const FROM_ = Buffer.from('From ', 'latin1');

/** The messages of an mbox, as views of its bytes (a copy only where `>From ` quoting is undone). */
export function* mboxMessages(bytes: Uint8Array): Generator<Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let start = 0; start < buf.length; ) {
    const next = nextSeparator(buf, start);
    const message = unquoteFrom(messageBody(buf.subarray(start, next)));
    if (message.some((b) => b !== LF && b !== CR && b !== 0x20 && b !== 0x09)) yield message;
    start = next;
  }
}

/** The offset of the next `From ` line that follows a blank line, or the end of the buffer. */
function nextSeparator(buf: Buffer, from: number): number {
  for (let i = buf.indexOf('\nFrom ', from, 'latin1'); i >= 0; i = buf.indexOf('\nFrom ', i + 1, 'latin1')) {
    const before = buf[i - 1] === CR ? i - 2 : i - 1;
    if (before >= 0 && buf[before] === LF) return i + 1;
  }
  return buf.length;
}

/** A message without its `From ` separator line and without the blank line that ends it in the mbox. */
function messageBody(chunk: Buffer): Buffer {
  let body = chunk;
  if (chunk.subarray(0, 5).equals(FROM_)) {
    const eol = chunk.indexOf(LF);
    body = eol < 0 ? chunk.subarray(chunk.length) : chunk.subarray(eol + 1);
  }
  let end = body.length;
  if (body[end - 1] === LF) end--;
  if (body[end - 1] === CR) end--;
  return body.subarray(0, end);
}

/** mboxrd quotes body lines matching `>*From ` with one more `>`: remove one. */
function unquoteFrom(message: Buffer): Buffer {
  if (message.indexOf('>From ', 0, 'latin1') < 0) return message;
  const lines: Buffer[] = [];
  let lineStart = 0;
  while (lineStart < message.length) {
    let eol = message.indexOf(LF, lineStart);
    eol = eol < 0 ? message.length : eol + 1;
    const line = message.subarray(lineStart, eol);
    let q = 0;
    while (line[q] === 0x3e) q++;
    lines.push(q > 0 && line.subarray(q, q + 5).equals(FROM_) ? line.subarray(1) : line);
    lineStart = eol;
  }
  return Buffer.concat(lines);
}

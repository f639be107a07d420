import type { Encoding } from '../../model/vocabulary.js';
import type { ByteSource } from './byte-source.js';
import { asciiText, oneByte, utf8Tail } from './one-byte.js';
import type { Segment } from './segment.js';

/** Characters handed to detection at a time (plus overlap); bounds memory whatever the file size. */
export const SEGMENT_CHARS = 1 << 18;
/** Text kept before each segment so context words and \b see across the boundary. */
export const LEAD_CHARS = 256;
/** Within a line longer than a segment, matches starting this close to the end wait for the next one. */
export const OVERLAP_CHARS = 4096;

export interface DecodeState {
  /** The encoding actually used: a UTF-8 stream that proves invalid part-way switches to windows-1252. */
  encoding: Encoding;
}

/**
 * Decodes a byte stream into overlapping segments. Segments end at a line break where one is near, so
 * records are not split; a very long line is cut with OVERLAP_CHARS of overlap instead.
 */
export async function* textSegments(
  source: ByteSource,
  state: DecodeState,
  bomLength: number,
): AsyncGenerator<Segment> {
  let decoder = new TextDecoder(state.encoding, { fatal: state.encoding === 'utf-8' });
  let pending = '';
  let pendingBase = 0;
  let lead = '';
  let line = 1;
  let column = 1;
  let skip = bomLength;
  // The start of a UTF-8 character cut at the end of the last chunk, which the decoder holds.
  let held: Uint8Array | null = null;

  const emit = (final: boolean): Segment | null => {
    if (pending.length === 0) return null;
    let emitLen = pending.length;
    let lookahead = 0;
    if (!final) {
      // At most SEGMENT_CHARS, ending at a line break in its second half; a longer line is cut, with overlap.
      const cut = pending.lastIndexOf('\n', SEGMENT_CHARS - 1);
      if (cut >= SEGMENT_CHARS / 2) {
        emitLen = cut + 1;
        // The text after the cut, as context for the last line's values (a word on the next line), as the
        // lead is for the first line's; matches there are the next segment's.
        lookahead = LEAD_CHARS;
      } else {
        emitLen = SEGMENT_CHARS;
        lookahead = OVERLAP_CHARS;
      }
    }
    const text = lead + pending.slice(0, emitLen + lookahead);
    const segment: Segment = {
      text,
      base: pendingBase - lead.length,
      acceptFrom: lead.length,
      acceptUntil: lead.length + emitLen,
      line,
      column,
    };
    const emitted = pending.slice(0, emitLen);
    let nl = emitted.indexOf('\n');
    let lastNl = -1;
    while (nl !== -1) {
      line++;
      lastNl = nl;
      nl = emitted.indexOf('\n', nl + 1);
    }
    column = lastNl === -1 ? column + emitted.length : emitted.length - lastNl;
    lead = (lead + emitted).slice(-LEAD_CHARS);
    pending = pending.slice(emitLen);
    pendingBase += emitLen;
    return segment;
  };

  for await (const chunk of source.chunks()) {
    let bytes = chunk;
    if (skip > 0) {
      const n = Math.min(skip, bytes.length);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    // ASCII reads the same in UTF-8 and windows-1252, and needs no decoder (see one-byte.ts).
    const ascii = byteWise(state.encoding) && held === null ? asciiText(bytes) : null;
    let decoded: string;
    if (ascii !== null) decoded = ascii;
    else {
      try {
        decoded = decoder.decode(bytes, { stream: true });
        held = state.encoding === 'utf-8' ? heldTail(bytes) : null;
      } catch {
        // Not UTF-8 after all (a latin-1 name deep in a file): the rest is read as windows-1252, from the
        // bytes the UTF-8 decoder was holding on.
        state.encoding = 'windows-1252';
        decoder = new TextDecoder('windows-1252');
        decoded = decoder.decode(held ? Buffer.concat([held, bytes]) : bytes, { stream: true });
        held = null;
      }
      decoded = oneByte(decoded);
    }
    pending += decoded;
    while (pending.length >= SEGMENT_CHARS + OVERLAP_CHARS) {
      const segment = emit(false);
      if (segment) yield segment;
    }
  }
  pending += oneByte(decoder.decode());
  const last = emit(true);
  if (last) yield last;
}

function byteWise(encoding: DecodeState['encoding']): boolean {
  return encoding === 'utf-8' || encoding === 'windows-1252';
}

/** The bytes of a character cut at the end of `bytes` (a copy: the chunk's buffer may be reused), or null. */
function heldTail(bytes: Uint8Array): Uint8Array | null {
  const n = utf8Tail(bytes);
  return n === 0 ? null : bytes.slice(bytes.length - n);
}

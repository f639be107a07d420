import type { Encoding } from '../../model/vocabulary.js';
import type { ByteSource } from './byte-source.js';
import type { Segment } from './segment.js';

/** Characters handed to detection at a time (plus overlap); bounds memory whatever the file size. */
export const SEGMENT_CHARS = 1 << 20;
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

  const emit = (final: boolean): Segment | null => {
    if (pending.length === 0) return null;
    let emitLen = pending.length;
    let lookahead = 0;
    if (!final) {
      const cut = pending.lastIndexOf('\n');
      if (cut >= pending.length / 2) emitLen = cut + 1;
      else {
        emitLen = pending.length - OVERLAP_CHARS;
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
    let decoded: string;
    try {
      decoded = decoder.decode(bytes, { stream: true });
    } catch {
      // Not UTF-8 after all (a latin-1 name deep in a file): the rest is read as windows-1252.
      state.encoding = 'windows-1252';
      decoder = new TextDecoder('windows-1252');
      decoded = decoder.decode(bytes, { stream: true });
    }
    pending += decoded;
    while (pending.length >= SEGMENT_CHARS + OVERLAP_CHARS) {
      const segment = emit(false);
      if (segment) yield segment;
    }
  }
  pending += decoder.decode();
  const last = emit(true);
  if (last) yield last;
}

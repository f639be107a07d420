import { isAscii } from 'node:buffer';

// V8 keeps a string at one byte per character when every character fits in one, and its regexes run several
// times faster over such strings (the Unicode-property patterns of names and addresses about ten times).
// TextDecoder always returns two bytes per character, even for ASCII: decoded text goes through here first.

/** Any character past Latin-1: the string cannot be held at one byte per character. */
const WIDE = /[\u0100-\uffff]/;

/** The same text, one byte per character where every character fits (else `text` itself). */
export function oneByte(text: string): string {
  if (text.length < 64 || WIDE.test(text)) return text;
  return Buffer.from(text, 'latin1').toString('latin1');
}

/** ASCII bytes as text (one byte per character, and faster than a TextDecoder); null when not all ASCII. */
export function asciiText(bytes: Uint8Array): string | null {
  if (!isAscii(bytes)) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * How many bytes at the end of `bytes` begin a UTF-8 character that the next chunk completes (0 when the
 * last character is whole; a streaming decoder holds these bytes).
 */
export function utf8Tail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1, after = 0; i >= 0 && after < 4; i--, after++) {
    const b = bytes[i] as number;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return after + 1 < length ? after + 1 : 0;
    }
  }
  // Continuation bytes only: in a chunk this short they may end a character begun in the chunk before, so
  // the decoder may still be holding on; otherwise they are not UTF-8, which the decoder has already said.
  return bytes.length < 4 ? bytes.length : 0;
}

// Paths, excerpts and error details come from the scanned files, so an attacker chooses them. Printed raw,
// a file name holding ESC sequences could recolour, move the cursor, rewrite earlier lines or set the window
// title; bidi overrides could make one path read as another. Each such character is printed as an escape.

/** Category Cc: C0 controls (ESC among them), DEL, C1 controls (0x9b is a one-byte CSI to some terminals). */
const CONTROL = /\p{Cc}/gu;
/** Bidi embeddings/overrides/isolates, and the Unicode line and paragraph separators. */
const INVISIBLE_LAYOUT = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control and layout characters with `\xNN` / `\uNNNN` escapes: the text prints inert. */
export function sanitize(text: string): string {
  return sanitizeKeeping(text, '');
}

/** As sanitize, but leaves the given control characters as they are (a format that quotes them as data). */
export function sanitizeKeeping(text: string, keep: string): string {
  return text
    .replace(CONTROL, (c) => (keep.includes(c) ? c : `\\x${hex(c, 2)}`))
    .replace(INVISIBLE_LAYOUT, (c) => `\\u${hex(c, 4)}`);
}

function hex(c: string, width: number): string {
  return (c.codePointAt(0) ?? 0).toString(16).padStart(width, '0');
}

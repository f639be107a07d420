import type { TextEncoding } from './sqlite-pager.js';
import { LargeValue, type SqliteValue } from './sqlite-record.js';

/*
 * A table's rows as CSV, the text the scanner reads: RFC 4180 quoting, NULL empty, integers with every digit,
 * REAL as JavaScript writes a number, a blob as its text when it is UTF-8 text and left out otherwise. A line
 * break inside a value becomes a space: the scanner reads a table one line per record, and a record split over
 * lines would lose its column context.
 */

/** One CSV record of values held in memory (a row without large values, a header of column names). */
export function csvLine(values: readonly SqliteValue[]): string {
  return values.map(csvField).join(',');
}

/** One CSV record, written in pieces: a large value is streamed from its pages, never held whole. */
export function* csvPieces(values: readonly SqliteValue[], encoding: TextEncoding): Generator<string> {
  for (let i = 0; i < values.length; i++) {
    if (i > 0) yield ',';
    const value = values[i] as SqliteValue;
    if (value instanceof LargeValue) yield* largeField(value, encoding);
    else yield csvField(value);
  }
}

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
const QUOTED = /[",]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: binary detection
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function csvField(value: SqliteValue): string {
  if (value === null) return '';
  let text: string;
  if (value instanceof Uint8Array) text = blobText(value);
  else text = String(value);
  text = text.replace(LINE_BREAKS, ' ');
  return QUOTED.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A blob holding UTF-8 text is read as that text; other blobs (images, serialised objects) are left out. */
function blobText(blob: Uint8Array): string {
  try {
    const text = UTF8.decode(blob);
    return CONTROL.test(text) ? '' : text;
  } catch {
    return '';
  }
}

/**
 * A large text or blob as the same field csvField would write, read from its pages twice: once to learn
 * whether it is quoted (and, for a blob, whether it is text at all), once to write it.
 */
function* largeField(value: LargeValue, encoding: TextEncoding): Generator<string> {
  const blob = value.type === 'blob';
  const label = blob ? 'utf-8' : encoding;
  let quote = false;
  try {
    for (const text of pieces(value, new TextDecoder(label, { fatal: blob }))) {
      if (blob && CONTROL.test(text)) return;
      quote ||= QUOTED.test(text);
    }
  } catch (e) {
    if (e instanceof TypeError) return; // a blob that is not UTF-8: left out
    throw e;
  }
  if (quote) yield '"';
  // A CR at the end of one piece may pair with an LF at the start of the next: held back until then.
  let carry = '';
  for (const decoded of pieces(value, new TextDecoder(label))) {
    let text = carry + decoded;
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry !== '') text = text.slice(0, -1);
    text = text.replace(LINE_BREAKS, ' ');
    yield quote ? text.replaceAll('"', '""') : text;
  }
  if (carry !== '') yield ' ';
  if (quote) yield '"';
}

/** The value's text, decoded a page at a time. */
function* pieces(value: LargeValue, decoder: InstanceType<typeof TextDecoder>): Generator<string> {
  for (const bytes of value.pieces()) yield decoder.decode(bytes, { stream: true });
  yield decoder.decode();
}

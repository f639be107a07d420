import { ByteCursor, type Payload, PayloadReader } from './sqlite-btree.js';
import { MALFORMED, type Pager, SqliteFormatError, type TextEncoding } from './sqlite-pager.js';

/** A text or blob longer than this is not read whole: it is streamed from its pages when it is written out. */
export const LARGE_VALUE_BYTES = 1 << 20;

/**
 * A value as SQLite returns it: NULL, an integer (a number when it has at most 48 bits, else a bigint, so a
 * 19-digit account number keeps every digit), a REAL, text, a blob, or a large text or blob left on its pages.
 */
export type SqliteValue = null | number | bigint | string | Uint8Array | LargeValue;

/**
 * A text or blob left on its pages (LARGE_VALUE_BYTES or more, or past what a row may hold in memory), read from
 * them as often as asked while its row is being written, never held whole.
 */
export class LargeValue {
  constructor(
    readonly type: 'text' | 'blob',
    readonly length: number,
    private readonly reader: PayloadReader,
    private readonly offset: number,
  ) {}

  /** Its bytes, a page at a time. */
  pieces(): Generator<Uint8Array> {
    return this.reader.pieces(this.offset, this.length);
  }
}

/** Bytes of a row's values read into memory at most: past it, even values under a megabyte are streamed. */
const ROW_HELD_BYTES = 8 * LARGE_VALUE_BYTES;

/** No real record header comes near this: 32,767 columns of 9-byte serial types are under 300 KB. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * A record (https://www.sqlite.org/fileformat2.html#record_format): a header of serial types, then the values.
 * An empty payload is a record of no values. Most records lie whole on their page and are read from it; one
 * that goes on to overflow pages is read through a PayloadReader.
 */
export function decodeRecord(
  pager: Pager,
  payload: Payload,
  encoding: TextEncoding,
  /** Fields wanted, from the first: as SQLite, the rest are not decoded (a record may hold thousands). */
  wanted = Number.POSITIVE_INFINITY,
): SqliteValue[] {
  const { size } = payload;
  if (size === 0) return [];
  const reader = payload.overflow === 0 ? null : new PayloadReader(pager, payload);
  const head = reader === null ? payload.local : reader.read(0, Math.min(9, size));
  const header = new ByteCursor(head, 0, head.length);
  const headerSize = header.varint();
  if (headerSize < header.pos || headerSize > size || headerSize > MAX_HEADER_BYTES) {
    throw new SqliteFormatError(MALFORMED);
  }
  if (reader !== null) header.reset(reader.read(0, headerSize));
  header.end = headerSize;
  const values: SqliteValue[] = [];
  let offset = headerSize;
  let held = 0;
  while (header.pos < headerSize && values.length < wanted) {
    const type = header.varint();
    const length = serialLength(type);
    if (offset + length > size) throw new SqliteFormatError(MALFORMED);
    if (reader === null) values.push(valueAt(payload.local, offset, type, length, encoding));
    else if (type >= 12 && (length >= LARGE_VALUE_BYTES || held + length > ROW_HELD_BYTES)) {
      values.push(largeValue(reader, type, offset, length, encoding));
    } else {
      values.push(valueAt(reader.read(offset, length), 0, type, length, encoding));
      held += length;
    }
    offset += length;
  }
  return values;
}

const INT_BYTES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];

function serialLength(type: number): number {
  if (type < 10) return INT_BYTES[type] as number;
  if (type < 12) throw new SqliteFormatError(MALFORMED);
  return Math.floor((type - 12) / 2);
}

function largeValue(
  reader: PayloadReader,
  type: number,
  offset: number,
  length: number,
  encoding: TextEncoding,
): LargeValue {
  const text = type % 2 === 1;
  // Text in UTF-16 is read in whole code units, as SQLite reads it.
  const usable = text && encoding !== 'utf-8' ? length - (length % 2) : length;
  return new LargeValue(text ? 'text' : 'blob', usable, reader, offset);
}

const scratch = new DataView(new ArrayBuffer(8));

/** The value of serial type `type` whose `length` bytes start at `at` of `bytes`. */
function valueAt(
  bytes: Uint8Array,
  at: number,
  type: number,
  length: number,
  encoding: TextEncoding,
): SqliteValue {
  if (type >= 12) {
    const value = bytes.subarray(at, at + length);
    return type % 2 === 1 ? decodeText(value, encoding) : value;
  }
  if (type === 0) return null;
  if (type === 8) return 0;
  if (type === 9) return 1;
  if (type >= 6) {
    for (let i = 0; i < 8; i++) scratch.setUint8(i, bytes[at + i] as number);
    return type === 7 ? scratch.getFloat64(0) : scratch.getBigInt64(0);
  }
  // 1, 2, 3, 4 or 6 bytes, big-endian two's complement: exact as a number.
  const first = bytes[at] as number;
  let value = first > 127 ? first - 256 : first;
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[at + i] as number);
  return value;
}

/**
 * Decoders as sql.js's: not fatal (a byte that is not UTF-8 becomes U+FFFD) and a leading byte-order mark
 * dropped. SQLite hands UTF-16 text over as UTF-8; an unpaired surrogate, which SQLite pairs blindly with the
 * next code unit, becomes U+FFFD here: the one way text read here can differ from SQLite's.
 */
const DECODERS: Record<TextEncoding, InstanceType<typeof TextDecoder>> = {
  'utf-8': new TextDecoder('utf-8'),
  'utf-16le': new TextDecoder('utf-16le'),
  'utf-16be': new TextDecoder('utf-16be'),
};

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return DECODERS['utf-8'].decode(bytes);
  return DECODERS[encoding].decode(bytes.length % 2 === 0 ? bytes : bytes.subarray(0, bytes.length - 1));
}

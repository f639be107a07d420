/**
 * BIFF8, the record stream inside a legacy Excel workbook (the `Workbook` stream of its Compound File):
 * records of a 2-byte type, a 2-byte length and up to 8,224 bytes of data, with CONTINUE records carrying
 * what did not fit. These helpers walk records and read the strings that may straddle them.
 */

export const RECORD = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  BOUNDSHEET: 0x0085,
  MULRK: 0x00bd,
  XF: 0x00e0,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  TXO: 0x01b6,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
} as const;

/** A record's type and where its data lies in the stream. */
export interface BiffRecord {
  type: number;
  /** Offset of the record header. */
  at: number;
  data: Uint8Array;
}

/** A record stream that ends inside a record, or a string that runs past its records. */
export class BiffError extends Error {}

/** The record at `at`, or null at the end of the stream. */
export function recordAt(stream: Uint8Array, at: number): BiffRecord | null {
  if (at + 4 > stream.length) return null;
  const type = (stream[at] as number) | ((stream[at + 1] as number) << 8);
  const size = (stream[at + 2] as number) | ((stream[at + 3] as number) << 8);
  if (at + 4 + size > stream.length)
    throw new BiffError(`record 0x${type.toString(16)} runs past the stream`);
  return { type, at, data: stream.subarray(at + 4, at + 4 + size) };
}

/** Records from `at` to the end of the stream. */
export function* records(stream: Uint8Array, at = 0): Generator<BiffRecord> {
  for (let r = recordAt(stream, at); r; r = recordAt(stream, r.at + 4 + r.data.length)) yield r;
}

/** The data of the CONTINUE records that follow `record`, in order. */
export function continuations(stream: Uint8Array, record: BiffRecord): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let next = recordAt(stream, record.at + 4 + record.data.length);
  while (next?.type === RECORD.CONTINUE) {
    parts.push(next.data);
    next = recordAt(stream, next.at + 4 + next.data.length);
  }
  return parts;
}

export function u16(data: Uint8Array, at: number): number {
  if (at + 2 > data.length) throw new BiffError('a record is too short');
  return (data[at] as number) | ((data[at + 1] as number) << 8);
}

export function u32(data: Uint8Array, at: number): number {
  if (at + 4 > data.length) throw new BiffError('a record is too short');
  return u16(data, at) + u16(data, at + 2) * 0x10000;
}

/** A little-endian IEEE double. */
export function f64(data: Uint8Array, at: number): number {
  if (at + 8 > data.length) throw new BiffError('a record is too short');
  return new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);
}

/**
 * An RK number: a 30-bit integer or the top 30 bits of a double, possibly hundredths (bit 0), as Excel
 * stores small whole numbers and money without a full NUMBER record.
 */
export function rkNumber(rk: number): number {
  let n: number;
  if (rk & 0x02) n = rk >> 2;
  else {
    const bytes = new DataView(new ArrayBuffer(8));
    bytes.setUint32(4, rk & 0xfffffffc, true);
    n = bytes.getFloat64(0, true);
  }
  return rk & 0x01 ? n / 100 : n;
}

/**
 * Record data read as one run of bytes across CONTINUE records. A string's characters are the exception:
 * where they cross into a CONTINUE, its first byte says again whether they are 8-bit (Latin-1, the high
 * byte left out) or 16-bit.
 */
export class ContinuedReader {
  private part = 0;
  private pos: number;

  constructor(
    private readonly parts: readonly Uint8Array[],
    start = 0,
  ) {
    this.pos = start;
  }

  /** Steps to the next part when this one is read to its end; false past the last. */
  private ready(): boolean {
    while (this.pos >= (this.parts[this.part]?.length ?? 0)) {
      if (this.part + 1 >= this.parts.length) return false;
      this.pos -= this.parts[this.part]?.length ?? 0;
      this.part++;
    }
    return true;
  }

  u8(): number {
    if (!this.ready()) throw new BiffError('a string runs past its records');
    return (this.parts[this.part] as Uint8Array)[this.pos++] as number;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(bytes: number): void {
    this.pos += bytes;
    if (!this.ready() && this.pos > (this.parts[this.part]?.length ?? 0)) {
      throw new BiffError('a string runs past its records');
    }
  }

  /** `count` characters, 16-bit when `wide`, re-reading the width at each CONTINUE they cross into. */
  chars(count: number, wide: boolean): string {
    let out = '';
    let left = count;
    while (left > 0) {
      const data = this.parts[this.part];
      if (data === undefined || this.pos >= data.length) {
        if (this.part + 1 >= this.parts.length) throw new BiffError('a string runs past its records');
        this.part++;
        this.pos = 0;
        wide = (this.u8() & 0x01) !== 0;
        continue;
      }
      const width = wide ? 2 : 1;
      const n = Math.min(left, Math.floor((data.length - this.pos) / width));
      if (n === 0) throw new BiffError('a character is split between records');
      const bytes = data.subarray(this.pos, this.pos + n * width);
      out += wide ? Buffer.from(bytes).toString('utf16le') : Buffer.from(bytes).toString('latin1');
      this.pos += n * width;
      left -= n;
    }
    return out;
  }

  /**
   * An XLUnicodeRichExtendedString (a shared string, a LABEL, a cached formula string): 2-byte length, flags,
   * the rich-text run count and phonetic block size when flagged, the characters, then runs and block skipped.
   */
  unicodeString(): string {
    const count = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const extended = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 0x01) !== 0);
    if (runs > 0 || extended > 0) this.skip(runs * 4 + extended);
    return text;
  }
}

/** A string held in one record's data from `at`: 1- or 2-byte length, flags, characters. */
export function recordString(data: Uint8Array, at: number, lengthBytes: 1 | 2): string {
  const count = lengthBytes === 1 ? (data[at] ?? 0) : u16(data, at);
  const reader = new ContinuedReader([data], at + lengthBytes);
  const flags = reader.u8();
  return reader.chars(count, (flags & 0x01) !== 0);
}

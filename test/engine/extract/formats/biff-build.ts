// Builders for minimal BIFF8 workbooks (only the records a reader needs) in a Compound File written by cfb.
// Test code only.
import { utils, write } from 'cfb';
import { RECORD } from '../../../../src/engine/extract/formats/biff-records.js';

/** The record types, as the reader knows them. */
export const R = RECORD;

export function record(type: number, ...data: (Buffer | number[])[]): Buffer {
  const body = Buffer.concat(data.map((d) => Buffer.from(d)));
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}

export const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
export const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
export const f64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  return b;
};

/** A string's characters, 8-bit (flags 0) or UTF-16LE (flags 1). */
export function chars(text: string, wide: boolean): Buffer {
  return Buffer.from(text, wide ? 'utf16le' : 'latin1');
}

/** XLUnicodeString: 2-byte length, flags, characters. */
export function xlString(text: string, wide = false): Buffer {
  return Buffer.concat([u16(text.length), Buffer.from([wide ? 1 : 0]), chars(text, wide)]);
}

export const bof = (dt: number, version = 0x0600): Buffer =>
  record(R.BOF, u16(version), u16(dt), Buffer.alloc(12));
export const eof = (): Buffer => record(R.EOF);
/** A cell record's row, column and XF index. */
export const cell = (row: number, col: number, xf = 0): Buffer =>
  Buffer.concat([u16(row), u16(col), u16(xf)]);
/** An RK value holding a whole number (bit 1), optionally hundredths (bit 0). */
export const rkInt = (n: number, hundredths = false): Buffer =>
  u32(((n << 2) | 2 | (hundredths ? 1 : 0)) >>> 0);

/** A note or text box: a TXO record, its 8-bit text in a CONTINUE, then its formatting runs. */
export const txo = (text: string): Buffer[] => [
  record(R.TXO, u16(0x0212), Buffer.alloc(8), u16(text.length), u16(16), Buffer.alloc(4)),
  record(R.CONTINUE, [0], chars(text, false)),
  record(R.CONTINUE, Buffer.alloc(16)),
];

/** An SST of one 8-bit string, its characters carried on in CONTINUE records of 8,000. */
export function sharedString(text: string): Buffer[] {
  const sst = [record(R.SST, u32(1), u32(1), u16(text.length), [0], chars(text.slice(0, 8000), false))];
  for (let p = 8000; p < text.length; p += 8000)
    sst.push(record(R.CONTINUE, [0], chars(text.slice(p, p + 8000), false)));
  return sst;
}

/**
 * A workbook stream: globals (`globals` records, then a BOUNDSHEET per sheet) and each sheet's substream,
 * with the BOUNDSHEET offsets filled in.
 */
export function workbook(globals: Buffer[], sheets: { name: string; records: Buffer[] }[]): Buffer {
  const sheetRecord = (name: string, at: number) =>
    record(R.BOUNDSHEET, u32(at), [0, 0], [name.length, 0], chars(name, false));
  const head = [bof(0x0005), ...globals];
  let at = Buffer.concat(head).length;
  at += sheets.reduce((n, s) => n + sheetRecord(s.name, 0).length, 0) + eof().length;
  const bounds: Buffer[] = [];
  const bodies: Buffer[] = [];
  for (const s of sheets) {
    bounds.push(sheetRecord(s.name, at));
    const body = Buffer.concat([bof(0x0010), ...s.records, eof()]);
    bodies.push(body);
    at += body.length;
  }
  return Buffer.concat([...head, ...bounds, eof(), ...bodies]);
}

/** A Compound File holding the given streams (`Workbook`, `MBD0001/Package`). */
export function compoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const container = utils.cfb_new();
  for (const [name, content] of Object.entries(streams))
    utils.cfb_add(container, `/${name}`, Buffer.from(content));
  return Uint8Array.from(write(container, { type: 'buffer' }) as Buffer);
}

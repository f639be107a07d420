import type { RandomAccess } from '../random-access.js';

/**
 * Why a SQLite file cannot be read, in fixed wording (never a value or an identifier from the file): the
 * extractor turns it into a CORRUPT error at the database or at the table it stopped.
 */
export class SqliteFormatError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'SqliteFormatError';
  }
}

export const MALFORMED = 'database disk image is malformed';
export const TRUNCATED = 'SQLite database is truncated';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The 100-byte database header: what reading the pages needs (https://www.sqlite.org/fileformat2.html). */
export interface SqliteHeader {
  pageSize: number;
  /** Page size less the bytes each page reserves at its end (for extensions, e.g. checksums). */
  usableSize: number;
  encoding: TextEncoding;
  /** Pages the header declares: trusted only when its version-valid-for number matches its change counter. */
  declaredPages: number;
  trusted: boolean;
}

export function readHeader(file: RandomAccess): SqliteHeader {
  const bytes = new Uint8Array(100);
  if (file.read(0, bytes) < 100) throw new SqliteFormatError(MALFORMED);
  const view = new DataView(bytes.buffer);
  const raw = view.getUint16(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const usableSize = pageSize - (bytes[20] as number);
  // SQLite refuses these too: a page size that is not a power of two from 512, payload fractions other than
  // 64/32/32, a read version it does not know, fewer than 480 usable bytes a page.
  if (
    pageSize < 512 ||
    (pageSize & (pageSize - 1)) !== 0 ||
    bytes[21] !== 64 ||
    bytes[22] !== 32 ||
    bytes[23] !== 32 ||
    (bytes[19] as number) > 2 ||
    usableSize < 480
  ) {
    throw new SqliteFormatError('SQLite header not understood, encrypted or damaged');
  }
  // As SQLite: the encoding's low two bits, 0 (a database never written to) read as UTF-8.
  const code = view.getUint32(56) & 3;
  const encoding: TextEncoding = code === 2 ? 'utf-16le' : code === 3 ? 'utf-16be' : 'utf-8';
  const declaredPages = view.getUint32(28);
  const trusted = declaredPages > 0 && view.getUint32(24) === view.getUint32(92);
  return { pageSize, usableSize, encoding, declaredPages, trusted };
}

/**
 * Pages on demand from a database's bytes (a file on disk or memory): nothing but the page asked for is held, so
 * a database of any size is read in the memory of a few pages. Every b-tree and overflow page can be claimed
 * once: a page reached a second time (a cycle, or two trees sharing a page) is corruption, never a loop.
 */
export class Pager {
  readonly header: SqliteHeader;
  /** Pages readable: the header's count when it is trusted (SQLite's rule), else as many as the file holds. */
  readonly pageCount: number;
  /** The file holds fewer pages than its trusted header declares. */
  readonly truncated: boolean;
  private readonly claimed: Uint8Array;

  constructor(private readonly file: RandomAccess) {
    this.header = readHeader(file);
    const inFile = Math.ceil(file.size / this.header.pageSize);
    this.pageCount = this.header.trusted ? this.header.declaredPages : inFile;
    this.truncated = this.header.trusted && file.size < this.header.declaredPages * this.header.pageSize;
    // Only pages the file holds can be read, so the bitmap is bounded by the file, not by the header's claim.
    this.claimed = new Uint8Array((Math.min(this.pageCount, inFile) >> 3) + 1);
  }

  /**
   * Page `n` (from 1), copied: a page the file holds only in part (cut short) is filled with zeros as SQLite
   * fills it; one past the end, or past the page count, is corruption.
   */
  page(n: number): Uint8Array {
    const { pageSize } = this.header;
    if (!Number.isInteger(n) || n < 1 || n > this.pageCount) throw new SqliteFormatError(MALFORMED);
    const bytes = new Uint8Array(pageSize);
    if (this.file.read((n - 1) * pageSize, bytes) === 0) {
      throw new SqliteFormatError(this.truncated ? TRUNCATED : MALFORMED);
    }
    return bytes;
  }

  /** Reads `into.length` bytes at `offset` of page `n` (an overflow page's next-page number). */
  readAt(n: number, offset: number, into: Uint8Array): void {
    if (n < 1 || n > this.pageCount) throw new SqliteFormatError(MALFORMED);
    into.fill(0);
    this.file.read((n - 1) * this.header.pageSize + offset, into);
  }

  /** Marks page `n` as used by the structure being read; a page used twice is corruption. */
  claim(n: number): void {
    const byte = n >> 3;
    const bit = 1 << (n & 7);
    const seen = this.claimed[byte];
    if (seen === undefined) throw new SqliteFormatError(MALFORMED);
    if (seen & bit) throw new SqliteFormatError(MALFORMED);
    this.claimed[byte] = seen | bit;
  }
}

import { MALFORMED, type Pager, SqliteFormatError } from './sqlite-pager.js';

/*
 * SQLite's b-trees, read as https://www.sqlite.org/fileformat2.html describes them: a table b-tree (interior
 * pages 0x05, leaves 0x0d) holds rows by rowid, an index b-tree (0x02, 0x0a) holds keys, which for a WITHOUT
 * ROWID table are its rows. Every check fails with MALFORMED rather than reading outside a page.
 */

const INDEX_INTERIOR = 0x02;
const TABLE_INTERIOR = 0x05;
const INDEX_LEAF = 0x0a;
const TABLE_LEAF = 0x0d;

/** Deeper than SQLite itself goes (its cursors stop at 20 levels): only a corrupt tree is. */
const MAX_DEPTH = 32;

/** A cell's payload: its first bytes on the b-tree page, the rest in a chain of overflow pages. */
export interface Payload {
  size: number;
  local: Uint8Array;
  /** First overflow page, 0 when the payload is all local. */
  overflow: number;
}

export interface Cell {
  /** The row's rowid (table b-trees); an index entry has none. */
  rowid: number | bigint;
  payload: Payload;
}

/** A varint (1–9 bytes, big-endian, 7 bits a byte and 8 in the ninth) read from a page. */
export class ByteCursor {
  constructor(
    public bytes: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  /** The same position in other bytes (the same bytes read from their overflow pages). */
  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.end = bytes.length;
  }

  /** The varint as a number: exact up to 2^53, which every size and serial type within a page is. */
  varint(): number {
    let value = 0;
    for (let i = 0; i < 8; i++) {
      const c = this.byte();
      value = value * 128 + (c & 0x7f);
      if (c < 0x80) return value;
    }
    return value * 256 + this.byte();
  }

  /** The varint as a signed 64-bit integer (a rowid): a number when it is small, else a bigint. */
  signedVarint(): number | bigint {
    const start = this.pos;
    const value = this.varint();
    if (this.pos - start <= 7) return value;
    let big = 0n;
    for (let i = start; i < start + 8; i++) big = (big << 7n) | BigInt((this.bytes[i] as number) & 0x7f);
    if (this.pos - start === 9) big = (big << 8n) | BigInt(this.bytes[start + 8] as number);
    return BigInt.asIntN(64, big);
  }

  private byte(): number {
    if (this.pos >= this.end) throw new SqliteFormatError(MALFORMED);
    return this.bytes[this.pos++] as number;
  }
}

interface BtreePage {
  bytes: Uint8Array;
  type: number;
  cells: number;
  /** Where the cell pointer array starts. */
  pointers: number;
  /** Interior pages: the right-most child. */
  right: number;
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 8) | (b[at + 1] as number);
}

export function u32(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) >>> 0) + ((b[at + 1] as number) << 16) + u16(b, at + 2);
}

function readPage(pager: Pager, n: number, table: boolean): BtreePage {
  const bytes = pager.page(n);
  pager.claim(n);
  const at = n === 1 ? 100 : 0;
  const type = bytes[at] as number;
  const leaf = type === (table ? TABLE_LEAF : INDEX_LEAF);
  if (!leaf && type !== (table ? TABLE_INTERIOR : INDEX_INTERIOR)) throw new SqliteFormatError(MALFORMED);
  const cells = u16(bytes, at + 3);
  const pointers = at + (leaf ? 8 : 12);
  if (pointers + 2 * cells > pager.header.usableSize) throw new SqliteFormatError(MALFORMED);
  return { bytes, type, cells, pointers, right: leaf ? 0 : u32(bytes, at + 8) };
}

/** Offset of cell `i`, checked to lie in the page's cell content area. */
function cellOffset(page: BtreePage, i: number, usable: number): number {
  const offset = u16(page.bytes, page.pointers + 2 * i);
  if (offset < page.pointers + 2 * page.cells || offset > usable - 4) throw new SqliteFormatError(MALFORMED);
  return offset;
}

/**
 * The cells of a b-tree in key order (rowid order for a table, key order for an index), depth first with an
 * explicit stack: interior pages are held while their children are read, nothing else. An index b-tree's
 * interior cells are entries too, read between their children.
 */
export function* btreeCells(pager: Pager, root: number, table: boolean): Generator<Cell> {
  const usable = pager.header.usableSize;
  const stack: { page: BtreePage; step: number }[] = [{ page: readPage(pager, root, table), step: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { page: BtreePage; step: number };
    const { page } = frame;
    if (page.type === TABLE_LEAF || page.type === INDEX_LEAF) {
      if (frame.step < page.cells) yield leafCell(pager, page, cellOffset(page, frame.step++, usable), table);
      else stack.pop();
      continue;
    }
    // Interior: step 2i reads cell i's left child (2·cells: the right-most child), step 2i+1 cell i itself.
    const step = frame.step++;
    const i = step >> 1;
    if (i > page.cells) {
      stack.pop();
    } else if (step % 2 === 0) {
      const child = i < page.cells ? u32(page.bytes, cellOffset(page, i, usable)) : page.right;
      if (stack.length >= MAX_DEPTH) throw new SqliteFormatError(MALFORMED);
      stack.push({ page: readPage(pager, child, table), step: 0 });
    } else if (!table && i < page.cells) {
      yield indexInteriorCell(pager, page, cellOffset(page, i, usable));
    }
  }
}

function leafCell(pager: Pager, page: BtreePage, offset: number, table: boolean): Cell {
  const cursor = new ByteCursor(page.bytes, offset, pager.header.usableSize);
  const size = cursor.varint();
  const rowid = table ? cursor.signedVarint() : 0;
  return { rowid, payload: payloadAt(pager, cursor, size, table) };
}

function indexInteriorCell(pager: Pager, page: BtreePage, offset: number): Cell {
  const cursor = new ByteCursor(page.bytes, offset + 4, pager.header.usableSize);
  const size = cursor.varint();
  return { rowid: 0, payload: payloadAt(pager, cursor, size, false) };
}

/** Largest payload SQLite writes (its hard limit on a value, 2^31 − 1 bytes, plus a record header). */
const MAX_PAYLOAD = 2 ** 31 + 2 ** 20;

/**
 * The payload that starts at the cursor: how much of it stays on the page follows the file format's formula,
 * which differs for table leaves and index pages; the rest continues on overflow pages.
 */
function payloadAt(pager: Pager, cursor: ByteCursor, size: number, tableLeaf: boolean): Payload {
  const usable = pager.header.usableSize;
  if (size > MAX_PAYLOAD) throw new SqliteFormatError(MALFORMED);
  const local = localSize(size, usable, tableLeaf);
  const start = cursor.pos;
  const end = start + local + (local < size ? 4 : 0);
  if (end > usable) throw new SqliteFormatError(MALFORMED);
  const overflow = local < size ? u32(cursor.bytes, start + local) : 0;
  if (local < size && Math.ceil((size - local) / (usable - 4)) > pager.pageCount) {
    throw new SqliteFormatError(MALFORMED);
  }
  return { size, local: cursor.bytes.subarray(start, start + local), overflow };
}

export function localSize(size: number, usable: number, tableLeaf: boolean): number {
  const most = tableLeaf ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  if (size <= most) return size;
  const least = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = least + ((size - least) % (usable - 4));
  return k <= most ? k : least;
}

/**
 * Reads a payload by offset: its local bytes, then its overflow chain, walked forward and loaded only where
 * bytes are wanted (a skipped overflow page costs its 4-byte link). It may go back to the start to read a
 * large value a second time; overflow pages are claimed the first time only.
 */
export class PayloadReader {
  private segment: Uint8Array;
  private start = 0;
  private end: number;
  private page = 0;
  private next: number;
  private loaded = true;
  /** Overflow pages passed in this pass, and the most claimed in any pass. */
  private passed = 0;
  private claimed = 0;
  /**
   * The overflow pages met so far, in chain order: going back (a value read twice, the next value of a row)
   * jumps to the page that holds the offset instead of walking the chain again from its start, which made a
   * row of many large values quadratic in its pages.
   */
  private chain = new Uint32Array(16);

  constructor(
    private readonly pager: Pager,
    readonly payload: Payload,
  ) {
    this.segment = payload.local;
    this.end = payload.local.length;
    this.next = payload.overflow;
  }

  /** `length` bytes from `offset`: a view of the page when they lie on one, else a copy. */
  read(offset: number, length: number): Uint8Array {
    this.seek(offset);
    if (offset + length <= this.end)
      return this.bytes().subarray(offset - this.start, offset - this.start + length);
    const out = new Uint8Array(length);
    let done = 0;
    for (const piece of this.pieces(offset, length)) {
      out.set(piece, done);
      done += piece.length;
    }
    return out;
  }

  /** `length` bytes from `offset` as views of the pages they lie on, each valid until the next read. */
  *pieces(offset: number, length: number): Generator<Uint8Array> {
    let at = offset;
    const stop = offset + length;
    while (at < stop) {
      this.seek(at);
      const bytes = this.bytes();
      const piece = bytes.subarray(at - this.start, Math.min(stop, this.end) - this.start);
      at += piece.length;
      yield piece;
    }
  }

  private seek(offset: number): void {
    if (offset > this.payload.size) throw new SqliteFormatError(MALFORMED);
    if (offset < this.start) this.back(offset);
    while (offset >= this.end && this.end < this.payload.size) this.advance();
  }

  /** To the page holding `offset` (before the current one), known from the chain met so far. */
  private back(offset: number): void {
    const local = this.payload.local.length;
    const step = this.pager.header.usableSize - 4;
    const k = Math.floor((offset - local) / step);
    if (offset < local || k >= this.claimed) {
      this.rewind();
      return;
    }
    this.page = this.chain[k] as number;
    this.passed = k + 1;
    this.start = local + k * step;
    this.end = Math.min(this.payload.size, this.start + step);
    this.loaded = false;
    this.next = k + 1 < this.claimed ? (this.chain[k + 1] as number) : this.link(this.page);
  }

  private rewind(): void {
    this.segment = this.payload.local;
    this.start = 0;
    this.end = this.payload.local.length;
    this.page = 0;
    this.next = this.payload.overflow;
    this.loaded = true;
    this.passed = 0;
  }

  /** Moves to the next overflow page, learning its successor from its first 4 bytes. */
  private advance(): void {
    const usable = this.pager.header.usableSize;
    if (this.next === 0) throw new SqliteFormatError(MALFORMED);
    this.page = this.next;
    this.passed++;
    if (this.passed > this.claimed) {
      this.pager.claim(this.page);
      if (this.claimed === this.chain.length) {
        const more = new Uint32Array(this.chain.length * 2);
        more.set(this.chain);
        this.chain = more;
      }
      this.chain[this.claimed] = this.page;
      this.claimed = this.passed;
    }
    this.start = this.end;
    this.end = Math.min(this.payload.size, this.start + usable - 4);
    this.loaded = false;
    this.next = this.link(this.page);
  }

  /** An overflow page's first 4 bytes: the next page of the chain (0 at its end). */
  private link(page: number): number {
    const link = new Uint8Array(4);
    this.pager.readAt(page, 0, link);
    return u32(link, 0);
  }

  private bytes(): Uint8Array {
    if (!this.loaded) {
      this.segment = this.pager.page(this.page).subarray(4, 4 + this.end - this.start);
      this.loaded = true;
    }
    return this.segment;
  }
}

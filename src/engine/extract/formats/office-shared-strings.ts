import { type Extent, SealedFile } from '../../spool/sealed-file.js';
import { type CellValue, type LongText, PIECE_CHARS } from './office-text.js';
import { decodeOoxmlEscapes, escapeSafeCut, type XmlHandler } from './office-xml.js';

/**
 * A workbook's shared-strings table (`xl/sharedStrings.xml`), bounded in memory: read a chunk at a time (the
 * caller charges each to the expansion budget), its strings held in memory up to a cap, and those past the
 * cap sealed into a scratch file (SealedFile) in blocks, fetched when a cell names them. A string longer than
 * a CSV piece is never made whole: it is kept, and handed on, in pieces. Without a scratch file (none can be
 * made) every string is held, as before.
 */

/** Characters of shared strings held in memory before the rest go to the scratch file. */
export const SHARED_STRINGS_MEMORY_CHARS = 16 * 1024 * 1024;
/** What a held string costs besides its characters (its slot and header): a million empty strings count. */
const STRING_COST = 16;
/** A string longer than this is a LongText, kept in pieces of about this size. */
const LONG_CHARS = PIECE_CHARS;
/**
 * Sealed strings are written in small blocks (a cell naming a string not cached costs one block's read,
 * unsealing and parse), and the blocks last used are cached up to CACHE_CHARS, least recently used out first:
 * cells name strings in any order.
 */
const BLOCK_CHARS = 4 * 1024;
const BLOCK_STRINGS = 64;
const CACHE_CHARS = 4 * 1024 * 1024;
/** Strings held are copied out of the XML they were sliced from in batches of this many characters. */
const BATCH_CHARS = 64 * 1024;

type Sealed = { first: number; extent: Extent } | { first: number; long: LongText };

export interface SharedStringsOptions {
  /** Where a scratch file must not be named (SealedFile.open); null: none is made, every string is held. */
  roots: readonly string[] | null;
  /** Characters held in memory (default SHARED_STRINGS_MEMORY_CHARS; tests make it small). */
  memoryChars?: number;
}

export class SharedStrings {
  /** Strings 0 … held.length - 1; those after it are in `sealed`, in index order. */
  private readonly held: CellValue[] = [];
  private readonly sealed: Sealed[] = [];
  private count = 0;
  private heldCost = 0;
  /** Strings not yet copied out of their XML (held) or not yet written (sealed). */
  private batch: string[] = [];
  private batchFirst = 0;
  private batchChars = 0;
  /** Undefined until the cap is first reached; null when no scratch file could be made. */
  private file: SealedFile | null | undefined;
  /** Blocks by their first index, least recently used first. */
  private readonly cache = new Map<number, string[]>();
  private cacheChars = 0;
  private readonly memoryChars: number;

  constructor(private readonly options: SharedStringsOptions) {
    this.memoryChars = options.memoryChars ?? SHARED_STRINGS_MEMORY_CHARS;
  }

  /** The string at `index` (as a cell's `v` names it), or '' when there is none. */
  get(index: number): CellValue {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return '';
    if (index < this.held.length) return this.held[index] as CellValue;
    let lo = 0;
    let hi = this.sealed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.sealed[mid] as Sealed).first <= index) lo = mid;
      else hi = mid - 1;
    }
    const at = this.sealed[lo] as Sealed;
    if ('long' in at) return at.long;
    return this.block(at)[index - at.first] ?? '';
  }

  /** A handler that reads the part's XML into this table. */
  reader(): XmlHandler {
    return new SharedStringsReader(this);
  }

  /** Writes what is pending: every string has been added. */
  end(): void {
    this.flush();
  }

  close(): void {
    this.file?.close();
    this.cache.clear();
    this.cacheChars = 0;
  }

  add(text: string): void {
    this.pend(text, this.holding(text.length + STRING_COST) ? BATCH_CHARS : BLOCK_CHARS);
  }

  addLong(long: LongText): void {
    this.flush();
    if (this.sealing()) this.sealed.push({ first: this.count, long });
    else this.held.push(long);
    this.count++;
  }

  /** Keeps one piece of a long string: in memory while there is room, sealed after. */
  keepPiece(piece: string): string | Extent {
    return this.holding(piece.length) ? piece : (this.file as SealedFile).append(piece);
  }

  read(extent: Extent): string {
    return (this.file as SealedFile).read(extent);
  }

  /** True while strings (this many characters more) are held; false once they go to the scratch file. */
  private holding(cost: number): boolean {
    if (this.file === undefined && this.heldCost + cost > this.memoryChars) {
      this.flush();
      this.file = this.options.roots && SealedFile.open(this.options.roots);
    }
    if (this.sealing()) return false;
    this.heldCost += cost;
    return true;
  }

  private sealing(): boolean {
    return this.file !== undefined && this.file !== null;
  }

  private pend(text: string, chars: number): void {
    if (this.batch.length === 0) this.batchFirst = this.count;
    this.batch.push(text);
    this.batchChars += text.length;
    this.count++;
    if (this.batchChars >= chars || this.batch.length >= BLOCK_STRINGS) this.flush();
  }

  /**
   * Held strings: copied out of the decoded XML they were sliced from, which each would otherwise keep alive
   * whole (one join, then slices of it). Sealed ones: written as one record.
   */
  private flush(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.batchChars = 0;
    if (this.sealing()) {
      const extent = (this.file as SealedFile).append(JSON.stringify(batch));
      this.sealed.push({ first: this.batchFirst, extent });
      return;
    }
    const joined = batch.join('');
    let at = 0;
    for (const s of batch) {
      this.held.push(joined.slice(at, at + s.length));
      at += s.length;
    }
  }

  private block(at: { first: number; extent: Extent }): string[] {
    let strings = this.cache.get(at.first);
    if (strings) {
      // Most recently used last.
      this.cache.delete(at.first);
      this.cache.set(at.first, strings);
      return strings;
    }
    strings = JSON.parse(this.read(at.extent)) as string[];
    this.cache.set(at.first, strings);
    this.cacheChars += charsOf(strings);
    for (const [first, old] of this.cache) {
      if (this.cacheChars <= CACHE_CHARS || first === at.first) break;
      this.cache.delete(first);
      this.cacheChars -= charsOf(old);
    }
    return strings;
  }
}

function charsOf(strings: readonly string[]): number {
  let n = 0;
  for (const s of strings) n += s.length + STRING_COST;
  return n;
}

/** `xl/sharedStrings.xml`: each `si` is one string, its rich-text runs joined; phonetic guides left out. */
class SharedStringsReader implements XmlHandler {
  private inString = false;
  private inText = 0;
  private phonetic = 0;
  /** The string's text so far (slices of the XML), until it is long enough to be kept in pieces. */
  private parts: string[] = [];
  private chars = 0;
  private long: LongBuilder | null = null;

  constructor(private readonly table: SharedStrings) {}

  open(name: string): void {
    if (name === 'si') this.start();
    else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inText++;
  }

  close(name: string): void {
    if (name === 'si') {
      const rest = this.parts.join('');
      if (this.long) this.table.addLong(this.long.end(rest));
      else this.table.add(decodeOoxmlEscapes(rest));
      this.start();
      this.inString = false;
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't' && this.phonetic === 0) this.inText--;
  }

  text(text: string): void {
    if (this.inText === 0 || !this.inString) return;
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars < LONG_CHARS) return;
    this.long ??= new LongBuilder(this.table);
    this.long.add(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
  }

  private start(): void {
    this.inString = true;
    this.parts = [];
    this.chars = 0;
    this.long = null;
  }
}

/**
 * A long shared string, decoded and kept a piece at a time. A piece never ends inside an escape, between a
 * CR and the LF after it (a CSV field turns the pair into one space), or between the halves of a surrogate
 * pair (a piece is sealed as UTF-8): such a tail waits for the next piece.
 */
class LongBuilder {
  private carry = '';
  private readonly pieces: (string | Extent)[] = [];
  private length = 0;
  private quoted = false;

  constructor(private readonly table: SharedStrings) {}

  add(raw: string, last = false): void {
    const text = this.carry + raw;
    const cut = last ? text.length : escapeSafeCut(text);
    let piece = decodeOoxmlEscapes(text.slice(0, cut));
    this.carry = text.slice(cut);
    const end = piece.charCodeAt(piece.length - 1);
    if (!last && (end === 0x0d || (end >= 0xd800 && end <= 0xdbff))) {
      this.carry = piece.slice(-1) + this.carry;
      piece = piece.slice(0, -1);
    }
    if (piece.length === 0) return;
    this.length += piece.length;
    if (!this.quoted && /[",]/.test(piece)) this.quoted = true;
    this.pieces.push(this.table.keepPiece(piece));
  }

  end(rest: string): LongText {
    this.add(rest, true);
    const { pieces, table } = this;
    return {
      length: this.length,
      quoted: this.quoted,
      *pieces() {
        for (const p of pieces) yield typeof p === 'string' ? p : table.read(p);
      },
    };
  }
}

/**
 * The text an office part becomes, never built whole: a sheet as CSV (CsvPieces) and a document's text
 * (TextPieces) are handed on in pieces of about PIECE_CHARS as they are written, while the part's XML is read,
 * so a sheet whose cells sit 16,000 columns apart, a row repeated a million times or a document of a hundred
 * million characters is scanned in bounded memory, and charged to the expansion budget as it is read.
 */

/** Characters of a part's text handed on at a time. */
export const PIECE_CHARS = 1 << 20;

/**
 * A sheet's row is held until it ends (it may be repeated), and a few kilobytes of XML can hold a row of
 * million-character cells: past this many characters of its own text, the rest of a row is passed over and
 * the sheet listed as not fully read (cutRowsPart). No real sheet comes near it: Excel's cells stop at 32,767
 * characters.
 */
export const ROW_MAX_CHARS = 16 * 1024 * 1024;

/**
 * Text made as a part's XML is read (a document's paragraphs, a sheet's comments), handed on in pieces of
 * PIECE_CHARS as they fill instead of built whole: the scan reads the pieces between chunks of XML, charging
 * each to the expansion budget. What is added is joined in small blocks as it comes (a piece of text may be a
 * slice of a large decoded chunk of XML, and holding it would keep that whole chunk alive).
 */
export class TextPieces {
  private blocks: string[] = [];
  private batch: string[] = [];
  private batchChars = 0;
  /** Characters added and not yet handed on. */
  private held = 0;
  private added = 0;

  constructor(private readonly pieceChars = PIECE_CHARS) {}

  /** Characters added so far, handed on or not. */
  get length(): number {
    return this.added;
  }

  add(text: string): void {
    if (text.length === 0) return;
    this.batch.push(text);
    this.batchChars += text.length;
    this.held += text.length;
    this.added += text.length;
    if (this.batch.length >= 4096 || this.batchChars >= 1 << 16) this.flush();
  }

  /** The full pieces so far; the rest waits for more. */
  *pieces(): Generator<string> {
    while (this.held >= this.pieceChars) yield this.take(this.pieceChars);
  }

  /** Every piece left: nothing more is added. */
  *end(): Generator<string> {
    yield* this.pieces();
    if (this.held > 0) yield this.take(this.held);
  }

  /** Forgets what is held (text read only for its errors). */
  clear(): void {
    this.blocks = [];
    this.batch = [];
    this.batchChars = 0;
    this.held = 0;
  }

  /** The first `n` characters held, one more rather than half a surrogate pair (a piece is encoded alone). */
  private take(n: number): string {
    this.flush();
    const text = this.blocks.length === 1 ? (this.blocks[0] as string) : this.blocks.join('');
    let cut = n;
    const last = text.charCodeAt(cut - 1);
    if (cut < text.length && last >= 0xd800 && last <= 0xdbff) cut++;
    this.blocks = cut < text.length ? [text.slice(cut)] : [];
    this.held = text.length - cut;
    return cut < text.length ? text.slice(0, cut) : text;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.blocks.push(this.batch.join(''));
    this.batch = [];
    this.batchChars = 0;
  }
}

/**
 * A cell's text too long to be one string (a shared string longer than a CSV piece), read a piece at a time
 * as its CSV is written: never whole in memory.
 */
export interface LongText {
  readonly length: number;
  /** True when the text holds a quote or a comma: its CSV field is quoted. */
  readonly quoted: boolean;
  /** The text in order, in pieces of at most about PIECE_CHARS, none ending inside a surrogate pair or a CRLF. */
  pieces(): Iterable<string>;
}

export type CellValue = string | LongText;

/**
 * A cell's text written in parts (by a CellTextStream): one string while it is shorter than a piece, else
 * kept in pieces of PIECE_CHARS, a LongText, so that a cell as long as its part is never made one string (nor
 * copied whole by csvField each time it is written).
 */
export class CellTextBuilder {
  private short = '';
  /**
   * Parts not yet joined: a cell is written a word and a space at a time, and `+=` on each would make a chain
   * of tiny strings (10–13 bytes a character, a crafted row of wordy cells took gigabytes) that also keeps
   * the XML chunks the words were cut from alive. Joined in batches, the text is flat.
   */
  private batch: string[] = [];
  private batchChars = 0;
  private long: TextPieces | null = null;
  private kept: string[] = [];
  private quoted = false;

  readonly add = (text: string): void => {
    if (this.long === null) {
      this.batch.push(text);
      this.batchChars += text.length;
      if (this.batch.length >= 1024) this.join();
      if (this.short.length + this.batchChars < PIECE_CHARS) return;
      this.join();
      this.long = new TextPieces();
      text = this.short;
      this.short = '';
    }
    if (!this.quoted && /[",]/.test(text)) this.quoted = true;
    this.long.add(text);
    for (const piece of this.long.pieces()) this.kept.push(piece);
  };

  /** Characters written since the last take. */
  get length(): number {
    return this.long?.length ?? this.short.length + this.batchChars;
  }

  /** The text written since the last take. */
  take(): CellValue {
    this.join();
    const { long, short } = this;
    this.short = '';
    if (long === null) return short;
    for (const piece of long.end()) this.kept.push(piece);
    const pieces = this.kept;
    const text: LongText = { length: long.length, quoted: this.quoted, pieces: () => pieces };
    this.long = null;
    this.kept = [];
    this.quoted = false;
    return text;
  }

  private join(): void {
    if (this.batch.length === 0) return;
    this.short += this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
  }
}

/**
 * Rows of a sheet as CSV (RFC 4180 quoting), handed on in pieces of about PIECE_CHARS instead of built whole.
 * Cells arrive by column index, so empty cells keep the columns aligned; every row is padded to the width of
 * the first (the header), and rows with nothing in them are left out. A line break inside a cell becomes a
 * space: the scanner reads one record per line.
 *
 * A row added is only queued (its cells are the reader's own strings, a shared string by reference) and is
 * written a cell at a time when pieces are asked for: a few bytes of a workbook can name one 65,535-character
 * shared string thousands of times, or repeat a row of 16,384 cells a thousand times, and such a row never
 * becomes one string. No cap: the scan charges each piece to the file's expansion budget as it reads it, and
 * stops asking once that is spent.
 */
export class CsvPieces {
  private width = -1;
  private queued: { cells: readonly (CellValue | undefined)[]; n: number; times: number }[] = [];
  private text = '';

  /** The header row's cells, once a non-empty row has been written. */
  header: readonly string[] | null = null;

  constructor(private readonly pieceChars = PIECE_CHARS) {}

  /**
   * Queues a row (not to be changed after), to be written `times` times (an OpenDocument row repeated);
   * returns false when it was empty and so not written.
   */
  addRow(cells: readonly (CellValue | undefined)[], times = 1): boolean {
    const n = this.fields(cells);
    if (n === 0) return false;
    this.queued.push({ cells, n, times });
    return true;
  }

  /** The number of fields `cells` (maybe sparse) is written as, or 0 for an empty row, which is left out. */
  private fields(cells: readonly (CellValue | undefined)[]): number {
    let last = -1;
    for (let i = cells.length - 1; i >= 0; i--) {
      const c = cells[i];
      if (c !== undefined && c.length > 0) {
        last = i;
        break;
      }
    }
    if (last === -1) return 0;
    if (this.width === -1) {
      this.width = last + 1;
      // A long text is no header name (isDateHeader): left out rather than made whole.
      this.header = Array.from({ length: last + 1 }, (_, i) => {
        const c = cells[i];
        return typeof c === 'string' ? c : '';
      });
    }
    return Math.max(last + 1, this.width);
  }

  /** Writes the rows queued so far, yielding each piece as it fills. */
  *pieces(): Generator<string> {
    const rows = this.queued;
    this.queued = [];
    for (const { cells, n, times } of rows) {
      for (let k = 0; k < times; k++) yield* this.row(cells, n);
    }
  }

  private *row(cells: readonly (CellValue | undefined)[], n: number): Generator<string> {
    // A cell repeated across columns is one string: its field is made once for the run.
    let last: string | undefined;
    let field = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) this.text += ',';
      const c = cells[i];
      if (c === undefined || c.length === 0) continue;
      if (typeof c !== 'string') {
        yield* this.long(c);
        continue;
      }
      if (c !== last) {
        field = csvField(c);
        last = c;
      }
      if (this.text.length + field.length < this.pieceChars) this.text += field;
      else yield* this.fill(field);
    }
    this.text += '\n';
    if (this.text.length >= this.pieceChars) yield this.take();
  }

  /** A long text's field, written a piece of it at a time: the same text as csvField would make of it whole. */
  private *long(text: LongText): Generator<string> {
    if (text.quoted) yield* this.fill('"');
    for (const piece of text.pieces()) {
      const flat = /[\r\n]/.test(piece) ? piece.replace(/\r\n|[\r\n]/g, ' ') : piece;
      yield* this.fill(text.quoted ? flat.replace(/"/g, '""') : flat);
    }
    if (text.quoted) yield* this.fill('"');
  }

  /**
   * Appends a field that fills the piece, yielding each full piece: a field longer than a piece (an .xlsx
   * shared string has no length limit) is cut, never between the two halves of a surrogate pair.
   */
  private *fill(field: string): Generator<string> {
    let from = 0;
    while (field.length - from >= this.pieceChars - this.text.length) {
      let cut = from + Math.max(1, this.pieceChars - this.text.length);
      const last = field.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut++;
      this.text += field.slice(from, cut);
      from = cut;
      yield this.take();
    }
    if (from < field.length) this.text += from === 0 ? field : field.slice(from);
  }

  /** Writes what is queued and yields the last piece: every row has been added. */
  *end(): Generator<string> {
    yield* this.pieces();
    if (this.text.length > 0) yield this.take();
  }

  private take(): string {
    const piece = this.text;
    this.text = '';
    return piece;
  }
}

export function csvField(value: string): string {
  const flat = /[\r\n]/.test(value) ? value.replace(/\r\n|[\r\n]/g, ' ') : value;
  return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

/** Text of a table cell on one line: runs of whitespace (tabs, line breaks) become one space. */
export function cellText(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * cellText for a text that comes in parts (a long comment, a document's table cell), written on as it comes:
 * each word is passed on at once, a run of whitespace as one space before the next word, none at either end.
 * The parts written for a text, joined, are cellText of the parts added, joined.
 */
export class CellTextStream {
  private started = false;
  private space = false;

  constructor(private readonly write: (text: string) => void) {}

  add(text: string): void {
    let from = 0;
    for (const m of text.matchAll(/\s+/g)) {
      if (m.index > from) this.word(text.slice(from, m.index));
      if (this.started) this.space = true;
      from = m.index + m[0].length;
    }
    if (from < text.length) this.word(from === 0 ? text : text.slice(from));
  }

  /** The text is over: a space waiting at its end is dropped. */
  end(): void {
    this.started = false;
    this.space = false;
  }

  private word(word: string): void {
    if (this.space) this.write(' ');
    this.space = false;
    this.started = true;
    this.write(word);
  }
}

/**
 * The text an office part becomes, built piece by piece under a cap: a sheet whose cells sit 16,000 columns
 * apart, or a row repeated a million times, must not grow into a string V8 cannot hold.
 */

/** Characters one text part (a document, a sheet, a slide) may hold; the rest is reported as not inspected. */
export const MAX_PART_CHARS = 64 * 1024 * 1024;

/**
 * Text appended in small pieces and joined once. Pieces are joined into blocks as they come: a piece may be a
 * slice of a large decoded chunk of XML, and holding it would keep that whole chunk alive; joining copies
 * the characters out, so memory follows the text produced, not the XML read.
 */
export class TextBuilder {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private size = 0;
  private cut = false;

  constructor(private readonly cap = MAX_PART_CHARS) {}

  /** True once something was left out because the cap was reached. */
  get truncated(): boolean {
    return this.cut;
  }

  get length(): number {
    return this.size;
  }

  add(text: string): void {
    if (this.cut || text.length === 0) return;
    if (this.size + text.length > this.cap) {
      this.cut = true;
      const room = this.cap - this.size;
      if (room <= 0) return;
      text = text.slice(0, room);
    }
    this.pending.push(text);
    this.pendingChars += text.length;
    this.size += text.length;
    if (this.pending.length >= 4096 || this.pendingChars >= 1 << 16) this.flush();
  }

  toString(): string {
    this.flush();
    return this.blocks.length === 1 ? (this.blocks[0] as string) : this.blocks.join('');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * Rows of a sheet as CSV (RFC 4180 quoting). Cells arrive by column index, so empty cells keep the columns
 * aligned; every row is padded to the width of the first (the header), and rows with nothing in them are left
 * out. A line break inside a cell becomes a space: the scanner reads one record per line.
 */
export class CsvWriter {
  readonly out: TextBuilder;
  private width = -1;

  constructor(cap = MAX_PART_CHARS) {
    this.out = new TextBuilder(cap);
  }

  /** The header row's cells, once a non-empty row has been written. */
  header: readonly string[] | null = null;

  /** `cells` may be sparse; returns false when the row was empty and so not written. */
  addRow(cells: readonly (string | undefined)[], times = 1): boolean {
    let last = -1;
    for (let i = cells.length - 1; i >= 0; i--) {
      const c = cells[i];
      if (c !== undefined && c.length > 0) {
        last = i;
        break;
      }
    }
    if (last === -1) return false;
    if (this.width === -1) {
      this.width = last + 1;
      this.header = Array.from({ length: last + 1 }, (_, i) => cells[i] ?? '');
    }
    const n = Math.max(last + 1, this.width);
    let line = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) line += ',';
      const c = cells[i];
      if (c !== undefined && c.length > 0) line += csvField(c);
    }
    line += '\n';
    for (let k = 0; k < times && !this.out.truncated; k++) this.out.add(line);
    return true;
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

import { CellTextStream, TextPieces } from './office-text.js';
import { attributes, type XmlHandler } from './office-xml.js';

/**
 * Flowing document text (a Word body, a slide, an ODF text): one line per paragraph, tabs and line breaks
 * kept, and tables laid out as rows of tab-separated cells, so a table with a header row reads like TSV and
 * each row is one record. Nested tables collapse into their outer cell.
 */

/** The element names (local, prefix dropped) one XML dialect uses for the same few things. */
interface Dialect {
  /** Elements whose character data is text (WordprocessingML `w:t`; in ODF the paragraph itself). */
  text: ReadonlySet<string>;
  paragraph: ReadonlySet<string>;
  tab: ReadonlySet<string>;
  lineBreak: ReadonlySet<string>;
  table: string;
  row: string;
  cell: ReadonlySet<string>;
  /** Subtrees that hold no document text, or text twice (`mc:Fallback` repeats `mc:Choice`). */
  skip: ReadonlySet<string>;
}

/** WordprocessingML and DrawingML (docx bodies, headers, notes; pptx slides). */
export const OOXML: Dialect = {
  // delText is text a tracked change deleted: still in the file, so still found.
  text: new Set(['t', 'delText']),
  paragraph: new Set(['p']),
  tab: new Set(['tab', 'ptab']),
  lineBreak: new Set(['br', 'cr']),
  table: 'tbl',
  row: 'tr',
  cell: new Set(['tc']),
  // pPr holds tab stops (`w:tabs/w:tab`), which are not tab characters; instrText is a field code.
  skip: new Set(['Fallback', 'pPr', 'rPr', 'instrText']),
};

/** ODF text (`text:p`, `text:h`, `table:table`), as in odt content and header/footer styles. */
export const ODF: Dialect = {
  text: new Set(['p', 'h']),
  paragraph: new Set(['p', 'h']),
  tab: new Set(['tab']),
  lineBreak: new Set(['line-break']),
  table: 'table',
  row: 'table-row',
  cell: new Set(['table-cell', 'covered-table-cell']),
  // A comment's author: metadata, like the document's own author, not its text.
  skip: new Set(['creator']),
};

/**
 * Where the text of a table's open row goes: written out as a line (its cells tab-separated, each on one
 * line), into the open cell of the table around it (a nested table: that cell's text, on one line), or
 * nowhere (outside the elements a part's text is taken from).
 */
type Row =
  | { to: 'line'; cell: CellTextStream; write: (text: string) => void }
  | { to: 'outer'; write: (text: string) => void }
  | { to: 'none' };

interface OpenTable {
  /** The open row, or null between rows. */
  row: Row | null;
  /** Rows open (more than one only in a row inside a row of the same table: each ends a line). */
  rows: number;
  /** A cell of this table is open in a row (its text goes to the row), or open outside any (dropped). */
  cell: 'open' | 'stray' | null;
  /** Word's merged cell (`w:gridSpan`): one cell that stands for several columns. */
  span: number;
  /** Fields of the open row written so far (a merged cell counts as the columns it spans). */
  fields: number;
}

/**
 * A part's text, written into `out` as the XML is read, never held: a paragraph's words as they come, and a
 * table cell's too, on one line, so a cell or a row as long as the part costs no more memory than a
 * paragraph. The text is what writing each row whole, after its last cell, would make.
 */
export class FlowText implements XmlHandler {
  readonly out: TextPieces;
  private textDepth = 0;
  private paragraphDepth = 0;
  private skipDepth = 0;
  /** Only text inside these elements counts (ODF styles.xml: headers and footers, not style names). */
  private withinDepth = 0;
  private readonly tables: OpenTable[] = [];
  private readonly within: ReadonlySet<string> | null;
  private readonly write = (text: string): void => this.out.add(text);

  constructor(
    private readonly dialect: Dialect,
    options: { within?: ReadonlySet<string>; out?: TextPieces } = {},
  ) {
    this.within = options.within ?? null;
    this.out = options.out ?? new TextPieces();
  }

  open(name: string, raw: string): void {
    const d = this.dialect;
    if (this.within?.has(name)) this.withinDepth++;
    if (this.skipDepth > 0 || d.skip.has(name)) {
      this.skipDepth++;
      return;
    }
    if (d.text.has(name)) this.textDepth++;
    if (d.paragraph.has(name)) {
      // A paragraph inside a paragraph (a comment, a text box): keep its words apart from the outer ones.
      if (this.paragraphDepth++ > 0) this.emit(' ');
    }
    if (name === d.table) this.tables.push({ row: null, rows: 0, cell: null, span: 1, fields: 0 });
    else if (name === d.row) {
      const t = this.top();
      if (t) this.openRow(t);
    } else if (d.cell.has(name)) {
      const t = this.top();
      if (t) {
        t.cell = t.row ? 'open' : 'stray';
        t.span = 1;
        if (t.row?.to === 'line' && t.fields > 0) this.out.add('\t');
        else if (t.row?.to === 'outer') t.row.write(' ');
      }
    } else if (name === 'gridSpan') {
      const t = this.top();
      const n = Number(attributes(raw).val);
      if (t && Number.isInteger(n) && n > 1) t.span = Math.min(n, 64);
    } else if (d.tab.has(name)) this.emit('\t');
    else if (d.lineBreak.has(name)) this.emit('\n');
    else if (name === 's' && d === ODF) this.emit(' '.repeat(spaces(raw)));
  }

  close(name: string): void {
    const d = this.dialect;
    if (this.within?.has(name)) this.withinDepth--;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    if (d.text.has(name)) this.textDepth--;
    if (d.paragraph.has(name)) {
      this.paragraphDepth--;
      this.emit('\n');
    } else if (d.cell.has(name)) {
      const t = this.top();
      if (t?.cell === 'stray') t.cell = null;
      else if (t?.cell) {
        t.cell = null;
        t.fields += t.span;
        if (t.row?.to === 'line') {
          t.row.cell.end();
          // The columns a merged cell spans past its first are empty fields.
          if (t.span > 1) this.out.add('\t'.repeat(t.span - 1));
        }
      }
    } else if (name === d.row) {
      const t = this.top();
      if (t?.row) {
        if (t.row.to === 'line') this.out.add('\n');
        else if (t.row.to === 'outer') t.row.write(' ');
        if (--t.rows === 0) t.row = null;
      }
    } else if (name === d.table) this.tables.pop();
  }

  text(text: string): void {
    if (this.textDepth > 0 && this.skipDepth === 0) this.emit(text);
  }

  /**
   * A row of a table inside another table's open cell goes into that cell, on one line with it; any other
   * row is a line of its own, when its text is wanted at all.
   */
  private openRow(t: OpenTable): void {
    t.fields = 0;
    if (t.rows++ > 0 && t.row) {
      if (t.row.to === 'outer') t.row.write(' ');
      return;
    }
    const outer = this.tables[this.tables.length - 2];
    if (outer?.cell) {
      const write = this.cellWriter(outer);
      t.row = { to: 'outer', write: write ?? (() => {}) };
      t.row.write(' ');
    } else if (this.allowed()) {
      const cell = new CellTextStream(this.write);
      t.row = { to: 'line', cell, write: (text) => cell.add(text) };
    } else t.row = { to: 'none' };
  }

  /** Where the text of `t`'s open cell goes; null when it is dropped (no cell open in a row). */
  private cellWriter(t: OpenTable): ((text: string) => void) | null {
    return t.cell === 'open' && t.row && t.row.to !== 'none' ? t.row.write : null;
  }

  private emit(text: string): void {
    const t = this.top();
    // In a table only a cell's text counts: between cells is layout whitespace.
    if (t) this.cellWriter(t)?.(text);
    else if (this.allowed()) this.out.add(text);
  }

  private allowed(): boolean {
    return this.within === null || this.withinDepth > 0;
  }

  private top(): OpenTable | undefined {
    return this.tables[this.tables.length - 1];
  }
}

/** ODF's `<text:s text:c="4"/>`: that many spaces (bounded). */
function spaces(raw: string): number {
  const n = Number(attributes(raw).c ?? 1);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 256) : 1;
}

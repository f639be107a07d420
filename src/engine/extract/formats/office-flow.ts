import { cellText, TextBuilder } from './office-text.js';
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

interface OpenTable {
  cells: string[];
  cell: string | null;
  /** Word's merged cell (`w:gridSpan`): one cell that stands for several columns. */
  span: number;
}

export class FlowText implements XmlHandler {
  readonly out: TextBuilder;
  private textDepth = 0;
  private paragraphDepth = 0;
  private skipDepth = 0;
  /** Only text inside these elements counts (ODF styles.xml: headers and footers, not style names). */
  private withinDepth = 0;
  private readonly tables: OpenTable[] = [];
  private readonly within: ReadonlySet<string> | null;

  constructor(
    private readonly dialect: Dialect,
    options: { within?: ReadonlySet<string>; out?: TextBuilder } = {},
  ) {
    this.within = options.within ?? null;
    this.out = options.out ?? new TextBuilder();
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
    if (name === d.table) this.tables.push({ cells: [], cell: null, span: 1 });
    else if (name === d.row) {
      const t = this.top();
      if (t) t.cells = [];
    } else if (d.cell.has(name)) {
      const t = this.top();
      if (t) {
        t.cell = '';
        t.span = 1;
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
      if (t && t.cell !== null) {
        t.cells.push(cellText(t.cell));
        for (let i = 1; i < t.span; i++) t.cells.push('');
        t.cell = null;
      }
    } else if (name === d.row) {
      const t = this.top();
      if (t) {
        const line = t.cells.join('\t');
        t.cells = [];
        const outer = this.tables[this.tables.length - 2];
        if (outer && outer.cell !== null) outer.cell += ` ${line} `;
        else if (this.allowed()) this.out.add(`${line}\n`);
      }
    } else if (name === d.table) this.tables.pop();
  }

  text(text: string): void {
    if (this.textDepth > 0 && this.skipDepth === 0) this.emit(text);
  }

  private emit(text: string): void {
    const t = this.top();
    if (t && t.cell !== null) t.cell += text;
    else if (t)
      return; // between cells: layout whitespace, not text
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

import { textSource } from '../byte-source.js';
import { isoDateTime } from './office-dates.js';
import { FlowText, ODF } from './office-flow.js';
import { cutRowsPart, errorPart, type OfficePackage, wasRead } from './office-package.js';
import { streamedText, type XmlText } from './office-stream.js';
import {
  CellTextBuilder,
  CellTextStream,
  type CellValue,
  CsvPieces,
  ROW_MAX_CHARS,
  TextPieces,
} from './office-text.js';
import { attributes, type XmlHandler } from './office-xml.js';
import type { Part } from './types.js';

/** Header and footer elements of ODF master pages, the only text in `styles.xml` worth reading. */
const HEADERS_FOOTERS = new Set([
  'header',
  'footer',
  'header-left',
  'footer-left',
  'header-first',
  'footer-first',
]);

/** True when `META-INF/manifest.xml` says some part is encrypted (a password-protected ODF document). */
export async function odfEncrypted(pkg: OfficePackage): Promise<boolean> {
  if (!pkg.has('META-INF/manifest.xml')) return false;
  let encrypted = false;
  await pkg.read('META-INF/manifest.xml', {
    open(name) {
      if (name === 'encryption-data') encrypted = true;
    },
    close() {},
    text() {},
  });
  return encrypted;
}

/**
 * An ODF text document (odt; also the text of presentations and drawings) as one text named after the
 * document, handed on as it is read: the body's paragraphs and headings a line each, tables as tab-separated
 * rows, then the page headers and footers.
 */
export async function* odtParts(pkg: OfficePackage): AsyncIterable<Part> {
  const out = new TextPieces();
  const parts: XmlText[] = [{ part: 'content.xml', handler: new FlowText(ODF, { out }) }];
  if (pkg.has('styles.xml')) {
    const handler = new FlowText(ODF, { out, within: HEADERS_FOOTERS });
    parts.push({ part: 'styles.xml', handler, before: () => out.add('\n') });
  }
  // The body decides: without it there is no text, though the styles are still read for their errors.
  yield* streamedText(pkg, null, out, parts, { starters: 1 });
}

/**
 * An ODF spreadsheet (ods): a CSV table per table, `book.ods!/Customers`, in document order. Cells take
 * their typed value (`office:value`, `office:date-value` as an ISO date) or else their text.
 *
 * Each table is a member of unknown size whose CSV is written as the scan reads it, as an .xlsx sheet is:
 * content.xml is read a chunk at a time, and a table is handed on as soon as it begins, each chunk's rows
 * written in pieces before the next chunk is read; the next table's member begins when this one ends. A row
 * repeated a thousand times, or a cell repeated across 16,000 columns, is queued once and written out only
 * as the scan asks for it, so the expansion budget, which meters each piece, stops a table that grows
 * without end, and a table is never whole in memory. A content.xml that cannot be read at all is only an
 * error; one whose XML breaks part-way is scanned as far as it goes (a table cut short included), then listed.
 */
export async function* odsParts(pkg: OfficePackage): AsyncIterable<Part> {
  const reader = new OdsReader();
  const steps = pkg.steps('content.xml', reader);
  try {
    let step = await steps.next();
    if (step.done && step.value && !wasRead(step.value)) {
      yield step.value;
      return;
    }
    for (let i = 0; ; i++) {
      while (reader.tables.length === 0 && !step.done) step = await steps.next();
      const table = reader.tables[0];
      if (!table) break;
      yield {
        kind: 'member',
        name: table.name || `sheet-${i + 1}`,
        inspection: 'office',
        source: textSource(async function* () {
          while (!table.closed && !step.done) {
            yield* table.csv.pieces();
            step = await steps.next();
          }
          yield* table.csv.end();
        }),
      };
      // Not read to its end (the scan stopped): the rest of its rows are passed over, not written.
      table.dropped = true;
      while (!table.closed && !step.done) step = await steps.next();
      reader.tables.shift();
      const name = table.name || `sheet-${i + 1}`;
      if (table.cutRows > 0) yield cutRowsPart(`${pkg.path}!/${name}`, table.cutRows);
      // Its cells' comments, `book.ods!/Customers/comments`, as an .xlsx sheet's are.
      const notes = table.notes;
      if (notes.length > 0) {
        yield {
          kind: 'stream',
          name: `${name}/comments`,
          inspection: 'office',
          source: textSource(() => notes.end()),
        };
      }
      if (table.notesCut) {
        const at = `${pkg.path}!/${name}/comments`;
        yield errorPart('LIMIT', at, `comments longer than ${ROW_MAX_CHARS} characters cut short`);
      }
    }
    if (step.value) yield step.value;
  } finally {
    await steps.return(null);
  }
}

/**
 * Repeats written out at most this many times. An ODF table says "the next 1,048,000 rows are empty" and
 * "this cell repeats across 16,000 columns": empty cells and rows are never written out, and a repeated value
 * is written a bounded number of times.
 */
const MAX_REPEAT = 1000;
const MAX_COLUMNS = 16_384;

interface OdsTable {
  name: string;
  csv: CsvPieces;
  /** Its end tag has been read. */
  closed: boolean;
  /** Its member was let go before its end: rows still to come are not queued. */
  dropped: boolean;
  /** Rows cut short at ROW_MAX_CHARS. */
  cutRows: number;
  /** Its cells' comments, a line each, held until the table ends, up to ROW_MAX_CHARS. */
  notes: TextPieces;
  notesCut: boolean;
}

/** An annotation's parts that are not its text: who wrote it and when. */
const NOTE_SKIPPED = new Set(['creator', 'date', 'date-string']);

/** content.xml's tables, each row queued on its table's CSV as it ends. */
class OdsReader implements XmlHandler {
  /** Tables begun and not yet handed on, in document order; only the last may still be open. */
  readonly tables: OdsTable[] = [];
  private table: OdsTable | null = null;
  /** Tables inside cells (rare): their text joins the outer cell. */
  private nested = 0;
  private row: (CellValue | undefined)[] = [];
  private rowRepeat = 1;
  private column = 0;
  private cell: { value: string | null; repeat: number } | null = null;
  /** The open cell's text, on one line as cellText makes it, written as it comes and kept in pieces if long. */
  private readonly cellText = new CellTextBuilder();
  private readonly line = new CellTextStream(this.cellText.add);
  private skip = 0;
  /**
   * Inside a cell's comment (`office:annotation`): its depth, and inside its author or date (not read, as an
   * .xlsx's authors are not). Its paragraphs go to the table's notes, a line per comment.
   */
  private note = 0;
  private noteSkip = 0;
  private readonly noteLine = new CellTextStream((text) => this.table?.notes.add(text));
  /** Characters the open row holds, and whether it passed ROW_MAX_CHARS (its other cells are then passed over). */
  private rowChars = 0;
  private rowCut = false;

  open(name: string, raw: string): void {
    if (this.note > 0) {
      this.note++;
      if (NOTE_SKIPPED.has(name)) this.noteSkip++;
      else if (name === 's' || name === 'tab' || name === 'line-break') this.noteLine.add(' ');
      return;
    }
    if (name === 'annotation' && this.skip === 0 && this.table && this.nested === 0) {
      this.note = 1;
      return;
    }
    if (this.skip > 0 || name === 'annotation') {
      this.skip++;
      return;
    }
    if (name === 'table') {
      if (this.table) this.nested++;
      else {
        this.table = {
          name: attributes(raw).name ?? '',
          csv: new CsvPieces(),
          closed: false,
          dropped: false,
          cutRows: 0,
          notes: new TextPieces(),
          notesCut: false,
        };
        this.tables.push(this.table);
      }
      return;
    }
    if (!this.table || this.nested > 0) {
      if (this.cell && (name === 's' || name === 'tab' || name === 'line-break')) this.line.add(' ');
      return;
    }
    if (name === 'table-row') {
      this.row = [];
      this.column = 0;
      this.rowChars = 0;
      this.rowCut = false;
      this.rowRepeat = repeat(attributes(raw)['number-rows-repeated']);
    } else if (name === 'table-cell' || name === 'covered-table-cell') {
      const a = attributes(raw);
      this.line.end();
      this.cellText.take();
      this.cell = { value: typedValue(a), repeat: repeat(a['number-columns-repeated']) };
    } else if (this.cell && (name === 's' || name === 'tab' || name === 'line-break')) this.line.add(' ');
  }

  close(name: string): void {
    if (this.note > 0) {
      this.note--;
      if (NOTE_SKIPPED.has(name)) this.noteSkip--;
      else if (name === 'p') this.noteLine.add(' ');
      if (this.note === 0) {
        this.noteLine.end();
        if (this.table && !this.table.notesCut) this.table.notes.add('\n');
      }
      return;
    }
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    if (name === 'table') {
      if (this.nested > 0) this.nested--;
      else if (this.table) {
        this.table.closed = true;
        this.table = null;
      }
      return;
    }
    if (!this.table || this.nested > 0) {
      if (this.cell && name === 'p') this.line.add(' ');
      return;
    }
    if (name === 'p' && this.cell) this.line.add(' ');
    else if ((name === 'table-cell' || name === 'covered-table-cell') && this.cell) {
      this.line.end();
      const text = this.cellText.take();
      const value = this.rowCut ? '' : (this.cell.value ?? text);
      this.rowChars += value.length;
      if (value.length > 0) {
        const n = Math.min(this.cell.repeat, MAX_REPEAT, MAX_COLUMNS - this.column);
        for (let k = 0; k < n; k++) this.row[this.column + k] = value;
      }
      this.column = Math.min(this.column + this.cell.repeat, MAX_COLUMNS);
      this.cell = null;
    } else if (name === 'table-row') {
      if (!this.table.dropped) this.table.csv.addRow(this.row, Math.min(this.rowRepeat, MAX_REPEAT));
      this.row = [];
    }
  }

  text(text: string): void {
    if (this.note > 0) {
      const table = this.table;
      if (this.noteSkip > 0 || !table || table.notesCut) return;
      this.noteLine.add(text);
      if (table.notes.length > ROW_MAX_CHARS) table.notesCut = true;
      return;
    }
    if (!this.cell || this.skip > 0 || this.rowCut) return;
    this.line.add(text);
    if (this.rowChars + this.cellText.length <= ROW_MAX_CHARS) return;
    this.rowCut = true;
    this.line.end();
    this.cellText.take();
    if (this.table) this.table.cutRows++;
  }
}

/** A cell's value from its type: numbers and dates as stored, booleans as TRUE/FALSE; null to use its text. */
function typedValue(a: Record<string, string>): string | null {
  switch (a['value-type']) {
    case 'float':
    case 'percentage':
    case 'currency':
      return a.value ?? null;
    case 'date':
      return a['date-value'] !== undefined ? isoDateTime(a['date-value']) : null;
    case 'boolean':
      return a['boolean-value'] === undefined ? null : a['boolean-value'] === 'true' ? 'TRUE' : 'FALSE';
    default:
      return a['string-value'] ?? null;
  }
}

function repeat(raw: string | undefined): number {
  const n = raw === undefined ? 1 : Number(raw);
  return Number.isInteger(n) && n > 1 ? Math.min(n, 1 << 20) : 1;
}

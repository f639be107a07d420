import { textSource } from '../byte-source.js';
import {
  type DateSystem,
  isBuiltinDateFormat,
  isDateFormatCode,
  isDateHeader,
  isoDateTime,
  serialToIso,
} from './office-dates.js';
import { cutRowsPart, errorPart, type OfficePackage, wasRead } from './office-package.js';
import { SharedStrings, type SharedStringsOptions } from './office-shared-strings.js';
import { streamedText } from './office-stream.js';
import {
  CellTextBuilder,
  CellTextStream,
  type CellValue,
  CsvPieces,
  ROW_MAX_CHARS,
  TextPieces,
} from './office-text.js';
import {
  attributes,
  eachAttribute,
  OoxmlEscapeStream,
  relationshipId,
  type XmlHandler,
} from './office-xml.js';
import type { Part } from './types.js';

/**
 * A workbook (xlsx, xlsm, xltx): a CSV table per worksheet, `book.xlsx!/Customers`, in tab order.
 * Cells are placed by their reference so empty cells keep columns aligned; shared and inline strings are
 * resolved; numbers are written as stored, except that a date serial (a number in a date-formatted cell, or
 * in a column whose header names a date) is written as an ISO date, which is what lets a birth date be seen.
 */
export async function* xlsxParts(pkg: OfficePackage, options: SharedStringsOptions): AsyncIterable<Part> {
  const main = pkg.has('xl/workbook.xml')
    ? 'xl/workbook.xml'
    : ((await pkg.relatedPart('', 'officeDocument')) ??
      (pkg.has('xl/workbook.bin') ? 'xl/workbook.bin' : null));
  if (main?.toLowerCase().endsWith('.bin')) {
    yield errorPart('UNSUPPORTED', pkg.path, 'binary Excel workbooks (xlsb) are not supported');
    return;
  }
  const book = main ? await readWorkbook(pkg, main) : null;
  if (!main) yield errorPart('CORRUPT', pkg.path, 'an Excel workbook without xl/workbook.xml');
  const strings = new SharedStrings(options);
  try {
    yield* sheetsOf(pkg, book, strings);
  } finally {
    strings.close();
  }
}

async function* sheetsOf(
  pkg: OfficePackage,
  book: Workbook | null,
  strings: SharedStrings,
): AsyncIterable<Part> {
  const errors = book?.errors ?? [];
  const stringsPart = book?.partOf('sharedStrings') ?? 'xl/sharedStrings.xml';
  if (pkg.has(stringsPart)) {
    // Charged as it is read: the table is kept while the sheets are read, bounded only by the budget.
    errors.push(await pkg.read(stringsPart, strings.reader(), pkg.path, true));
    strings.end();
  }
  const styles = book?.partOf('styles') ?? 'xl/styles.xml';
  const dateStyles: boolean[] = [];
  if (pkg.has(styles)) errors.push(await pkg.read(styles, new Styles(dateStyles)));
  for (const e of errors) if (e) yield e;

  const context: SheetContext = { strings, dateStyles, system: book?.system ?? 1900 };
  for (const [i, sheet] of (book?.sheets.length ? book.sheets : fallbackSheets(pkg)).entries()) {
    const name = sheet.name || `sheet-${i + 1}`;
    const at = `${pkg.path}!/${name}`;
    if (!sheet.part || !pkg.has(sheet.part)) {
      yield errorPart('CORRUPT', at, 'the sheet has no worksheet part');
      continue;
    }
    if (yield* worksheetParts(pkg, sheet.part, name, context)) yield* commentParts(pkg, sheet.part, name);
  }
}

/**
 * A worksheet as a member of unknown size whose CSV is written as the scan reads it: its XML is read a chunk
 * at a time, and each chunk's rows are written in pieces before the next is read, so neither the sheet's
 * text nor a row of it is ever whole in memory, and a spent expansion budget (the scan meters each piece)
 * stops the reading. A sheet that cannot be read at all (an encrypted member, an unknown compression) is only
 * an error; one whose XML breaks part-way is scanned as far as it goes, then listed. False when not read.
 */
async function* worksheetParts(
  pkg: OfficePackage,
  part: string,
  name: string,
  context: SheetContext,
): AsyncGenerator<Part, boolean> {
  const reader = new SheetReader(context);
  const steps = pkg.steps(part, reader, `${pkg.path}!/${name}`);
  try {
    // The first chunk, or the error that came instead, before the member is handed on.
    let step = await steps.next();
    if (step.done && step.value && !wasRead(step.value)) {
      yield step.value;
      return false;
    }
    let error: Part | null = null;
    yield {
      kind: 'member',
      name,
      inspection: 'office',
      source: textSource(async function* () {
        while (!step.done) {
          yield* reader.csv.pieces();
          step = await steps.next();
        }
        error = step.value;
        yield* reader.csv.end();
      }),
    };
    if (error) yield error;
    if (reader.cutRows > 0) yield cutRowsPart(`${pkg.path}!/${name}`, reader.cutRows);
    return true;
  } finally {
    await steps.return(null);
  }
}

/**
 * A sheet's cell comments (notes) as a text of their own, `book.xlsx!/Customers/comments`, a line each,
 * handed on as the part is read (a comment's text is never whole in memory, however long).
 */
async function* commentParts(pkg: OfficePackage, sheetPart: string, sheet: string): AsyncIterable<Part> {
  const part = await pkg.relatedPart(sheetPart, 'comments');
  if (!part || !pkg.has(part)) return;
  const name = `${sheet}/comments`;
  const out = new TextPieces();
  yield* streamedText(pkg, name, out, [{ part, handler: new CommentsText(out) }], {
    reportAt: `${pkg.path}!/${name}`,
  });
}

/** A comments part: each comment's text (not its authors, not phonetic runs) on a line, escapes decoded. */
class CommentsText implements XmlHandler {
  private depth = 0;
  private skip = 0;
  private readonly line: CellTextStream;
  private readonly escapes: OoxmlEscapeStream;

  constructor(private readonly out: TextPieces) {
    this.line = new CellTextStream((text) => out.add(text));
    this.escapes = new OoxmlEscapeStream((text) => this.line.add(text));
  }

  open(tag: string): void {
    if (tag === 'authors' || tag === 'rPh') this.skip++;
    else if (tag === 't') this.depth++;
  }

  close(tag: string): void {
    if (tag === 'authors' || tag === 'rPh') this.skip--;
    else if (tag === 't') this.depth--;
    else if (tag === 'comment') {
      this.escapes.end();
      this.line.end();
      this.out.add('\n');
    }
  }

  text(text: string): void {
    if (this.depth > 0 && this.skip === 0) this.escapes.add(text);
  }
}

interface SheetRef {
  name: string;
  /** The worksheet's part name, or null when its relationship is missing. */
  part: string | null;
}

interface Workbook {
  sheets: SheetRef[];
  system: DateSystem;
  errors: (Part | null)[];
  /** The workbook-level part of a relationship type (`sharedStrings`, `styles`), if the workbook names one. */
  partOf(type: string): string | undefined;
}

/** Sheet names, order and parts from `xl/workbook.xml` and its relationships; the 1904 date system flag. */
async function readWorkbook(pkg: OfficePackage, main: string): Promise<Workbook> {
  const found: { name: string; rid: string | undefined }[] = [];
  let system: DateSystem = 1900;
  const error = await pkg.read(main, {
    open(name, raw) {
      if (name === 'sheet') {
        const a = attributes(raw);
        found.push({ name: a.name ?? '', rid: relationshipId(a) });
      } else if (name === 'workbookPr') {
        const flag = attributes(raw).date1904;
        if (flag === '1' || flag === 'true') system = 1904;
      }
    },
    close() {},
    text() {},
  });
  const { rels, error: relsError } = await pkg.relationships(main);
  // Without relationships at all, a sheet is looked for where Excel puts it: the nth is sheetN.xml.
  const guess = (i: number) => (rels.size === 0 ? `xl/worksheets/sheet${i + 1}.xml` : null);
  const sheets = found
    .map((s, i) => ({ s, i, r: s.rid === undefined ? undefined : rels.get(s.rid) }))
    .filter(({ r }) => !r || /(?:worksheet|macrosheet)$/i.test(r.type))
    .map(({ s, i, r }) => ({ name: s.name, part: r ? (r.external ? null : r.target) : guess(i) }));
  return {
    sheets,
    system,
    errors: [error, relsError],
    partOf(type) {
      for (const r of rels.values()) if (!r.external && r.type.endsWith(`/${type}`)) return r.target;
      return undefined;
    },
  };
}

/** Without a readable workbook: every `xl/worksheets/sheetN.xml`, named after its file. */
function fallbackSheets(pkg: OfficePackage): SheetRef[] {
  return pkg.matching(/^xl\/worksheets\/[^/]+\.xml$/i).map((e) => ({
    name: e.fileName.replace(/^.*\/|\.xml$/gi, ''),
    part: e.fileName,
  }));
}

/** `xl/styles.xml`: for each cell format (`cellXfs/xf`, indexed by a cell's `s`), whether it shows a date. */
class Styles implements XmlHandler {
  private readonly custom = new Map<number, string>();
  private readonly formats: number[] = [];
  private inCellXfs = false;

  constructor(private readonly dateStyles: boolean[]) {}

  open(name: string, raw: string): void {
    if (name === 'numFmt') {
      const a = attributes(raw);
      this.custom.set(Number(a.numFmtId), a.formatCode ?? '');
    } else if (name === 'cellXfs') this.inCellXfs = true;
    else if (name === 'xf' && this.inCellXfs) this.formats.push(Number(attributes(raw).numFmtId ?? 0));
  }

  close(name: string): void {
    if (name !== 'cellXfs') return;
    this.inCellXfs = false;
    for (const id of this.formats) {
      const code = this.custom.get(id);
      this.dateStyles.push(code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id));
    }
  }

  text(): void {}
}

interface SheetContext {
  strings: SharedStrings;
  dateStyles: readonly boolean[];
  system: DateSystem;
}

/** Excel's last column, XFD. A reference past it is malformed and is taken as the next column. */
const MAX_COLUMNS = 16_384;

/** One worksheet's `sheetData`, row by row, into CSV pieces. */
export class SheetReader implements XmlHandler {
  readonly csv = new CsvPieces();
  private row: (CellValue | undefined)[] = [];
  private nextColumn = 0;
  private column = 0;
  private type = '';
  private style = -1;
  private value = '';
  /** 1 inside `v`, 2 inside an inline string's text. */
  private collecting = 0;
  private inline = false;
  private phonetic = 0;
  private dateColumns: boolean[] | null = null;

  private ref = '';
  /**
   * An inline string's text (`inlineStr`, a formula's `str`), decoded and kept as it comes, in pieces past 1M
   * characters: a cell can be as long as its part. A row is held until it ends; past ROW_MAX_CHARS of such
   * text the rest of the row is passed over and counted in `cutRows`.
   */
  private readonly inlineText = new CellTextBuilder();
  private readonly inlineEscapes = new OoxmlEscapeStream(this.inlineText.add);
  private inlineCell = false;
  private rowChars = 0;
  private rowCut = false;
  cutRows = 0;

  constructor(private readonly context: SheetContext) {}

  /** A `c` element's attributes: its reference, type and style (all plain tokens, nothing to decode). */
  private readonly cellAttribute = (qname: string, value: string): void => {
    if (qname === 'r') this.ref = value;
    else if (qname === 't') this.type = value;
    else if (qname === 's') this.style = Number(value);
  };

  open(name: string, raw: string): void {
    switch (name) {
      case 'row':
        this.row = [];
        this.nextColumn = 0;
        this.rowChars = 0;
        this.rowCut = false;
        break;
      case 'c': {
        this.ref = '';
        this.type = '';
        this.style = -1;
        if (raw.length > 0) eachAttribute(raw, this.cellAttribute);
        this.inlineCell = this.type === 'inlineStr' || this.type === 'str';
        this.inlineEscapes.end();
        this.inlineText.take();
        const col = this.ref ? columnIndex(this.ref) : -1;
        this.column = col >= 0 && col < MAX_COLUMNS ? col : this.nextColumn;
        this.value = '';
        break;
      }
      case 'v':
        this.collecting = 1;
        break;
      case 'is':
        this.inline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inline && this.phonetic === 0) this.collecting = 2;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = 0;
        break;
      case 'is':
        this.inline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c': {
        const text = this.rowCut ? '' : this.cellValue();
        if (this.inlineCell) this.rowChars += text.length;
        if (text.length > 0) this.row[this.column] = text;
        this.nextColumn = Math.min(this.column + 1, MAX_COLUMNS - 1);
        break;
      }
      case 'row':
        if (this.csv.addRow(this.row) && this.dateColumns === null) {
          this.dateColumns = (this.csv.header ?? []).map(isDateHeader);
        }
        this.row = [];
        break;
    }
  }

  text(text: string): void {
    if (this.collecting === 0) return;
    if (!this.inlineCell) {
      this.value += text;
      return;
    }
    if (this.rowCut) return;
    this.inlineEscapes.add(text);
    if (this.rowChars + this.inlineText.length <= ROW_MAX_CHARS) return;
    this.rowCut = true;
    this.inlineEscapes.end();
    this.inlineText.take();
    this.cutRows++;
  }

  private cellValue(): CellValue {
    const v = this.value;
    switch (this.type) {
      case 's':
        return v.length === 0 ? v : this.context.strings.get(Number(v));
      case 'inlineStr':
      case 'str':
        this.inlineEscapes.end();
        return this.inlineText.take();
      case 'b':
        return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
      case 'e':
        return v;
      case 'd':
        return isoDateTime(v);
      default: {
        if (v.length === 0) return v;
        const isDate =
          (this.style >= 0 && this.context.dateStyles[this.style] === true) ||
          this.dateColumns?.[this.column] === true;
        return (isDate && serialToIso(Number(v), this.context.system)) || v;
      }
    }
  }
}

/** `C5` → 2 (zero-based); -1 when the reference has no column letters. `$` anchors are ignored. */
export function columnIndex(ref: string): number {
  let n = 0;
  let letters = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper-case
    if (c >= 65 && c <= 90) {
      n = n * 26 + (c - 64);
      if (++letters > 3) return -1;
    } else if (ref.charCodeAt(i) !== 0x24 /* $ */) break;
  }
  return letters === 0 ? -1 : n - 1;
}

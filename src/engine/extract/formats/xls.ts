import { textSource } from '../byte-source.js';
import { stringsText } from '../strings-segments.js';
import {
  BiffError,
  type BiffRecord,
  ContinuedReader,
  continuations,
  f64,
  RECORD,
  recordAt,
  recordString,
  records,
  rkNumber,
  u16,
  u32,
} from './biff-records.js';
import {
  type DateSystem,
  isBuiltinDateFormat,
  isDateFormatCode,
  isDateHeader,
  serialToIso,
} from './office-dates.js';
import { errorPart } from './office-package.js';
import { CsvPieces, cellText, TextPieces } from './office-text.js';
import type { Part } from './types.js';

/**
 * A legacy Excel workbook (.xls, BIFF8), read cell by cell into the same parts an .xlsx gives: a CSV table
 * per worksheet, `book.xls!/Customers`, in tab order, and its notes and text boxes as
 * `book.xls!/Customers/comments`. Numbers are written as stored and date serials as ISO dates, by the same
 * rules as .xlsx, so an NHS number kept as a number and a birth date kept as a date are seen, under their
 * headers. Returns null when the stream is not a BIFF8 workbook that can be read (BIFF5 and older, a broken
 * record): the caller falls back to printable strings. A workbook with a FILEPASS record is encrypted.
 *
 * The globals and every sheet's extent are read first; the sheets are then read one at a time, as the caller
 * asks for them, and each sheet's text is written a piece at a time as the caller reads it (a member of
 * unknown size, like a database table): a workbook's or a sheet's text is never all in memory at once, and
 * the caller can stop part-way through a sheet (a spent expansion budget) or between sheets (the time
 * budget).
 */
export function xlsParts(stream: Uint8Array, path: string): Iterable<Part> | null {
  let book: Globals | 'encrypted' | null;
  try {
    book = readGlobals(stream);
    if (book === 'encrypted') return [errorPart('ENCRYPTED', path, 'password-protected Excel workbook')];
    if (book === null) return null;
    findExtents(stream, book.sheets);
  } catch (e) {
    if (e instanceof BiffError) return null;
    throw e;
  }
  return sheetParts(stream, path, book);
}

function* sheetParts(stream: Uint8Array, path: string, book: Globals): Generator<Part> {
  for (const [i, sheet] of book.sheets.entries()) {
    const name = sheet.name || `sheet-${i + 1}`;
    if (sheet.end === 'not-a-sheet' || sheet.end === 'overlaps') {
      const why =
        sheet.end === 'overlaps' ? 'the sheet overlaps another sheet' : 'the sheet has no worksheet records';
      yield errorPart('CORRUPT', `${path}!/${name}`, why);
      continue;
    }
    let read: { rows: Map<number, Cell[]>; notes: BiffRecord[] };
    try {
      read = readSheet(stream, sheet.at, book);
    } catch (e) {
      if (!(e instanceof BiffError)) throw e;
      // A broken record inside the sheet: its bytes are searched through their strings, as a broken book is.
      const text = stringsText(stream.subarray(sheet.at, sheet.end));
      yield { kind: 'text', name, text, inspection: 'strings' };
      continue;
    }
    const { rows, notes } = read;
    yield { kind: 'member', name, inspection: 'office', source: textSource(() => sheetText(rows, book)) };
    if (notes.length > 0) {
      const source = textSource(() => notesText(stream, notes));
      yield { kind: 'stream', name: `${name}/comments`, inspection: 'office', source };
    }
  }
}

/**
 * Where each sheet ends, walking record headers only. Sheets lie apart: a sheet that starts inside one
 * already found (a crafted file listing one sheet's offset thousands of times) would only read the same
 * records again, so it is marked as overlapping and not walked. Taken in offset order (tab order among
 * equal offsets), every byte of the stream is walked at most once.
 */
function findExtents(stream: Uint8Array, sheets: SheetRef[]): void {
  const byOffset = [...sheets].sort((a, b) => a.at - b.at); // stable: tab order among equals
  let claimedTo = 0;
  for (const sheet of byOffset) {
    if (sheet.at < claimedTo) sheet.end = 'overlaps';
    else {
      sheet.end = sheetEnd(stream, sheet.at);
      if (typeof sheet.end === 'number') claimedTo = sheet.end;
    }
  }
}

interface SheetRef {
  name: string;
  /** Offset of the sheet's BOF record in the stream. */
  at: number;
  /** Offset just past the sheet's EOF (or the stream's end), or why the sheet is not read. */
  end: number | 'not-a-sheet' | 'overlaps';
}

interface Globals {
  sheets: SheetRef[];
  strings: string[];
  /** For each XF (cell format), by index: whether its number format shows a date. */
  dateXfs: boolean[];
  system: DateSystem;
}

const BIFF8 = 0x0600;
/** BOF substream types (`dt`): the globals; a worksheet (or dialog sheet) and an XLM macro sheet. */
const GLOBALS = 0x0005;
const SHEET_SUBSTREAMS = new Set([0x0010, 0x0040]);
const SHEET_TYPES = new Set([0 /* worksheet */, 1 /* macro sheet */]);

/** The workbook globals, from the first BOF to its EOF: sheets, shared strings, formats, the date system. */
function readGlobals(stream: Uint8Array): Globals | 'encrypted' | null {
  const bof = recordAt(stream, 0);
  if (bof?.type !== RECORD.BOF || u16(bof.data, 2) !== GLOBALS) return null;
  const book: Globals = { sheets: [], strings: [], dateXfs: [], system: 1900 };
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  for (const r of records(stream, bof.data.length + 4)) {
    if (r.type === RECORD.EOF) break;
    switch (r.type) {
      case RECORD.FILEPASS:
        // Whatever the version: what follows is ciphertext (RC4, CryptoAPI or XOR obfuscation).
        return 'encrypted';
      case RECORD.DATEMODE:
        if (u16(r.data, 0) === 1) book.system = 1904;
        break;
      case RECORD.BOUNDSHEET:
        if (SHEET_TYPES.has(r.data[5] ?? -1)) {
          book.sheets.push({ at: u32(r.data, 0), end: 'not-a-sheet', name: recordString(r.data, 6, 1) });
        }
        break;
      case RECORD.FORMAT:
        formats.set(u16(r.data, 0), recordString(r.data, 2, 2));
        break;
      case RECORD.XF:
        xfFormats.push(u16(r.data, 2));
        break;
      case RECORD.SST:
        book.strings = sharedStrings(stream, r);
        break;
    }
  }
  // BIFF5 and older keep strings in a code page and another layout: read through strings instead.
  if (u16(bof.data, 0) !== BIFF8) return null;
  book.dateXfs = xfFormats.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id);
  });
  return book;
}

/** The SST: every shared string, read across its CONTINUE records. */
function sharedStrings(stream: Uint8Array, sst: BiffRecord): string[] {
  const unique = u32(sst.data, 4);
  const reader = new ContinuedReader([sst.data, ...continuations(stream, sst)], 8);
  const strings: string[] = [];
  for (let i = 0; i < unique; i++) strings.push(reader.unicodeString());
  return strings;
}

/** A number waiting for the header row to say whether its column holds dates. */
interface NumberCell {
  value: number;
  xf: number;
}
type Cell = string | NumberCell;

/** Error codes as Excel shows them, for BOOLERR and formula results. */
const ERRORS: Record<number, string> = {
  0: '#NULL!',
  7: '#DIV/0!',
  15: '#VALUE!',
  23: '#REF!',
  29: '#NAME?',
  36: '#NUM!',
  42: '#N/A',
};
/** Excel's last column in BIFF8, IV. */
const MAX_COLUMNS = 256;

/**
 * Where the sheet whose BOF is at `at` ends: just past its own EOF, nested substreams (a chart) included,
 * or at the stream's end, when `at` is a worksheet's or macro sheet's BOF.
 */
function sheetEnd(stream: Uint8Array, at: number): number | 'not-a-sheet' {
  const bof = recordAt(stream, at);
  if (bof?.type !== RECORD.BOF || !SHEET_SUBSTREAMS.has(u16(bof.data, 2))) return 'not-a-sheet';
  let depth = 0;
  let end = at;
  for (const r of records(stream, at)) {
    end = r.at + 4 + r.data.length;
    if (r.type === RECORD.BOF) depth++;
    else if (r.type === RECORD.EOF && --depth === 0) break;
  }
  return end;
}

/**
 * One sheet substream, from its BOF to its EOF: its cells by row and column (a shared string by reference,
 * so as many cells as the sheet has records, whatever text they name) and its notes (the TXO records that
 * hold text, read again as they are written). A chart or other substream nested inside the sheet is skipped.
 * `at` is a sheet's BOF.
 */
function readSheet(
  stream: Uint8Array,
  at: number,
  book: Globals,
): { rows: Map<number, Cell[]>; notes: BiffRecord[] } {
  const rows = new Map<number, Cell[]>();
  const notes: BiffRecord[] = [];
  const put = (data: Uint8Array, col: number, cell: Cell) => {
    if (col >= MAX_COLUMNS || cell === '') return;
    const row = u16(data, 0);
    const cells = rows.get(row) ?? [];
    if (cells.length === 0) rows.set(row, cells);
    cells[col] = cell;
  };
  let depth = 0;
  let formulaString: Uint8Array | null = null;
  for (const r of records(stream, at)) {
    if (r.type === RECORD.BOF) depth++;
    else if (r.type === RECORD.EOF && --depth === 0) break;
    if (depth !== 1) continue;
    const d = r.data;
    switch (r.type) {
      case RECORD.LABELSST:
        put(d, u16(d, 2), book.strings[u32(d, 6)] ?? '');
        break;
      case RECORD.LABEL:
        put(d, u16(d, 2), recordString(d, 6, 2));
        break;
      case RECORD.NUMBER:
        put(d, u16(d, 2), { value: f64(d, 6), xf: u16(d, 4) });
        break;
      case RECORD.RK:
        put(d, u16(d, 2), { value: rkNumber(u32(d, 6)), xf: u16(d, 4) });
        break;
      case RECORD.MULRK: {
        const first = u16(d, 2);
        for (let i = 0, p = 4; p + 6 <= d.length - 2; i++, p += 6) {
          put(d, first + i, { value: rkNumber(u32(d, p + 2)), xf: u16(d, p) });
        }
        break;
      }
      case RECORD.BOOLERR:
        put(d, u16(d, 2), booleanOrError(d[6] ?? 0, d[7] === 1));
        break;
      case RECORD.FORMULA: {
        formulaString = null;
        const result = formulaResult(d);
        if (result === 'string') formulaString = d;
        else if (result !== null) put(d, u16(d, 2), result);
        break;
      }
      case RECORD.STRING:
        // The cached text of the string formula just before it.
        if (formulaString) {
          const text = new ContinuedReader([d, ...continuations(stream, r)]).unicodeString();
          put(formulaString, u16(formulaString, 2), text);
          formulaString = null;
        }
        break;
      case RECORD.TXO:
        if (textObject(stream, r).length > 0) notes.push(r);
        break;
    }
  }
  return { rows, notes };
}

/** A FORMULA record's cached result: a number, TRUE/FALSE, an error, or 'string' (the next STRING holds it). */
function formulaResult(d: Uint8Array): Cell | 'string' | null {
  if (u16(d, 12) !== 0xffff) return { value: f64(d, 6), xf: u16(d, 4) };
  switch (d[6]) {
    case 0:
      return 'string';
    case 1:
      return booleanOrError(d[8] ?? 0, false);
    case 2:
      return booleanOrError(d[8] ?? 0, true);
    default:
      return null; // 3: an empty string
  }
}

function booleanOrError(value: number, isError: boolean): string {
  if (isError) return ERRORS[value] ?? '#N/A';
  return value === 1 ? 'TRUE' : 'FALSE';
}

/** A sheet's notes and text boxes, a line each, in pieces as they are asked for. */
function* notesText(stream: Uint8Array, notes: readonly BiffRecord[]): Generator<string> {
  const out = new TextPieces();
  for (const txo of notes) {
    out.add(`${textObject(stream, txo)}\n`);
    yield* out.pieces();
  }
  yield* out.end();
}

/** A note's or text box's text: held in the CONTINUE records after its TXO, one line. */
function textObject(stream: Uint8Array, txo: BiffRecord): string {
  const count = u16(txo.data, 10);
  if (count === 0) return '';
  const reader = new ContinuedReader(continuations(stream, txo));
  const wide = (reader.u8() & 0x01) !== 0;
  return cellText(reader.chars(count, wide));
}

/**
 * The rows as CSV, in row order, in pieces as they are asked for. As in .xlsx, a number is a date when its
 * cell format shows a date or, after the header row, when its column's header names a date.
 */
function* sheetText(rows: Map<number, Cell[]>, book: Globals): Generator<string> {
  const csv = new CsvPieces();
  let dateColumns: boolean[] | null = null;
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const cells = rows.get(row) ?? [];
    const texts: (string | undefined)[] = cells.map((cell, col) => {
      if (typeof cell === 'string') return cell;
      const isDate = book.dateXfs[cell.xf] === true || dateColumns?.[col] === true;
      return (isDate && serialToIso(cell.value, book.system)) || String(cell.value);
    });
    if (csv.addRow(texts) && dateColumns === null) dateColumns = (csv.header ?? []).map(isDateHeader);
    yield* csv.pieces();
  }
  yield* csv.end();
}

import { createInflate } from 'node:zlib';
import { type ExpansionBudget, ExtractError } from '../limits.js';
import type { Part } from './types.js';

type Unpdf = typeof import('unpdf');
type PdfDocument = Awaited<ReturnType<Unpdf['getDocumentProxy']>>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** The part of pdf.js's text item we read; marked-content items have no `str` and are skipped. */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** pdf.js (bundled by unpdf) is large: loaded at the first PDF, once per process or worker. */
let unpdf: Promise<Unpdf> | null = null;
function loadUnpdf(): Promise<Unpdf> {
  unpdf ??= import('unpdf');
  return unpdf;
}

/** pdf.js logs warnings with console.log, which would corrupt a JSON report on stdout: errors only. */
const PDFJS_ERRORS_ONLY = 0;

/** Acrobat looks for the end-of-file marker within the last 1 KiB; we allow some trailing junk beyond it. */
const EOF_WINDOW = 4096;

/**
 * The text layer of a PDF, one part per page (`page-1`, `page-2` …), with the values of filled-in form fields
 * and comment annotations after each page's text. A password-protected PDF is ENCRYPTED; a PDF with no text at
 * all (a scanned image) is UNSUPPORTED, never clean, and so is a page that only paints an image.
 */
export async function* pdfParts(bytes: Uint8Array, path: string): AsyncGenerator<Part> {
  const { getResolvedPDFJS } = await loadUnpdf();
  const doc = await openPdf(bytes, path);
  try {
    const ops = (await getResolvedPDFJS()).OPS as Record<string, number>;
    const imageOps = new Set(IMAGE_OPS.map((name) => ops[name]));
    // Pages are held back only until one with text is seen: until then the whole PDF may be a scan.
    let held: Part[] | null = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { part, hasText } = await readPage(doc, n, path, imageOps);
      if (held && hasText) {
        yield* held;
        held = null;
      }
      if (held) held.push(part);
      else yield part;
    }
    if (held) {
      // No page had text. Pages that could not be read are CORRUPT; if any page was read, the PDF has no text layer.
      const unreadable = held.filter((p) => p.kind === 'error' && p.error.code === 'CORRUPT');
      if (unreadable.length < held.length || held.length === 0) {
        const error = new ExtractError('UNSUPPORTED', path, 'PDF has no text layer (scanned image?)');
        yield { kind: 'error', error };
      }
      yield* unreadable;
    }
    if (!hasEofMarker(bytes)) {
      yield { kind: 'error', error: new ExtractError('CORRUPT', path, 'PDF is truncated (no %%EOF marker)') };
    }
  } finally {
    await doc.destroy();
  }
}

async function openPdf(bytes: Uint8Array, path: string): Promise<PdfDocument> {
  const { getDocumentProxy } = await loadUnpdf();
  try {
    // A copy: pdf.js may take ownership of the buffer it is given, and `bytes` can be a view of a shared pool.
    return await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: PDFJS_ERRORS_ONLY,
      stopAtErrors: false,
      isEvalSupported: false,
    });
  } catch (e) {
    if ((e as Error | undefined)?.name === 'PasswordException') {
      throw new ExtractError('ENCRYPTED', path, 'password-protected PDF');
    }
    throw new ExtractError('CORRUPT', path, 'unreadable PDF structure');
  }
}

async function readPage(
  doc: PdfDocument,
  n: number,
  path: string,
  imageOps: ReadonlySet<number | undefined>,
): Promise<{ part: Part; hasText: boolean }> {
  const name = `page-${n}`;
  try {
    const page = await doc.getPage(n);
    try {
      const text = await pageText(page);
      if (text.trim() !== '') return { part: { kind: 'text', name, text, inspection: 'pdf' }, hasText: true };
      if (await paintsImages(page, imageOps)) {
        const detail = 'page has no text layer (scanned image?)';
        return {
          part: { kind: 'error', error: new ExtractError('UNSUPPORTED', `${path}!/${name}`, detail) },
          hasText: false,
        };
      }
      return { part: { kind: 'text', name, text, inspection: 'pdf' }, hasText: false };
    } finally {
      page.cleanup();
    }
  } catch {
    return {
      part: { kind: 'error', error: new ExtractError('CORRUPT', `${path}!/${name}`, 'unreadable page') },
      hasText: false,
    };
  }
}

/** pdf.js operators that paint a raster image: a page drawn only with these is likely a scan. */
const IMAGE_OPS = [
  'paintImageXObject',
  'paintInlineImageXObject',
  'paintInlineImageXObjectGroup',
  'paintImageXObjectRepeat',
  'paintImageMaskXObject',
  'paintImageMaskXObjectGroup',
  'paintImageMaskXObjectRepeat',
] as const;

/** Only asked of pages without text, so that a blank page is told apart from a scanned one. */
async function paintsImages(page: PdfPage, imageOps: ReadonlySet<number | undefined>): Promise<boolean> {
  const list = await page.getOperatorList();
  return list.fnArray.some((op) => imageOps.has(op));
}

async function pageText(page: PdfPage): Promise<string> {
  const content = await page.getTextContent();
  const lines = joinItems(content.items.filter((i): i is TextItem & typeof i => 'str' in i));
  const extra = annotationLines(await page.getAnnotations());
  return extra.length > 0 ? `${lines}\n${extra.join('\n')}` : lines;
}

/**
 * pdf.js gives positioned runs of text. Runs on one baseline are joined on one line (with a space where there is
 * a visible gap), a new line starts where the baseline moves or pdf.js marks an end of line, so an address block
 * comes out as lines.
 */
export function joinItems(items: readonly TextItem[]): string {
  let out = '';
  let last: { y: number; right: number; size: number } | null = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.transform[3] ?? 0) || item.height || 1;
    if (item.str !== '') {
      if (last && !out.endsWith('\n')) {
        if (Math.abs(y - last.y) > Math.min(size, last.size) / 2) out += '\n';
        else if (x - last.right > size * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
      }
      out += item.str;
      last = { y, right: x + item.width, size };
    }
    if (item.hasEOL && out !== '' && !out.endsWith('\n')) out += '\n';
  }
  return out.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
}

/** Filled-in form fields (`name: value`) and the text of comments: personal data often lives only there. */
function annotationLines(annotations: readonly Record<string, unknown>[]): string[] {
  const lines: string[] = [];
  for (const a of annotations) {
    const value = a.fieldValue;
    const values = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    if ((a.fieldType === 'Tx' || a.fieldType === 'Ch') && values.length > 0) {
      const label = typeof a.fieldName === 'string' && a.fieldName !== '' ? `${a.fieldName}: ` : '';
      lines.push(`${label}${values.join(', ')}`.replace(/\r\n?|\n/g, ' '));
    }
    const contents = (a.contentsObj as { str?: unknown } | undefined)?.str;
    if (typeof contents === 'string' && contents.trim() !== '') lines.push(contents);
  }
  return lines;
}

function hasEofMarker(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .subarray(Math.max(0, bytes.length - EOF_WINDOW))
    .includes('%%EOF', 0, 'latin1');
}

/** A stream's dictionary is looked for this far before its `stream` keyword. */
const DICT_WINDOW = 2048;

/**
 * Inflates every Flate stream of a PDF once, keeping nothing, and counts what comes out against the file's
 * expansion budget: pdf.js would otherwise inflate a 3 MB PDF holding a 3 GiB content stream into memory.
 * Over the limit (size or ratio), the budget stops the whole file with its reason.
 */
export async function checkPdfExpansion(
  bytes: Uint8Array,
  path: string,
  budget: ExpansionBudget,
): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Searched as bytes: a whole-file string would double the memory of a PDF up to the buffered limit.
  for (
    let at = buffer.indexOf('stream', 0, 'latin1');
    at !== -1;
    at = buffer.indexOf('stream', at + 6, 'latin1')
  ) {
    const eol = buffer[at + 6] === 0x0d ? at + 7 : at + 6;
    if (buffer[eol] !== 0x0a) continue;
    const before = buffer.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    // `endstream` ends with `stream` too; and only the dictionary of this object counts.
    if (before.endsWith('end') || !/\/(?:FlateDecode|Fl)\b/.test(before.slice(before.lastIndexOf('obj'))))
      continue;
    const start = eol + 1;
    const end = buffer.indexOf('endstream', start, 'latin1');
    if (end === -1) break;
    await inflatedBytes(buffer.subarray(start, end), (n) => budget.bytes(n, path));
    at = end;
  }
}

/** Streams one Flate stream through zlib, handing on the size of each piece; a broken stream just ends. */
function inflatedBytes(data: Buffer, count: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate();
    inflate.on('data', (chunk: Buffer) => {
      try {
        count(chunk.length);
      } catch (e) {
        inflate.destroy();
        reject(e);
      }
    });
    // pdf.js reads damaged streams as far as they go; a stream zlib rejects is not this check's business.
    inflate.on('error', () => resolve());
    inflate.on('end', () => resolve());
    inflate.end(data);
  });
}

// Builders for minimal office documents (only the parts a reader needs), zipped with fflate. Test code only.
import { strToU8, zipSync } from 'fflate';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])),
  );
}

const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;

function rels(targets: [id: string, type: string, target: string][]): string {
  const body = targets
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`)
    .join('');
  return `${XML}<Relationships xmlns="${PKG_REL}">${body}</Relationships>`;
}

/** A Word paragraph of runs; `\t` becomes `<w:tab/>`, `\n` becomes `<w:br/>`. */
export function wp(text: string): string {
  const runs = text
    .split(/(\t|\n)/)
    .map((piece) =>
      piece === '\t'
        ? '<w:r><w:tab/></w:r>'
        : piece === '\n'
          ? '<w:r><w:br/></w:r>'
          : piece
            ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(piece)}</w:t></w:r>`
            : '',
    )
    .join('');
  return `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs}</w:p>`;
}

/** A Word table; each cell one paragraph. */
export function wtable(rows: string[][]): string {
  const tr = rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${wp(c)}</w:tc>`).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr/>${tr}</w:tbl>`;
}

export function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  return zip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ...Object.fromEntries(
      Object.entries(parts).map(([name, inner]) => [
        name,
        `${XML}<w:${rootOf(name)} xmlns:w="${W}">${inner}</w:${rootOf(name)}>`,
      ]),
    ),
  });
}

function rootOf(part: string): string {
  if (/header/.test(part)) return 'hdr';
  if (/footer/.test(part)) return 'ftr';
  if (/footnotes/.test(part)) return 'footnotes';
  return 'comments';
}

export type CellInput = string | number | boolean | null | { v: number; s: number } | { inline: string };

export interface SheetInput {
  name: string;
  rows: CellInput[][];
  /** Raw sheet XML instead of rows (to break it). */
  xml?: string;
}

/**
 * An xlsx: strings shared, numbers as `<v>`, `{ v, s }` a number with a cell style; `comments`, the XML of
 * the first sheet's comments part.
 */
export function xlsx(
  sheets: SheetInput[],
  options: { date1904?: boolean; styles?: string; comments?: string; files?: Record<string, string> } = {},
): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const files: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
  };
  sheets.forEach((sheet, n) => {
    const rowsXml = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((cell, c) => {
            const ref = `${colName(c)}${r + 1}`;
            if (cell === null) return '';
            if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${sst(cell)}</v></c>`;
            if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
            if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
            if ('inline' in cell)
              return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
            return `<c r="${ref}" s="${cell.s}"><v>${cell.v}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    files[`xl/worksheets/sheet${n + 1}.xml`] =
      sheet.xml ?? `${XML}<worksheet xmlns="${S}"><sheetData>${rowsXml}</sheetData></worksheet>`;
  });
  const sheetList = sheets
    .map((s, n) => `<sheet name="${esc(s.name)}" sheetId="${n + 1}" r:id="rId${n + 1}"/>`)
    .join('');
  files['xl/workbook.xml'] =
    `${XML}<workbook xmlns="${S}" xmlns:r="${R}">${options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheetList}</sheets></workbook>`;
  const n = sheets.length;
  files['xl/_rels/workbook.xml.rels'] = rels([
    ...sheets.map((_, i): [string, string, string] => [
      `rId${i + 1}`,
      'worksheet',
      `worksheets/sheet${i + 1}.xml`,
    ]),
    [`rId${n + 1}`, 'sharedStrings', 'sharedStrings.xml'],
    [`rId${n + 2}`, 'styles', 'styles.xml'],
  ]);
  files['xl/sharedStrings.xml'] =
    `${XML}<sst xmlns="${S}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`;
  files['xl/styles.xml'] =
    options.styles ??
    `${XML}<styleSheet xmlns="${S}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  if (options.comments !== undefined) {
    files['xl/worksheets/_rels/sheet1.xml.rels'] = rels([['rId1', 'comments', '../comments1.xml']]);
    files['xl/comments1.xml'] = options.comments;
  }
  return zip({ ...files, ...options.files });
}

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A pptx; each slide a list of paragraphs (and optional table rows, and speaker notes). */
export function pptx(slides: { paragraphs: string[]; table?: string[][]; notes?: string[] }[]): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'ppt/presentation.xml']]),
  };
  // Listed in reverse file order, to prove the show order comes from sldIdLst.
  const order = slides.map((_, i) => i);
  const ids = order.map((i) => `<p:sldId id="${256 + i}" r:id="rId${i + 2}"/>`).join('');
  files['ppt/presentation.xml'] =
    `${XML}<p:presentation xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"><p:sldIdLst>${ids}</p:sldIdLst></p:presentation>`;
  files['ppt/_rels/presentation.xml.rels'] = rels(
    order.map((i): [string, string, string] => [
      `rId${i + 2}`,
      'slide',
      `slides/slide${slides.length - i}.xml`,
    ]),
  );
  slides.forEach((slide, i) => {
    const paras = slide.paragraphs.map(
      (t) => `<a:p><a:r><a:rPr lang="en-GB"/><a:t>${esc(t)}</a:t></a:r></a:p>`,
    );
    const table = slide.table
      ? `<p:graphicFrame><a:graphic><a:graphicData><a:tbl>${slide.table
          .map(
            (r) =>
              `<a:tr h="370840">${r.map((c) => `<a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>${esc(c)}</a:t></a:r></a:p></a:txBody></a:tc>`).join('')}</a:tr>`,
          )
          .join('')}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
      : '';
    const n = slides.length - i;
    files[`ppt/slides/slide${n}.xml`] =
      `${XML}<p:sld xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>${paras.join('')}</p:txBody></p:sp>${table}</p:spTree></p:cSld></p:sld>`;
    if (slide.notes) {
      files[`ppt/slides/_rels/slide${n}.xml.rels`] = rels([
        ['rId1', 'notesSlide', `../notesSlides/notesSlide${n}.xml`],
      ]);
      const notes = slide.notes.map((t) => `<a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p>`).join('');
      files[`ppt/notesSlides/notesSlide${n}.xml`] =
        `${XML}<p:notes xmlns:a="${A}" xmlns:p="${P}"><p:cSld><p:spTree><p:sp><p:txBody>${notes}</p:txBody></p:sp></p:spTree></p:cSld></p:notes>`;
    }
  });
  return zip(files);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"';

/** An ODF package: `mimetype` first, then content.xml and a manifest. */
export function odf(
  kind: 'text' | 'spreadsheet',
  body: string,
  options: { manifest?: string; files?: Record<string, string> } = {},
): Uint8Array {
  const mimetype = `application/vnd.oasis.opendocument.${kind}`;
  return zip({
    mimetype,
    'content.xml': `${XML}<office:document-content ${ODF_NS} office:version="1.3"><office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`,
    'META-INF/manifest.xml':
      options.manifest ??
      `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    ...options.files,
  });
}

/**
 * An ODF table row; a cell is text, a float, a date (`{ date }`), an empty run (`{ empty: n }`) or a text
 * repeated across columns (`{ text, columns }`).
 */
export function odsRow(
  cells: (string | number | { date: string } | { empty: number } | { text: string; columns: number })[],
  repeat = 1,
): string {
  const xml = cells
    .map((c) => {
      if (typeof c === 'number')
        return `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>`;
      if (typeof c === 'string')
        return `<table:table-cell office:value-type="string"><text:p>${esc(c)}</text:p></table:table-cell>`;
      if ('columns' in c)
        return `<table:table-cell table:number-columns-repeated="${c.columns}" office:value-type="string"><text:p>${esc(c.text)}</text:p></table:table-cell>`;
      if ('date' in c)
        return `<table:table-cell office:value-type="date" office:date-value="${c.date}"><text:p>03/04/61</text:p></table:table-cell>`;
      return `<table:table-cell table:number-columns-repeated="${c.empty}"/>`;
    })
    .join('');
  return `<table:table-row${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${xml}</table:table-row>`;
}

/**
 * An ods table that expands without end: a row of `text` across all 16,384 columns (17 cells repeated up to
 * 1,000 times), repeated 1,000 times: 16 million fields from a few hundred bytes of XML.
 */
export function odsBombTable(name: string, text: string): string {
  const row = [...Array(16).fill({ text, columns: 1000 }), { text, columns: 384 }];
  return `<table:table table:name="${esc(name)}">${odsRow(row, 1000)}</table:table>`;
}

/** An ods table of string cells. */
export function odsTable(name: string, rows: string[][]): string {
  return `<table:table table:name="${esc(name)}">${rows.map((r) => odsRow(r)).join('')}</table:table>`;
}

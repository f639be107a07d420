import { describe, expect, it } from 'vitest';
import type { Entry } from 'yauzl';
import { officeParts } from '../../../../src/engine/extract/formats/index.js';
import { PIECE_CHARS } from '../../../../src/engine/extract/formats/office-text.js';
import type { Part } from '../../../../src/engine/extract/formats/types.js';
import { openZip } from '../../../../src/engine/extract/formats/zip.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../../../../src/engine/extract/limits.js';
import { readAll } from '../../../../src/engine/extract/peek.js';
import { docx, odf, odsBombTable, odsRow, odsTable, pptx, wp, wtable, xlsx, zip } from './office-build.js';
import { expectStopsWithinAPiece, type Seen, seenParts } from './seen-parts.js';

// The text each office extractor hands to the scanner, exactly.

async function parts(path: string, bytes: Uint8Array): Promise<Seen[] | null> {
  const archive = await openZip({ bytes }, path, new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
  try {
    const found = officeParts(archive, path);
    return found ? await seenParts(found) : null;
  } finally {
    archive.close();
  }
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * Runs `check` on a document's office parts, told how many bytes of its part `counted` have been read so far
 * and how big that part is: what was handed on before the part was read to its end.
 */
async function withReads(
  path: string,
  bytes: Uint8Array,
  counted: string,
  check: (parts: AsyncIterator<Part>, read: () => number, size: number) => Promise<void>,
): Promise<void> {
  const archive = await openZip({ bytes }, path, new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
  try {
    let read = 0;
    const zip = {
      ...archive,
      source(entry: Entry) {
        const source = archive.source(entry);
        if (entry.fileName !== counted) return source;
        return {
          size: source.size,
          async *chunks() {
            for await (const chunk of source.chunks()) {
              read += chunk.length;
              yield chunk;
            }
          },
        };
      },
    };
    const found = officeParts(zip, path)?.[Symbol.asyncIterator]();
    if (!found) throw new Error(`${path} is not read as an office document`);
    const size = archive.entries.find((e) => e.fileName === counted)?.uncompressedSize ?? 0;
    await check(found, () => read, size);
  } finally {
    archive.close();
  }
}

describe('docx text', () => {
  it('a line per paragraph, tabs and breaks kept, tab stops and field codes left out, tables as TSV', async () => {
    const body =
      wp('Name:\tJane Smith') +
      wp('14 Larkspur Close\nLeeds') +
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:t>7</w:t></w:r><w:del><w:r><w:delText>old text</w:delText></w:r></w:del></w:p>' +
      wtable([
        ['Name', 'DOB'],
        ['Jane Smith', '03/04/1961'],
      ]);
    expect(await parts('a.docx', docx(body))).toEqual([
      {
        name: null,
        text: 'Name:\tJane Smith\n14 Larkspur Close\nLeeds\n7old text\nName\tDOB\nJane Smith\t03/04/1961\n',
      },
    ]);
  });

  it("a table inside a cell is read on that cell's line, its own cells and rows apart by a space", async () => {
    const inner = wtable([
      ['Jane\tSmith', '03/04/1961'],
      ['Priya Patel', ''],
    ]);
    const body = `<w:tbl><w:tr><w:tc>${wp('People:')}${inner}${wp('end')}</w:tc><w:tc>${wp('x')}</w:tc></w:tr></w:tbl>`;
    expect(await parts('n.docx', docx(body))).toEqual([
      { name: null, text: 'People: Jane Smith 03/04/1961 Priya Patel end\tx\n' },
    ]);
  });

  it('a table row cut short by broken XML is scanned as far as it goes', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': `<w:document ${W}><w:body>${wp('before')}<w:tbl><w:tr><w:tc>${wp('Jane Smith')}</w:tc><w:tc><w:p><w:r><w:t>03/04`,
    });
    expect(await parts('c.docx', bytes)).toEqual([
      { name: null, text: 'before\nJane Smith\t03/04' },
      { error: 'CORRUPT', path: 'c.docx' },
    ]);
  });

  it('a merged cell keeps the columns aligned; text inside a cell stays on one line', async () => {
    const row = (cells: string) => `<w:tr>${cells}</w:tr>`;
    const cell = (text: string, span = 1) =>
      `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>${wp(text)}</w:tc>`;
    const body = `<w:tbl>${row(cell('Name') + cell('Address', 2) + cell('DOB'))}${row(
      cell('Jane Smith') + cell('14 Larkspur Close\nLeeds', 2) + cell('03/04/1961'),
    )}</w:tbl>`;
    expect(await parts('a.docx', docx(body))).toEqual([
      { name: null, text: 'Name\tAddress\t\tDOB\nJane Smith\t14 Larkspur Close Leeds\t\t03/04/1961\n' },
    ]);
  });

  it('reads text once where a drawing repeats it in a fallback, and headers after the body', async () => {
    const textbox = (t: string) => `<w:txbxContent>${wp(t)}</w:txbxContent>`;
    const body = `<w:p><w:r><mc:AlternateContent xmlns:mc="mc"><mc:Choice>${textbox('In a box')}</mc:Choice><mc:Fallback>${textbox('In a box')}</mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    expect(await parts('a.docx', docx(body, { 'word/header1.xml': wp('Private & Confidential') }))).toEqual([
      { name: null, text: ' In a box\n\n\nPrivate & Confidential\n' },
    ]);
  });

  it('finds a body stored under another name through the package relationships', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>',
      'word/document2.xml': `<w:document ${W}><w:body>${wp('Found')}</w:body></w:document>`,
    });
    expect(await parts('a.docx', bytes)).toEqual([{ name: null, text: 'Found\n' }]);
  });

  it('a header part that is not well-formed is an error for the document; the body is still read', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': `<w:document ${W}><w:body>${wp('Body text')}</w:body></w:document>`,
      'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>Head</w:t></w:r></w:hdr>`,
    });
    expect(await parts('a.docx', bytes)).toEqual([
      { name: null, text: 'Body text\n\nHead\n' },
      { error: 'CORRUPT', path: 'a.docx' },
    ]);
  });
});

describe('a document longer than the budget', () => {
  it('docx: is a stream handed on while its XML is read, a table cell too, never whole', async () => {
    // A body of one table whose first cell holds 4 million characters, then a paragraph.
    const cell = `${'Jane Smith '.repeat(400_000)}`;
    const bytes = docx(wtable([[cell, 'b']]) + wp('after'));
    await withReads('t.docx', bytes, 'word/document.xml', async (found, read, size) => {
      const part = (await found.next()).value as Part;
      expect(part).toMatchObject({ kind: 'stream', name: null, inspection: 'office' });
      if (part.kind !== 'stream') return;
      const chunks = part.source.chunks()[Symbol.asyncIterator]();
      const first = (await chunks.next()).value as Uint8Array;
      expect(first.length).toBe(PIECE_CHARS);
      expect(read()).toBeLessThan(size / 2);
      let text = new TextDecoder().decode(first);
      for (let c = await chunks.next(); !c.done; c = await chunks.next())
        text += new TextDecoder().decode(c.value);
      expect(text).toBe(`${cell.trim()}\tb\nafter\n`);
    });
  });

  it.each([
    ['a.docx', () => docx(wp('Jane Smith '.repeat(400_000))), 'a.docx'],
    ['a.odt', () => odf('text', `<text:p>${'Jane Smith '.repeat(400_000)}</text:p>`), 'a.odt'],
    ['a.pptx', () => pptx([{ paragraphs: ['Jane Smith '.repeat(400_000)] }]), 'a.pptx!/slide-1'],
  ])('%s: a budget spent part-way stops the stream within a piece', async (path, make, at) => {
    const bytes = make();
    const archive = await openZip({ bytes }, path, new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
    try {
      const found = officeParts(archive, path)?.[Symbol.asyncIterator]();
      if (!found) throw new Error('not read as an office document');
      await expectStopsWithinAPiece((await found.next()).value, at, 0, 'stream');
    } finally {
      archive.close();
    }
  });
});

describe('xlsx sheets', () => {
  it('places cells by reference, quotes per RFC 4180, and writes strings, booleans and numbers as stored', async () => {
    const sheet =
      '<worksheet><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>note</t></is></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="s"><v>1</v></c><c r="D3"><v>1.5E-3</v></c></row>' +
      '<row r="4"><c r="C4" t="str"><f>A1&amp;"!"</f><v>Formula &lt;ok&gt;</v></c><c r="E4" t="e"><v>#N/A</v></c></row>' +
      '</sheetData></worksheet>';
    const strings =
      '<sst><si><r><t>Smith, </t></r><r><rPr><b/></rPr><t>Jane</t></r><rPh><t>スミス</t></rPh></si>' +
      '<si><t>said "hi"_x000D_\nthen left</t></si></sst>';
    const bytes = xlsx([{ name: 'People', rows: [], xml: sheet }], {
      files: { 'xl/sharedStrings.xml': strings },
    });
    expect(await parts('b.xlsx', bytes)).toEqual([
      {
        name: 'People',
        text: 'name,,note\n"Smith, Jane",TRUE,"said ""hi"" then left",1.5E-3\n,,Formula <ok>,,#N/A\n',
      },
    ]);
  });

  it('writes date serials as ISO dates: by date format, by a date header, in the 1904 system', async () => {
    const styles =
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>' +
      '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>';
    const rows = [
      ['Ref', 'Joined', 'Renewed', 'Score', 'DOB', 'Stamp'],
      [1001, { v: 44605, s: 1 }, { v: 45529, s: 2 }, { v: 44605, s: 3 }, 22374, { v: 45529.75, s: 4 }],
      [1002, { v: 60, s: 1 }, { v: 61, s: 2 }, { v: 7.5, s: 3 }, 0, { v: 1, s: 4 }],
    ];
    expect(await parts('c.xlsx', xlsx([{ name: 'S', rows }], { styles }))).toEqual([
      {
        name: 'S',
        text:
          'Ref,Joined,Renewed,Score,DOB,Stamp\n' +
          '1001,2022-02-13,2024-08-25,44605,1961-04-03,2024-08-25 18:00:00\n' +
          '1002,1900-02-29,1900-03-01,7.5,0,1900-01-01\n',
      },
    ]);
    const book1904 = xlsx([{ name: 'S', rows: [['date_of_birth'], [20912]] }], { date1904: true });
    expect(await parts('d.xlsx', book1904)).toEqual([{ name: 'S', text: 'date_of_birth\n1961-04-03\n' }]);
  });

  it('names sheets from the workbook in tab order; a missing or unreadable sheet is an error for that sheet', async () => {
    const bytes = xlsx(
      [
        { name: 'Zeta', rows: [['a'], ['1']] },
        { name: 'Alpha & Co', rows: [['b'], ['2']] },
      ],
      { files: { 'xl/worksheets/sheet2.xml': '<worksheet><sheetData><row><c t="inlineStr"><is><t>b</t>' } },
    );
    expect(await parts('e.xlsx', bytes)).toEqual([
      { name: 'Zeta', text: 'a\n1\n' },
      { name: 'Alpha & Co', text: '' },
      { error: 'CORRUPT', path: 'e.xlsx!/Alpha & Co' },
    ]);
  });

  it('without a workbook part the worksheets are still read, by file name, and the workbook is corrupt', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>',
    });
    expect(await parts('f.xlsx', bytes)).toEqual([
      { error: 'CORRUPT', path: 'f.xlsx' },
      { name: 'sheet1', text: 'x\n' },
    ]);
  });

  it("reads a sheet's cell comments as a part of their own, without their authors", async () => {
    const comments =
      '<comments><authors><author>Jane Author</author></authors><commentList>' +
      '<comment ref="A2" authorId="0"><text><r><t>Called </t></r><r><rPr><b/></rPr><t>Mrs Smith</t></r></text></comment>' +
      '<comment ref="B2" authorId="0"><text><t>DOB checked:_x000D_\n03/04/1961</t></text></comment></commentList></comments>';
    const bytes = xlsx([{ name: 'S', rows: [['a'], ['1']] }], { comments });
    expect(await parts('c.xlsx', bytes)).toEqual([
      { name: 'S', text: 'a\n1\n' },
      { name: 'S/comments', text: 'Called Mrs Smith\nDOB checked: 03/04/1961\n' },
    ]);
  });

  it('comments longer than the budget are a stream stopped within a piece, never whole', async () => {
    // One comment of 8 million characters: 8 KB of zip. Built whole, it was not charged to the budget.
    const comments = `<comments><commentList><comment ref="A1"><text><t>${'Aa '.repeat(2_700_000)}</t></text></comment></commentList></comments>`;
    const bytes = xlsx([{ name: 'S', rows: [['a']] }], { comments });
    const archive = await openZip({ bytes }, 'c.xlsx', new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
    try {
      const found = officeParts(archive, 'c.xlsx')?.[Symbol.asyncIterator]();
      if (!found) throw new Error('not read as a workbook');
      await found.next(); // the sheet
      await expectStopsWithinAPiece((await found.next()).value, 'c.xlsx!/S/comments', 0, 'stream');
    } finally {
      archive.close();
    }
  });

  it('a cell reference past the last column is taken as the next column, not 16,000 commas', async () => {
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>' +
      '<c r="ZZZZ1" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>';
    expect(await parts('g.xlsx', xlsx([{ name: 'S', rows: [], xml: sheet }]))).toEqual([
      { name: 'S', text: 'a,b\n' },
    ]);
  });
});

describe('an xlsx sheet that expands without end', () => {
  it('is a member written as its XML is read: a budget spent part-way stops it within a piece', async () => {
    // 2 rows of 256 cells naming one 65,535-character shared string: 33 million characters from a 20 KB zip.
    const long = 'A'.repeat(65535);
    const bytes = xlsx([{ name: 'Bomb', rows: [Array(256).fill(long), Array(256).fill(long)] }]);
    const archive = await openZip({ bytes }, 'b.xlsx', new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
    try {
      const parts = officeParts(archive, 'b.xlsx')?.[Symbol.asyncIterator]();
      if (!parts) throw new Error('not read as a workbook');
      await expectStopsWithinAPiece((await parts.next()).value, 'b.xlsx!/Bomb', long.length);
      await parts.return?.(undefined);
    } finally {
      archive.close();
    }
  });
});

describe('an ods table that expands without end', () => {
  it('is a member written as content.xml is read: a budget spent part-way stops it within a piece', async () => {
    // A row of 16,384 cells repeated 1,000 times: 344 million characters from a 2 KB file. Built whole, it
    // was held up to 64 million characters, and not charged to the budget at all.
    const text = 'A'.repeat(20);
    const bytes = odf('spreadsheet', odsBombTable('Bomb', text) + odsTable('After', [['x']]));
    const archive = await openZip({ bytes }, 'b.ods', new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
    try {
      const found = officeParts(archive, 'b.ods')?.[Symbol.asyncIterator]();
      if (!found) throw new Error('not read as an ods');
      await expectStopsWithinAPiece((await found.next()).value, 'b.ods!/Bomb', text.length);
      // The rest of the bomb is passed over, not written, and the next table is still handed on.
      expect(await seenParts({ [Symbol.asyncIterator]: () => found })).toEqual([
        { name: 'After', text: 'x\n' },
      ]);
    } finally {
      archive.close();
    }
  });
});

describe('pptx slides', () => {
  it("a slide's speaker notes follow its own text", async () => {
    const bytes = pptx([
      { paragraphs: ['Visits'], notes: ['Call Jane Smith', 'DOB 03/04/1961'] },
      { paragraphs: ['End'] },
    ]);
    expect(await parts('n.pptx', bytes)).toEqual([
      { name: 'slide-1', text: 'Visits\n\nCall Jane Smith\nDOB 03/04/1961\n' },
      { name: 'slide-2', text: 'End\n' },
    ]);
  });

  it('one part per slide in the order of sldIdLst, paragraphs a line each, tables as TSV', async () => {
    const bytes = pptx([
      { paragraphs: ['First shown', 'stored as slide3.xml'] },
      { paragraphs: ['Second'], table: [['a', 'b']] },
      { paragraphs: ['Third'] },
    ]);
    expect(await parts('d.pptx', bytes)).toEqual([
      { name: 'slide-1', text: 'First shown\nstored as slide3.xml\n' },
      { name: 'slide-2', text: 'Second\na\tb\n' },
      { name: 'slide-3', text: 'Third\n' },
    ]);
  });
});

describe('ODF', () => {
  it('odt: headings and paragraphs a line each, spaces, tabs and breaks, headers and footers from styles', async () => {
    const body =
      '<text:h>Title</text:h><text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d</text:p>' +
      '<table:table><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell>' +
      '<table:covered-table-cell/><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row></table:table>' +
      '<text:p>Note<office:annotation><dc:creator xmlns:dc="dc">Reviewer Name</dc:creator><text:p>check</text:p></office:annotation></text:p>';
    const styles =
      '<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><office:styles><style:style style:name="Heading"/></office:styles>' +
      '<office:master-styles><style:master-page><style:footer><text:p>Page footer</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>';
    expect(await parts('e.odt', odf('text', body, { files: { 'styles.xml': styles } }))).toEqual([
      { name: null, text: 'Title\na   b\tc\nd\nx\t\ty\nNote check\n\n\nPage footer\n' },
    ]);
  });

  it('ods: typed values, repeated cells written out (bounded), empty rows and trailing empty cells dropped', async () => {
    const body =
      '<table:table table:name="T">' +
      odsRow(['id', 'when', 'flag']) +
      '<table:table-row><table:table-cell office:value-type="float" office:value="1.25"><text:p>£1.25</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="date" office:date-value="2024-08-25T18:30:00"><text:p>25/08/24</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>' +
      odsRow([{ empty: 5 }], 100) +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>same</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>' +
      '</table:table>';
    expect(await parts('f.ods', odf('spreadsheet', body))).toEqual([
      { name: 'T', text: 'id,when,flag\n1.25,2024-08-25 18:30:00,TRUE\nsame,same,same\nsame,same,same\n' },
    ]);
  });

  it("ods: a cell's comment is not its text; a table's comments follow it, a line each, without author or date", async () => {
    const note = (...paras: string[]) =>
      `<office:annotation><dc:creator>Tom Author</dc:creator><dc:date>2024-01-02T10:00:00</dc:date>${paras
        .map((p) => `<text:p>${p}</text:p>`)
        .join('')}</office:annotation>`;
    const cell = (text: string, comment: string) =>
      `<table:table-cell office:value-type="string">${comment}<text:p>${text}</text:p></table:table-cell>`;
    const body =
      `<table:table table:name="S"><table:table-row>${cell('name', '')}${cell('Jane', note('Called Jane', 'on<text:s/>07700 900123'))}</table:table-row>` +
      `<table:table-row>${cell('x', note('second'))}</table:table-row></table:table>` +
      odsTable('T', [['y']]);
    const dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"';
    const bytes = odf('spreadsheet', body.replace('<table:table ', `<table:table ${dc} `));
    expect(await parts('c.ods', bytes)).toEqual([
      { name: 'S', text: 'name,Jane\nx,\n' },
      { name: 'S/comments', text: 'Called Jane on 07700 900123\nsecond\n' },
      { name: 'T', text: 'y\n' },
    ]);
  });

  it('ods: a member per table in document order, nested tables in their cell, unnamed ones by number', async () => {
    const nested = `<table:table-row><table:table-cell><text:p>outer</text:p><table:table><table:table-row>${'<table:table-cell><text:p>in</text:p></table:table-cell>'.repeat(2)}</table:table-row></table:table></table:table-cell></table:table-row>`;
    const body =
      odsTable('First', [['a', 'b']]) +
      `<table:table>${nested}</table:table>` +
      odsTable('Empty', []) +
      odsTable('Last', [['z'], ['1', '2']]);
    expect(await parts('n.ods', odf('spreadsheet', body))).toEqual([
      { name: 'First', text: 'a,b\n' },
      { name: 'sheet-2', text: 'outer in in\n' },
      { name: 'Empty', text: '' },
      { name: 'Last', text: 'z\n1,2\n' },
    ]);
  });

  it('ods: a cell longer than a piece, repeated, is the same CSV, its text kept in pieces', async () => {
    const long = 'Jane Smith, 03/04/1961. '.repeat(100_000);
    const body = `<table:table table:name="L">${odsRow(['a', { text: long, columns: 2 }], 2)}</table:table>`;
    const field = `"${long.trim()}"`;
    expect(await parts('l.ods', odf('spreadsheet', body))).toEqual([
      { name: 'L', text: `a,${field},${field}\n`.repeat(2) },
    ]);
  });

  it('ods: a table is handed on while content.xml is read, and ends before the next is read', async () => {
    // 20,000 rows after the first table: content.xml is read in many chunks.
    const filler = Array.from({ length: 20_000 }, (_, i) => [`row ${i}`, `${i * 7}`]);
    const bytes = odf(
      'spreadsheet',
      odsTable('People', [['name'], ['Jane Smith']]) + odsTable('More', filler),
    );
    await withReads('m.ods', bytes, 'content.xml', async (found, read, size) => {
      const first = (await found.next()).value as Part;
      expect(first).toMatchObject({ kind: 'member', name: 'People', inspection: 'office' });
      if (first.kind !== 'member') return;
      expect(new TextDecoder().decode(await readAll(first.source))).toBe('name\nJane Smith\n');
      expect(read()).toBeGreaterThan(0);
      expect(read()).toBeLessThan(size / 4);
      const second = (await found.next()).value as Part;
      expect(second).toMatchObject({ kind: 'member', name: 'More' });
      if (second.kind !== 'member') return;
      expect(new TextDecoder().decode(await readAll(second.source))).toBe(
        `${filler.map((r) => r.join(',')).join('\n')}\n`,
      );
      expect(read()).toBe(size);
      expect((await found.next()).done).toBe(true);
    });
  });

  it('ods: a table cut short by broken XML is scanned as far as it goes, then the part is corrupt', async () => {
    const bytes = zip({
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
      'content.xml': `<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>${odsTable('A', [['a']])}<table:table table:name="B">${odsRow(['b1'])}${odsRow(['b2'])}<table:table-row><table:table-cell><text:p>b3`,
    });
    expect(await parts('c.ods', bytes)).toEqual([
      { name: 'A', text: 'a\n' },
      { name: 'B', text: 'b1\nb2\n' },
      { error: 'CORRUPT', path: 'c.ods' },
    ]);
  });

  it('the mimetype decides: another zip-based format with a content.xml is an ordinary zip', async () => {
    const bytes = zip({ mimetype: 'application/epub+zip', 'content.xml': '<x/>' });
    expect(await parts('b.epub', bytes)).toEqual([{ member: 'mimetype' }, { member: 'content.xml' }]);
  });
});

describe('files beside the document', () => {
  it('scans entries that are not part of the document (a file added beside it), not its metadata', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': `<w:document ${W}><w:body>${wp('Body')}</w:body></w:document>`,
      'word/styles.xml': '<w:styles/>',
      'docProps/core.xml': '<cp:coreProperties><dc:creator>Jane Author</dc:creator></cp:coreProperties>',
      'customXml/item1.xml': '<customer><name>Jane Smith</name></customer>',
      'customXml/itemProps1.xml': '<ds:datastoreItem/>',
      'notes/people.csv': 'name\nJane Smith\n',
    });
    expect(await parts('a.docx', bytes)).toEqual([
      { name: null, text: 'Body\n' },
      { member: 'notes/people.csv' },
    ]);
  });
});

describe('what is not an office document', () => {
  it('returns null for an ordinary zip', async () => {
    expect(await parts('a.zip', zip({ 'word/document.xml': '<w:document/>', 'notes.txt': 'x' }))).toBeNull();
    expect(
      await parts('b.zip', zip({ '[Content_Types].xml': '<Types/>', 'Documents/1.fdoc': 'x' })),
    ).toBeNull();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../../../src/engine/extract/byte-source.js';
import { type FileOutcome, scanSource } from '../../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../../src/rulepack/packs.js';
import { runCli } from '../../../helpers/cli.js';
import { docx, odf, odsRow, pptx, wp, wtable, xlsx, zip } from './office-build.js';

// Office documents end to end: built in the test, scanned through scanSource like any file on disk.

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: true, maxFindings: 1000, timeBudgetMs: 60_000 };

const scan = (name: string, bytes: Uint8Array): Promise<FileOutcome> =>
  scanSource(name, bufferSource(bytes), rules, options);

function summary(o: FileOutcome): { results: Record<string, string>; errors: Record<string, string> } {
  return {
    results: Object.fromEntries(o.results.map((r) => [r.path, r.verdict])),
    errors: Object.fromEntries(o.errors.map((e) => [e.path, e.code])),
  };
}

function result(o: FileOutcome, path: string) {
  const r = o.results.find((x) => x.path === path);
  if (!r) throw new Error(`no result for ${path}`);
  return r;
}

/** A letter as Word keeps it: a paragraph per line, a blank paragraph between blocks. */
const LETTER = docx(
  [
    wp('Evergreen Funeral Plans'),
    wp(''),
    wp('Mrs Margaret Wilson'),
    wp('14 Larkspur Close'),
    wp('Headingley\nLeeds'),
    wp('LS6 3QT'),
    wp('Date of birth:\t3 April 1961'),
    wp('Policy number: FP-20110042'),
    wp(''),
    wp('Dear Mrs Wilson,'),
    wp('Thank you for being with us for another year.'),
  ].join(''),
);

/** Date of birth as Excel stores it: day serials (22374 is 1961-04-03), under a header naming the column. */
const BOOK = xlsx([
  {
    name: 'Customers',
    rows: [
      ['Name', 'Date of Birth', 'Postcode'],
      ['Jane Smith', 22374, 'LS1 4AB'],
      ['Priya Patel', 26633, 'M1 1AA'],
      ['Oliver Jones', 29567, 'CF10 1AA'],
    ],
  },
  {
    name: 'Products',
    rows: [
      ['sku', 'description', 'price', 'date_added'],
      ['CLP-94133248', 'Terracotta pot, 30cm', 8.59, 44605],
      ['CLP-69546022', 'Glazed planter, blue', 65.14, 45529],
    ],
  },
]);

const BOOK_SHEETS = {
  customers: {
    name: 'Customers',
    rows: [
      ['Name', 'Date of Birth', 'Postcode'],
      ['Jane Smith', 22374, 'LS1 4AB'],
      ['Priya Patel', 26633, 'M1 1AA'],
    ],
  },
  products: {
    name: 'Products',
    rows: [
      ['sku', 'price'],
      ['CLP-94133248', 8.59],
    ],
  },
};

describe('Word documents', () => {
  it('reads a letter as one part at the document path: name, address, DOB and policy number, one person', async () => {
    const o = await scan('letters/offer.docx', LETTER);
    expect(summary(o)).toEqual({ results: { 'letters/offer.docx': 'personal-data' }, errors: {} });
    const r = result(o, 'letters/offer.docx');
    expect(r.inspection).toBe('office');
    expect(r.records).toBe(1);
    expect(Object.keys(r.counts).sort()).toEqual([
      'date-of-birth',
      'person-name',
      'policy-number',
      'postal-address',
      'postcode',
    ]);
  });

  it('reads a table with a header row like TSV, one record per row, and text in footers and comments', async () => {
    const body =
      wp('Members joining this month:') +
      wtable([
        ['Name', 'DOB', 'Postcode'],
        ['Jane Smith', '03/04/1961', 'LS1 4AB'],
        ['Priya Patel', '30/11/1972', 'M1 1AA'],
      ]);
    const bytes = docx(body, {
      'word/footer1.xml': wp('Data controller: jane.smith@example.com'),
      'word/comments.xml': `<w:comment w:id="0" w:author="Reviewer">${wp('Check with Priya')}</w:comment>`,
    });
    const o = await scan('members.docx', bytes);
    expect(summary(o)).toEqual({ results: { 'members.docx': 'personal-data' }, errors: {} });
    const r = result(o, 'members.docx');
    expect(r.records).toBe(2);
    expect(r.counts).toMatchObject({ 'person-name': 2, 'date-of-birth': 2, postcode: 2, 'email-address': 1 });
  });

  it('a Word document without its body part is corrupt', async () => {
    const bytes = zip({ '[Content_Types].xml': '<Types/>', 'word/styles.xml': '<w:styles/>' });
    expect(summary(await scan('broken.docx', bytes))).toEqual({
      results: {},
      errors: { 'broken.docx': 'CORRUPT' },
    });
  });

  it('opens an object embedded in a document (the workbook behind a chart) as a member', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      'word/document.xml': `<w:document xmlns:w="w"><w:body>${wp('Quarterly figures')}</w:body></w:document>`,
      'word/embeddings/Microsoft_Excel_Worksheet.xlsx': BOOK,
      'word/media/image1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(summary(await scan('report.docx', bytes))).toEqual({
      results: {
        'report.docx': 'clean',
        'report.docx!/word/embeddings/Microsoft_Excel_Worksheet.xlsx!/Customers': 'personal-data',
        'report.docx!/word/embeddings/Microsoft_Excel_Worksheet.xlsx!/Products': 'clean',
      },
      errors: {},
    });
  });
});

describe('Excel workbooks', () => {
  it('reads each sheet as CSV at book.xlsx!/Sheet; date serials under a DOB header become birth dates', async () => {
    const o = await scan('book.xlsx', BOOK);
    expect(summary(o)).toEqual({
      results: { 'book.xlsx!/Customers': 'personal-data', 'book.xlsx!/Products': 'clean' },
      errors: {},
    });
    const customers = result(o, 'book.xlsx!/Customers');
    expect(customers.inspection).toBe('office');
    expect(customers.records).toBe(3);
    expect(customers.counts).toEqual({ 'person-name': 3, 'date-of-birth': 3, postcode: 3 });
    expect(customers.findings.filter((f) => f.category === 'date-of-birth').map((f) => f.value)).toEqual([
      '1961-04-03',
      '1972-11-30',
      '1980-12-12',
    ]);
  });

  it('a sheet whose XML is broken is an error for that sheet; the rest of the workbook is scanned', async () => {
    const bytes = xlsx([
      BOOK_SHEETS.customers,
      { name: 'Broken', rows: [], xml: '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></row>' },
      BOOK_SHEETS.products,
    ]);
    const o = await scan('book.xlsx', bytes);
    // What could be read before the break is still scanned: the error says the sheet was not fully read.
    expect(summary(o)).toEqual({
      results: {
        'book.xlsx!/Customers': 'personal-data',
        'book.xlsx!/Broken': 'clean',
        'book.xlsx!/Products': 'clean',
      },
      errors: { 'book.xlsx!/Broken': 'CORRUPT' },
    });
    expect(o.errors[0]?.message).toBe(
      'not fully inspected: corrupt or truncated (malformed XML in xl/worksheets/sheet2.xml (mismatched end tag at character 57))',
    );
  });

  it('says a binary workbook (xlsb) is not inspected rather than passing it as clean', async () => {
    const bytes = zip({
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels':
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      'xl/workbook.bin': new Uint8Array(8),
    });
    expect(summary(await scan('book.xlsb', bytes))).toEqual({
      results: {},
      errors: { 'book.xlsb': 'UNSUPPORTED' },
    });
  });
});

describe('PowerPoint presentations', () => {
  it('reads one part per slide in show order; a slide listing names and DOBs is personal data', async () => {
    const bytes = pptx([
      { paragraphs: ['Quarterly review', 'Membership is up 4%'] },
      {
        paragraphs: ['New members'],
        table: [
          ['Name', 'DOB'],
          ['Jane Smith', '03/04/1961'],
          ['Priya Patel', '30/11/1972'],
        ],
      },
    ]);
    const o = await scan('deck.pptx', bytes);
    expect(summary(o)).toEqual({
      results: { 'deck.pptx!/slide-1': 'clean', 'deck.pptx!/slide-2': 'personal-data' },
      errors: {},
    });
    const slide = result(o, 'deck.pptx!/slide-2');
    expect(slide.records).toBe(2);
    expect(slide.counts).toEqual({ 'person-name': 2, 'date-of-birth': 2 });
  });
});

describe('OpenDocument files', () => {
  it('reads an odt letter as one part at the document path', async () => {
    const body = [
      '<text:h text:outline-level="1">Evergreen Funeral Plans</text:h>',
      '<text:p/>',
      '<text:p>Mrs <text:span>Margaret</text:span> Wilson</text:p>',
      '<text:p>14 Larkspur Close<text:line-break/>Headingley<text:line-break/>Leeds</text:p>',
      '<text:p>LS6 3QT</text:p>',
      '<text:p>Date of birth:<text:tab/>3 April 1961</text:p>',
      '<text:p>Policy number:<text:s text:c="2"/>FP-20110042</text:p>',
      '<text:p/>',
      '<text:p>Dear Mrs Wilson,</text:p>',
    ].join('');
    const o = await scan('letter.odt', odf('text', body));
    expect(summary(o)).toEqual({ results: { 'letter.odt': 'personal-data' }, errors: {} });
    const r = result(o, 'letter.odt');
    expect(r.inspection).toBe('office');
    expect(r.records).toBe(1);
    expect(r.counts).toMatchObject({ 'date-of-birth': 1, 'policy-number': 1, postcode: 1 });
  });

  it('reads each ods table as CSV, with typed dates, and does not write out a million repeated empty rows', async () => {
    const body = [
      '<table:table table:name="Customers">',
      '<table:table-column table:number-columns-repeated="1024"/>',
      odsRow(['Name', 'Date of Birth', 'Postcode', { empty: 1021 }]),
      odsRow(['Jane Smith', { date: '1961-04-03' }, 'LS1 4AB', { empty: 1021 }]),
      odsRow(['Priya Patel', { date: '1972-11-30T00:00:00' }, 'M1 1AA', { empty: 1021 }]),
      odsRow([{ empty: 1024 }], 1_048_573),
      '</table:table>',
      '<table:table table:name="Products">',
      odsRow(['sku', 'price']),
      odsRow(['CLP-94133248', 8.59]),
      '</table:table>',
    ].join('');
    const o = await scan('book.ods', odf('spreadsheet', body));
    expect(summary(o)).toEqual({
      results: { 'book.ods!/Customers': 'personal-data', 'book.ods!/Products': 'clean' },
      errors: {},
    });
    const customers = result(o, 'book.ods!/Customers');
    expect(customers.records).toBe(2);
    expect(customers.counts).toEqual({ 'person-name': 2, 'date-of-birth': 2, postcode: 2 });
    expect(customers.size).toBeLessThan(200);
  });

  it('a password-protected ODF file is an error (ENCRYPTED), never a clean result', async () => {
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">' +
      '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>' +
      '</manifest:file-entry></manifest:manifest>';
    const bytes = odf('text', '<text:p>ciphertext</text:p>', { manifest });
    expect(summary(await scan('secret.odt', bytes))).toEqual({
      results: {},
      errors: { 'secret.odt': 'ENCRYPTED' },
    });
  });
});

describe('zips that are not office documents', () => {
  it('scans the members of a zip that only looks like one', async () => {
    const csv = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n';
    const epub = zip({ mimetype: 'application/epub+zip', 'content.xml': '<x/>', 'people.csv': csv });
    expect(summary(await scan('book.epub', epub)).results).toEqual({
      'book.epub!/mimetype': 'clean',
      'book.epub!/content.xml': 'clean',
      'book.epub!/people.csv': 'personal-data',
    });
    const nupkg = zip({ '[Content_Types].xml': '<Types/>', 'lib/people.csv': csv });
    expect(summary(await scan('pkg.nupkg', nupkg)).results).toEqual({
      'pkg.nupkg!/[Content_Types].xml': 'clean',
      'pkg.nupkg!/lib/people.csv': 'personal-data',
    });
  });
});

describe('through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'residue-office-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports office parts by path and counts the clean ones, whatever the files are called', async () => {
    writeFileSync(join(dir, 'offer.docx'), LETTER);
    writeFileSync(join(dir, 'book.xlsx'), BOOK);
    writeFileSync(join(dir, 'export.bin'), BOOK);
    const r = await runCli(['scan', dir, '--format', 'json', '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      files: { path: string; verdict: string; records: number; inspection: string }[];
      summary: { verdicts: Record<string, number> };
    };
    expect(report.files.map((f) => [f.path, f.verdict, f.records, f.inspection])).toEqual([
      ['book.xlsx!/Customers', 'personal-data', 3, 'office'],
      ['export.bin!/Customers', 'personal-data', 3, 'office'],
      ['offer.docx', 'personal-data', 1, 'office'],
    ]);
    expect(report.summary.verdicts).toMatchObject({ clean: 2, 'personal-data': 3 });
  });
});

// Office text through the whole scan (scan-entry; apart from scan-entry.test.ts for its size): workbook sheets
// (.xls, .xlsx, .ods), their comments and documents' text (.docx, .odt, .pptx) are written as they are scanned
// and charged to the expansion budget piece by piece; a sheet is text, never sniffed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officeParts } from '../../src/engine/extract/formats/office.js';
import { PIECE_CHARS } from '../../src/engine/extract/formats/office-text.js';
import { openZip } from '../../src/engine/extract/formats/zip.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../../src/engine/extract/limits.js';
import type { FileOutcome } from '../../src/engine/scan-file.js';
import { ROOT } from '../helpers/cli.js';
import {
  cell,
  compoundFile,
  R,
  record,
  sharedString,
  txo,
  u32,
  workbook,
  xlString,
} from './extract/formats/biff-build.js';
import {
  type CellInput,
  docx,
  odf,
  odsBombTable,
  odsTable,
  pptx,
  wp,
  xlsx,
} from './extract/formats/office-build.js';
import { scanBytes, summary } from './scan-bytes.js';

const PEOPLE = [
  ['name', 'dob', 'postcode'],
  ['Jane Smith', '03/04/1961', 'LS1 4AB'],
  ['Priya Patel', '30/11/1972', 'M1 1AA'],
];
/** One shared string of Excel's longest, named by every cell of a bomb sheet. */
const LONG = 'A'.repeat(65535);
const MiB = 1024 * 1024;

/** A sheet of LABEL cells. */
const labels = (rows: string[][]) =>
  rows.flatMap((row, r) => row.map((text, c) => record(R.LABEL, cell(r, c), xlString(text))));

/**
 * People, then a sheet of 2 rows of 256 cells naming LONG (33 million characters), then people again: the
 * same book as .xls and as .xlsx.
 */
function xlsBomb(): Uint8Array {
  const bomb = Array.from({ length: 512 }, (_, i) => record(R.LABELSST, cell(i >> 8, i & 255), u32(0)));
  const sheets = [
    { name: 'People', records: labels(PEOPLE) },
    { name: 'Bomb', records: bomb },
    { name: 'After', records: labels(PEOPLE) },
  ];
  return compoundFile({ Workbook: workbook(sharedString(LONG), sheets) });
}

function xlsxBomb(): Uint8Array {
  const bomb: CellInput[][] = [Array(256).fill(LONG), Array(256).fill(LONG)];
  return xlsx([
    { name: 'People', rows: PEOPLE },
    { name: 'Bomb', rows: bomb },
    { name: 'After', rows: PEOPLE },
  ]);
}

/** The same as an .ods: a table of 16,384 columns by 1,000 rows of a short text. */
function odsBomb(): Uint8Array {
  return odf(
    'spreadsheet',
    odsTable('People', PEOPLE) + odsBombTable('Bomb', 'AAAAAAAAAA') + odsTable('After', PEOPLE),
  );
}

/** A sheet of people, with comments of 8 million characters: .xls notes and .xlsx comments. */
function xlsNotes(): Uint8Array {
  const notes = Array.from({ length: 134 }, () => txo('Aa '.repeat(20_000))).flat();
  return compoundFile({
    Workbook: workbook([], [{ name: 'People', records: [...labels(PEOPLE), ...notes] }]),
  });
}

function xlsxComments(): Uint8Array {
  const comment = `<comment ref="A1"><text><t>${'Aa '.repeat(2_700_000)}</t></text></comment>`;
  return xlsx([{ name: 'People', rows: PEOPLE }], {
    comments: `<comments><commentList>${comment}</commentList></comments>`,
  });
}

describe('a sheet, or its comments, expanding past the budget', () => {
  it.each([
    ['b.xls', xlsBomb, 'Bomb'],
    ['b.xlsx', xlsxBomb, 'Bomb'],
    ['b.ods', odsBomb, 'Bomb'],
    ['n.xls', xlsNotes, 'People/comments'],
    ['n.xlsx', xlsxComments, 'People/comments'],
  ])(
    '%s: stops the file there with LIMIT, charged as it is read; what was scanned before it is kept',
    async (name, make, stopped) => {
      const o = await scanBytes(name, make(), { maxExpandedBytes: 4 * MiB });
      expect(summary(o)).toEqual({
        results: { [`${name}!/People`]: 'personal-data' },
        errors: { [`${name}!/${stopped}`]: 'LIMIT' },
      });
      expect(o.errors[0]?.message).toBe(
        `not fully inspected: expansion limit of ${4 * MiB} bytes exceeded at ${name}!/${stopped}`,
      );
      expect(o.results[0]?.counts).toEqual({ 'person-name': 2, 'date-of-birth': 2, postcode: 2 });
    },
  );
});

describe('a row longer than any real sheet holds', () => {
  // 18 cells of a million characters in words: a row of 18M characters from a few kilobytes of zip.
  const words = 'lorem ipsum '.repeat(MiB / 12);
  const wide = [
    ['name', 'dob', 'postcode', 'note'],
    ['Jane Smith', '03/04/1961', 'LS1 4AB', '-'],
    Array(18).fill(words),
    ['Priya Patel', '30/11/1972', 'M1 1AA', '-'],
  ];
  it.each([
    ['w.ods', () => odf('spreadsheet', odsTable('Wide', wide) + odsTable('After', PEOPLE))],
    [
      // Inline strings: text of the sheet's own, not shared.
      'w.xlsx',
      () =>
        xlsx([
          { name: 'Wide', rows: wide.map((row) => row.map((inline) => ({ inline }))) },
          { name: 'After', rows: PEOPLE },
        ]),
    ],
  ])(
    '%s: is cut short and its sheet listed as LIMIT; its other rows and sheets are read',
    async (name, make) => {
      const o = await scanBytes(name, make());
      expect(summary(o)).toEqual({
        results: { [`${name}!/Wide`]: 'personal-data', [`${name}!/After`]: 'personal-data' },
        errors: { [`${name}!/Wide`]: 'LIMIT' },
      });
      expect(o.errors[0]?.message).toBe(
        `not fully inspected: a row longer than ${16 * MiB} characters cut short`,
      );
      // Both people of Wide: the one before the cut row and the one after it.
      expect(o.results[0]?.counts).toEqual({ 'person-name': 2, 'date-of-birth': 2, postcode: 2 });
    },
  );
});

describe('a sheet is text, whatever its first cell says', () => {
  // A first cell of `%PDF-1.7` would make the sheet's text look like a PDF to open.
  const rows = [['%PDF-1.7'], ...PEOPLE];
  it.each([
    ['p.xls', () => compoundFile({ Workbook: workbook([], [{ name: 'S', records: labels(rows) }]) })],
    ['p.xlsx', () => xlsx([{ name: 'S', rows }])],
    ['p.ods', () => odf('spreadsheet', odsTable('S', rows))],
  ])('%s', async (name, make) => {
    const o = await scanBytes(name, make());
    expect(summary(o)).toEqual({ results: { [`${name}!/S`]: 'personal-data' }, errors: {} });
    expect(o.results[0]?.inspection).toBe('office');
  });
});

/** The first piece of the first text (a sheet, a document's text) that an office document hands on. */
async function firstPiece(name: string, bytes: Uint8Array): Promise<string> {
  const zip = await openZip({ bytes }, name, new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
  try {
    for await (const part of officeParts(zip, name) ?? []) {
      if (part.kind !== 'member' && part.kind !== 'stream') continue;
      for await (const chunk of part.source.chunks()) return new TextDecoder().decode(chunk);
    }
    return '';
  } finally {
    await zip.close();
  }
}

/** Lengths of lines (their line break included) of about 100 characters that fill `chars` exactly. */
function fillerLines(chars: number): number[] {
  return [...Array(Math.floor(chars / 100) - 1).fill(100), 100 + (chars % 100)];
}

const findings = (o: FileOutcome) =>
  o.results.flatMap((r) => r.findings.map((f) => `${f.category} ${f.line}:${f.column} ${f.confidence}`));

describe('a value where one piece of a text ends and the next begins', () => {
  it('.ods: is found once, as it is in the same CSV scanned as a file', async () => {
    // Filler rows put the NHS number of the last row across the first piece's end.
    const head = ['name', 'date_of_birth', 'nhs_number'];
    const last = ['Jane Smith', '03/04/1961', '401 023 2137'];
    const before =
      PIECE_CHARS - 5 - 'Jane Smith,03/04/1961,'.length - 'name,date_of_birth,nhs_number\n'.length;
    const filler = fillerLines(before).map((n) => [`w${'o'.repeat(n - 6)}`, '-', '-']);
    const rows = [head, ...filler, last];
    const csv = `${rows.map((r) => r.join(',')).join('\n')}\n`;
    expect(csv.indexOf('401 023 2137')).toBe(PIECE_CHARS - 5);

    const bytes = odf('spreadsheet', odsTable('S', rows));
    expect(await firstPiece('s.ods', bytes)).toMatch(/,401 0$/);
    const book = await scanBytes('s.ods', bytes);
    expect(findings(book)).toEqual(findings(await scanBytes('s.csv', new TextEncoder().encode(csv))));
    expect(findings(book)).toContain(`nhs-number ${rows.length}:23 0.9`);
  });

  it('.docx: is found once, as it is in the same text scanned as a file', async () => {
    const before = PIECE_CHARS - 5 - 'NHS number: '.length - 'Patient notes\n'.length;
    const lines = ['Patient notes', ...fillerLines(before).map((n) => `w${'o'.repeat(n - 2)}`)];
    lines.push('NHS number: 401 023 2137');
    const text = `${lines.join('\n')}\n`;
    expect(text.indexOf('401 023 2137')).toBe(PIECE_CHARS - 5);

    const bytes = docx(lines.map((l) => wp(l)).join(''));
    expect(await firstPiece('s.docx', bytes)).toMatch(/: 401 0$/);
    const doc = await scanBytes('s.docx', bytes);
    expect(findings(doc)).toEqual(findings(await scanBytes('s.txt', new TextEncoder().encode(text))));
    expect(findings(doc).some((f) => f.startsWith(`nhs-number ${lines.length}:13 `))).toBe(true);
  });
});

describe("a document's text past the budget", () => {
  const long = 'Jane Smith was seen on 03/04/2024. '.repeat(240_000);
  it.each([
    ['a.docx', () => docx(wp(long)), 'a.docx'],
    ['a.odt', () => odf('text', `<text:p>${long}</text:p>`), 'a.odt'],
    [
      'a.pptx',
      () => pptx([{ paragraphs: ['Jane Smith', '03/04/1961'] }, { paragraphs: [long] }]),
      'a.pptx!/slide-2',
    ],
  ])('%s: stops the file there with LIMIT, charged as it is read', async (name, make, at) => {
    const o = await scanBytes(name, make(), { maxExpandedBytes: 4 * MiB });
    expect(o.errors).toEqual([
      {
        path: at,
        code: 'LIMIT',
        message: `not fully inspected: expansion limit of ${4 * MiB} bytes exceeded at ${at}`,
      },
    ]);
    expect(o.results.map((r) => r.path)).toEqual(name === 'a.pptx' ? ['a.pptx!/slide-1'] : []);
  });
});

describe('the fixture workbooks', () => {
  const legacy = (name: string) => readFileSync(join(ROOT, 'fixtures/legacy-office', name));
  /** The findings on each book's `Patients` sheet, as they were when a sheet's text was made whole. */
  const PATIENTS = [
    'person-name 2:1 1',
    'date-of-birth 2:14 0.9',
    'nhs-number 2:25 0.9',
    'phone-number 2:36 0.95',
    'postcode 2:47 1',
    'person-name 3:1 1',
    'date-of-birth 3:16 0.9',
    'nhs-number 3:27 0.9',
    'phone-number 3:38 0.95',
    'postcode 3:49 1',
    'person-name 4:1 1',
    'date-of-birth 4:13 0.9',
    'nhs-number 4:24 0.9',
    'phone-number 4:35 0.95',
    'postcode 4:46 1',
  ];

  it.each([
    ['people.xls', ['Patients', 'Visits']],
    ['people-lo.xls', ['Patients', 'Visits', 'Summary']],
    ['people-lo.xlsx', ['Patients', 'Visits', 'Summary']],
  ])('%s: the same findings, sheet by sheet', async (name, sheets) => {
    const o = await scanBytes(name, legacy(name));
    expect(summary(o)).toEqual({
      results: Object.fromEntries(
        sheets.map((s) => [`${name}!/${s}`, s === 'Patients' ? 'personal-data' : 'clean']),
      ),
      errors: {},
    });
    const found = o.results.map((r) =>
      r.findings.map((f) => `${f.category} ${f.line}:${f.column} ${f.confidence}`),
    );
    expect(found).toEqual(sheets.map((s) => (s === 'Patients' ? PATIENTS : [])));
    expect(o.results[0]?.records).toBe(3);
  });

  it('stock.xls: clean', async () => {
    expect(summary(await scanBytes('stock.xls', legacy('stock.xls')))).toEqual({
      results: { 'stock.xls!/Stock': 'clean' },
      errors: {},
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compoundParts } from '../../../../src/engine/extract/formats/compound-file.js';
import { officeParts } from '../../../../src/engine/extract/formats/index.js';
import type { Part } from '../../../../src/engine/extract/formats/types.js';
import { xlsParts } from '../../../../src/engine/extract/formats/xls.js';
import { openZip } from '../../../../src/engine/extract/formats/zip.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../../../../src/engine/extract/limits.js';
import { ROOT } from '../../../helpers/cli.js';
import {
  bof,
  cell,
  chars,
  compoundFile,
  eof,
  f64,
  R,
  record,
  rkInt,
  sharedString,
  txo,
  u16,
  u32,
  workbook,
  xlString,
} from './biff-build.js';
import { expectStopsWithinAPiece, type Seen, seenParts } from './seen-parts.js';

// The text a legacy Excel workbook becomes, exactly: the same CSV an .xlsx of the same sheet gives.

async function seen(parts: Iterable<Part> | null): Promise<Seen[] | null> {
  return parts === null ? null : seenParts(parts);
}

const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures/legacy-office', name));

/** The text parts the .xlsx reader makes of a workbook. */
async function xlsxText(bytes: Uint8Array): Promise<Seen[]> {
  const archive = await openZip({ bytes }, 'x.xlsx', new ExpansionBudget(DEFAULT_LIMITS, bytes.length));
  try {
    return await seenParts(officeParts(archive, 'x.xlsx') ?? []);
  } finally {
    archive.close();
  }
}

describe('xls fixtures', () => {
  it('people.xls (xlwt): numbers as stored, date cells as ISO dates, a part per sheet in tab order', async () => {
    expect(await seen(compoundParts(fixture('people.xls'), 'people.xls'))).toEqual([
      {
        name: 'Patients',
        text:
          'name,date_of_birth,nhs_number,phone,postcode,visits\n' +
          'Karen Parker,1948-03-14,4467196862,7700900123,CF8 1JX,3\n' +
          'Raymond Wright,1939-11-02,4548461566,7700900181,BD10 4ZP,5\n' +
          'Linda Brown,1952-07-30,4346827853,7700900363,BS17 9UB,2\n',
      },
      {
        name: 'Visits',
        text:
          'client,visited,note,minutes\n' +
          'Karen Parker,2024-05-06,Morning call,19.5\n' +
          'Raymond Wright,2024-05-07,Medication check,30\n',
      },
    ]);
  });

  it("people-lo.xls (LibreOffice): formula results; the same text as LibreOffice's .xlsx of the same book", async () => {
    const xls = await seen(compoundParts(fixture('people-lo.xls'), 'x.xlsx'));
    expect(xls?.[2]).toEqual({ name: 'Summary', text: 'patients,3\nfirst,Karen Parker\nall_visited,TRUE\n' });
    expect(xls).toEqual(await xlsxText(fixture('people-lo.xlsx')));
  });

  it('stock.xls: numbers with no one in them', async () => {
    expect(await seen(compoundParts(fixture('stock.xls'), 'stock.xls'))).toEqual([
      {
        name: 'Stock',
        text:
          'sku,price_gbp,quantity,barcode\n' +
          '94133248,8.59,12,7635900978\n69546022,65.14,3,7200481177\n17859527,36.35,40,2295248705\n',
      },
    ]);
  });

  it('a FILEPASS record (people-encrypted.xls, saved by LibreOffice with a password) is ENCRYPTED', async () => {
    expect(await seen(compoundParts(fixture('people-encrypted.xls'), 'p.xls'))).toEqual([
      { error: 'ENCRYPTED', path: 'p.xls' },
    ]);
  });
});

describe('BIFF8 records', () => {
  it('shared strings across CONTINUE records: width re-read at the break, rich runs and phonetic blocks skipped', async () => {
    // "Jane Smith" breaks after "Jane " into a CONTINUE whose first byte switches to 16-bit characters; the
    // second string has 2 rich-text runs and a 3-byte phonetic block, the block itself split by a CONTINUE.
    const sst = record(R.SST, u32(4), u32(4), xlString('name'), u16(10), [0], chars('Jane ', false));
    const rest = record(
      R.CONTINUE,
      [1],
      chars('Smith', true),
      u16(7),
      [0x0c],
      u16(2),
      u32(3),
      chars('CF8 1JX', false),
      Buffer.alloc(8, 0xee),
      [0xee],
    );
    const last = record(R.CONTINUE, [0xee, 0xee], xlString('Zoë', true));
    const stream = workbook(
      [sst, rest, last],
      [
        {
          name: 'People',
          records: [
            record(R.LABELSST, cell(0, 0), u32(0)),
            record(R.LABELSST, cell(0, 1), u32(3)),
            record(R.LABELSST, cell(1, 0), u32(1)),
            record(R.LABELSST, cell(1, 1), u32(2)),
            record(R.LABELSST, cell(1, 2), u32(9)), // past the table: an empty cell
            record(R.LABEL, cell(2, 1), xlString('Ünal, Ayşe', true)),
          ],
        },
      ],
    );
    expect(await seen(xlsParts(stream, 'b.xls'))).toEqual([
      { name: 'People', text: 'name,Zoë\nJane Smith,CF8 1JX\n,"Ünal, Ayşe"\n' },
    ]);
  });

  it('NUMBER, RK (whole and hundredths), MULRK, BOOLERR and FORMULA results, rows written in row order', async () => {
    const stream = workbook(
      [],
      [
        {
          name: 'Numbers',
          records: [
            record(R.NUMBER, cell(1, 0), f64(4467196862)),
            record(R.RK, cell(1, 1), rkInt(2488, true)),
            record(R.MULRK, u16(1), u16(2), u16(0), rkInt(3), u16(0), rkInt(-7), u16(3)),
            record(R.BOOLERR, cell(1, 4), [1, 0]),
            record(R.BOOLERR, cell(1, 5), [0x2a, 1]),
            // A number row above, written after: still first.
            record(R.NUMBER, cell(0, 0), f64(0.1)),
            record(R.FORMULA, cell(2, 0), f64(1e21), u16(0), u32(0)),
            record(R.FORMULA, cell(2, 1), [0, 0, 0, 0, 0, 0, 0xff, 0xff], u16(0), u32(0)),
            record(R.STRING, xlString('LS1 4AB')),
            record(R.FORMULA, cell(2, 2), [1, 0, 1, 0, 0, 0, 0xff, 0xff], u16(0), u32(0)),
            record(R.FORMULA, cell(2, 3), [2, 0, 0x07, 0, 0, 0, 0xff, 0xff], u16(0), u32(0)),
            record(R.FORMULA, cell(2, 4), [3, 0, 0, 0, 0, 0, 0xff, 0xff], u16(0), u32(0)),
          ],
        },
      ],
    );
    expect(await seen(xlsParts(stream, 'n.xls'))).toEqual([
      { name: 'Numbers', text: '0.1\n4467196862,24.88,3,-7,TRUE,#N/A\n1e+21,LS1 4AB,TRUE,#DIV/0!\n' },
    ]);
  });

  it('dates: by a custom or built-in date format, by a date header, in the 1904 system; times stay numbers', async () => {
    const xf = (format: number) => record(R.XF, u16(0), u16(format), Buffer.alloc(16));
    const globals = (system: number) => [
      record(R.DATEMODE, u16(system)),
      record(R.FORMAT, u16(164), xlString('dd/mm/yyyy')),
      record(R.FORMAT, u16(165), xlString('hh:mm')),
      xf(0),
      xf(164),
      xf(14),
      xf(165),
    ];
    const sheet = {
      name: 'Dates',
      records: [
        record(R.LABEL, cell(0, 0), xlString('born')),
        record(R.LABEL, cell(0, 1), xlString('seen')),
        record(R.LABEL, cell(0, 2), xlString('at')),
        record(R.NUMBER, cell(1, 0, 0), f64(22_374)), // general format, under a date header
        record(R.NUMBER, cell(1, 1, 1), f64(45_418)),
        record(R.NUMBER, cell(1, 2, 3), f64(0.5)),
        record(R.NUMBER, cell(2, 1, 2), f64(45_418.75)),
        record(R.NUMBER, cell(2, 2, 0), f64(45_418)), // general, under "at": a number
      ],
    };
    expect(await seen(xlsParts(workbook(globals(0), [sheet]), 'd.xls'))).toEqual([
      { name: 'Dates', text: 'born,seen,at\n1961-04-03,2024-05-06,0.5\n,2024-05-06 18:00:00,45418\n' },
    ]);
    expect((await seen(xlsParts(workbook(globals(1), [sheet]), 'd.xls')))?.[0]).toEqual({
      name: 'Dates',
      text: 'born,seen,at\n1965-04-04,2028-05-07,0.5\n,2028-05-07 18:00:00,45418\n',
    });
  });

  it("skips a chart nested in a sheet; a sheet's notes and text boxes are a comments part, a line each", async () => {
    const stream = workbook(
      [],
      [
        {
          name: 'Sheet1',
          records: [
            record(R.LABEL, cell(0, 0), xlString('name')),
            bof(0x0020),
            record(R.LABEL, cell(5, 5), xlString('chart title')),
            eof(),
            record(R.LABEL, cell(1, 0), xlString('Jane Smith')),
            ...txo('Jane Smith\nDOB 03/04/1961'),
            ...txo('NHS 943 476 5919'),
          ],
        },
      ],
    );
    expect(await seen(xlsParts(stream, 'c.xls'))).toEqual([
      { name: 'Sheet1', text: 'name\nJane Smith\n' },
      { name: 'Sheet1/comments', text: 'Jane Smith DOB 03/04/1961\nNHS 943 476 5919\n' },
    ]);
    expect([...(xlsParts(stream, 'c.xls') ?? [])].map((p) => p.kind)).toEqual(['member', 'stream']);
  });

  it('FILEPASS in the globals is ENCRYPTED; BIFF5, a truncated record or a missing BOF is null (read as strings)', async () => {
    const sheet = { name: 'S', records: [record(R.LABEL, cell(0, 0), xlString('Jane Smith'))] };
    expect(
      await seen(xlsParts(workbook([record(R.FILEPASS, u16(1), Buffer.alloc(52))], [sheet]), 'e.xls')),
    ).toEqual([{ error: 'ENCRYPTED', path: 'e.xls' }]);
    const biff5 = workbook([], [sheet]);
    biff5.writeUInt16LE(0x0500, 4);
    expect(xlsParts(biff5, 'b5.xls')).toBeNull();
    const whole = workbook([], [sheet]);
    expect(xlsParts(whole.subarray(0, whole.length - 10), 't.xls')).toBeNull();
    expect(xlsParts(Buffer.from('not a workbook at all'), 'x.xls')).toBeNull();
  });

  it('a sheet whose offset does not point at a worksheet BOF is an error for that sheet; the others are read', async () => {
    const stream = workbook(
      [],
      [
        { name: 'Good', records: [record(R.LABEL, cell(0, 0), xlString('Jane Smith'))] },
        { name: 'Lost', records: [] },
      ],
    );
    // The second BOUNDSHEET's offset, pointed at the globals' BOF.
    stream.writeUInt32LE(0, stream.indexOf(Buffer.from('Lost', 'latin1')) - 8);
    expect(await seen(xlsParts(stream, 'g.xls'))).toEqual([
      { name: 'Good', text: 'Jane Smith\n' },
      { error: 'CORRUPT', path: 'g.xls!/Lost' },
    ]);
  });
  it('sheets whose offsets point at a sheet already read are errors, not read over and over', async () => {
    const labels = Array.from({ length: 1000 }, (_, i) => record(R.LABEL, cell(i, 0), xlString('x')));
    const others = Array.from({ length: 9 }, (_, i) => ({ name: `B${i}`, records: [] }));
    const stream = workbook([], [{ name: 'A', records: labels }, ...others]);
    const at = (name: string) => stream.indexOf(Buffer.from(name, 'latin1')) - 8;
    expect((await seen(xlsParts(stream, 'a.xls')))?.length).toBe(10);
    const first = stream.readUInt32LE(at('A'));
    // B0 at A's BOF, B1 at A's second record: a duplicate and an overlap.
    stream.writeUInt32LE(first, at('B0'));
    stream.writeUInt32LE(first + 20, at('B1'));
    const parts = await seen(xlsParts(stream, 'a.xls'));
    expect(parts?.slice(0, 3)).toEqual([
      { name: 'A', text: 'x\n'.repeat(1000) },
      { error: 'CORRUPT', path: 'a.xls!/B0' },
      { error: 'CORRUPT', path: 'a.xls!/B1' },
    ]);
    expect(parts?.slice(3).map((p) => ('name' in p ? p.name : p))).toEqual([
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
    ]);
  });
  it('a macro sheet (BOF type 0x0040) is read like a worksheet', async () => {
    const stream = workbook(
      [],
      [{ name: 'Macro1', records: [record(R.LABEL, cell(0, 0), xlString('Jane Smith'))] }],
    );
    // The BOUNDSHEET's type byte (1: macro sheet) and the sheet's BOF dt.
    stream[stream.indexOf(Buffer.from('Macro1', 'latin1')) - 3] = 1;
    const sheetBof = stream.indexOf(Buffer.from([0x09, 0x08]), 4);
    stream.writeUInt16LE(0x0040, sheetBof + 6);
    expect(await seen(xlsParts(stream, 'm.xls'))).toEqual([{ name: 'Macro1', text: 'Jane Smith\n' }]);
  });
});

describe("a sheet's notes", () => {
  it('are written as they are read: a budget spent part-way stops them within a piece', async () => {
    // 50 notes of 65,000 characters; made whole before they were charged.
    const note = 'N'.repeat(65_000);
    const records = Array.from({ length: 50 }, () => txo(note)).flat();
    const parts = [...(xlsParts(workbook([], [{ name: 'S', records }]), 'n.xls') ?? [])];
    await expectStopsWithinAPiece(parts[1], 'n.xls!/S/comments', 0, 'stream');
  });
});

describe('a sheet that expands without end', () => {
  it('is a member written as it is read: a budget spent part-way stops it within a piece', async () => {
    // 2 rows of 256 cells naming one 65,535-character shared string: 33 million characters from 7 KB of
    // records. Made whole before it was charged, it was in memory whole (up to 64 million characters).
    const long = 'A'.repeat(65535);
    const cells = Array.from({ length: 512 }, (_, i) => record(R.LABELSST, cell(i >> 8, i & 255), u32(0)));
    const [sheet] = xlsParts(workbook(sharedString(long), [{ name: 'Bomb', records: cells }]), 'b.xls') ?? [];
    await expectStopsWithinAPiece(sheet, 'b.xls!/Bomb', long.length);
  });
});

describe('the compound file around the workbook', () => {
  const book = workbook([], [{ name: 'S', records: [record(R.LABEL, cell(0, 0), xlString('Jane Smith'))] }]);

  it('an embedded object or Package (\\x01Ole10Native) is a member to open; macros, pivot caches and OLE metadata are not', async () => {
    const bytes = compoundFile({
      Workbook: book,
      'MBD0001/Package': Buffer.from('PK…'),
      'MBD0001/\x01Ole': Buffer.alloc(20),
      'MBD0001/\x01CompObj': Buffer.alloc(20),
      'MBD0001/\x03ObjInfo': Buffer.alloc(6),
      'MBD0001/\x02OlePres000': Buffer.alloc(40),
      '\x05SummaryInformation': Buffer.alloc(48),
      '\x05DocumentSummaryInformation': Buffer.alloc(48),
      'MBD0002/\x01Ole10Native': Buffer.concat([u32(5), Buffer.from('a,b\n1')]),
      '_VBA_PROJECT_CUR/VBA/Module1': Buffer.from('Sub x()'),
      '_SX_DB_CUR/0001': Buffer.alloc(8),
    });
    expect(await seen(compoundParts(bytes, 'o.xls'))).toEqual([
      { name: 'S', text: 'Jane Smith\n' },
      { member: 'MBD0001/Package' },
      { member: 'MBD0002/Ole10Native' },
    ]);
  });

  it('a workbook stream named Book (Excel 5) is read when it is BIFF8, otherwise null', async () => {
    expect(await seen(compoundParts(compoundFile({ Book: book }), 'b.xls'))).toEqual([
      { name: 'S', text: 'Jane Smith\n' },
    ]);
    const biff5 = Buffer.from(book);
    biff5.writeUInt16LE(0x0500, 4);
    expect(compoundParts(compoundFile({ Book: biff5 }), 'b.xls')).toBeNull();
  });

  it('no workbook, or no readable compound file: null (the caller reads strings)', () => {
    expect(compoundParts(compoundFile({ Other: Buffer.from('x') }), 'o.bin')).toBeNull();
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(compoundParts(Buffer.concat([header, Buffer.alloc(600, 0xff)]), 'c.xls')).toBeNull();
  });
});

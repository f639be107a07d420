import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/engine/extract/byte-source.js';
import { DEFAULT_LIMITS } from '../../src/engine/extract/limits.js';
import { type FileOutcome, scanSource } from '../../src/engine/scan-file.js';
import { ROOT } from '../helpers/cli.js';
import {
  cell,
  compoundFile,
  R,
  record,
  sharedString,
  u16,
  u32,
  workbook,
  xlString,
} from './extract/formats/biff-build.js';
import { options, rules, scanBytes, summary } from './scan-bytes.js';

const CSV = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n';
const NOTE = 'Nothing personal here, just the maintenance notes.\n';

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])),
  );
}

async function tar(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const p = pack();
  for (const [name, body] of Object.entries(files)) p.entry({ name }, Buffer.from(body));
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('archives, by content', () => {
  it('scans each zip member under archive!/member, whatever the archive is called', async () => {
    const bytes = zip({ 'exports/customers.csv': CSV, 'notes.txt': NOTE, 'empty-dir/': new Uint8Array(0) });
    expect(summary(await scanBytes('backup.dat', bytes))).toEqual({
      results: { 'backup.dat!/exports/customers.csv': 'personal-data', 'backup.dat!/notes.txt': 'clean' },
      errors: {},
    });
  });

  it('opens a zip inside a tar inside a gzip, and treats gzip as transparent', async () => {
    const inner = zip({ 'customers.csv': CSV });
    const bytes = gzipSync(await tar({ 'srv/export.zip': inner, 'srv/readme.txt': NOTE }));
    expect(summary(await scanBytes('backup.tgz', bytes))).toEqual({
      results: {
        'backup.tgz!/srv/export.zip!/customers.csv': 'personal-data',
        'backup.tgz!/srv/readme.txt': 'clean',
      },
      errors: {},
    });
    const gz = await scanBytes('customers.csv.gz', gzipSync(CSV));
    expect(summary(gz).results).toEqual({ 'customers.csv.gz': 'personal-data' });
    expect(gz.results[0]?.records).toBe(2);
  });

  it('shows tar member names with .. and leading / neutralised', async () => {
    const bytes = await tar({ '../../etc/customers.csv': CSV, '/abs/notes.txt': NOTE });
    expect(Object.keys(summary(await scanBytes('t.tar', bytes)).results)).toEqual([
      't.tar!/__/__/etc/customers.csv',
      't.tar!/abs/notes.txt',
    ]);
  });
});

describe('what cannot be inspected is said', () => {
  it('an encrypted zip member is an error for that member; the others are scanned', async () => {
    const bytes = zip({ 'secret.csv': CSV, 'open.csv': CSV });
    setEncryptedFlag(bytes, 'secret.csv');
    expect(summary(await scanBytes('a.zip', bytes))).toEqual({
      results: { 'a.zip!/open.csv': 'personal-data' },
      errors: { 'a.zip!/secret.csv': 'ENCRYPTED' },
    });
  });

  it('a truncated zip, a corrupt gzip and an unsupported compressor are errors, not crashes', async () => {
    const full = zip({ 'customers.csv': CSV });
    expect(summary(await scanBytes('t.zip', full.subarray(0, 40))).errors).toEqual({ 't.zip': 'CORRUPT' });
    const gz = gzipSync(CSV);
    expect(summary(await scanBytes('t.gz', gz.subarray(0, gz.length - 12))).errors).toEqual({
      't.gz': 'CORRUPT',
    });
    const xz = Uint8Array.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]);
    expect(summary(await scanBytes('t.xz', xz))).toEqual({ results: {}, errors: { 't.xz': 'UNSUPPORTED' } });
  });
});

describe('formats recognised but not read, and legacy Office', () => {
  const magic: [string, number[]][] = [
    ['t.bz2', [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59]],
    ['t.zst', [0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00]],
    ['t.lz4', [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40]],
    ['t.7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]],
    ['t.rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]],
    ['t.dump', [...Buffer.from('PGDMP'), 0x01, 0x0e, 0x00]],
    ['t.lzma', [0x5d, 0x00, 0x00, 0x10, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x21]],
  ];
  it.each(magic)('%s is listed as UNSUPPORTED, never passed as clean', async (name, head) => {
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from(CSV)]);
    const o = await scanBytes(name, bytes);
    expect(summary(o)).toEqual({ results: {}, errors: { [name]: 'UNSUPPORTED' } });
    expect(o.errors[0]?.message).toMatch(/^not inspected: unsupported format: /);
  });

  it('text that merely starts like a magic number is still text', async () => {
    // "BZh" followed by a letter, not a block-size digit.
    expect(summary(await scanBytes('notes.txt', Buffer.from(`BZhello\n${CSV}`))).results).toEqual({
      'notes.txt': 'personal-data',
    });
  });

  it('a password-protected Office file (a Compound File holding an EncryptedPackage) is ENCRYPTED', async () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const directory = Buffer.from('EncryptedPackage', 'utf16le');
    const bytes = Buffer.concat([header, Buffer.alloc(504), directory, Buffer.alloc(4096, 0x5a)]);
    const o = await scanBytes('salaries.xlsx', bytes);
    expect(summary(o)).toEqual({ results: {}, errors: { 'salaries.xlsx': 'ENCRYPTED' } });
    expect(o.errors[0]?.message).toBe('not inspected: encrypted (password-protected Office document)');
  });

  it('a readable Compound File is ENCRYPTED by its EncryptedPackage stream, not by that text in a body', async () => {
    const locked = compoundFile({
      EncryptionInfo: Buffer.alloc(64),
      EncryptedPackage: Buffer.alloc(4096, 0x5a),
    });
    expect(summary(await scanBytes('salaries.xlsx', locked))).toEqual({
      results: {},
      errors: { 'salaries.xlsx': 'ENCRYPTED' },
    });
    // A Word document whose text mentions EncryptedPackage (stored as UTF-16, as Word stores text).
    const body = Buffer.from('How to open an EncryptedPackage stream: ask IT.', 'utf16le');
    const doc = compoundFile({
      WordDocument: Buffer.concat([Buffer.alloc(0x200), body]),
      '1Table': Buffer.alloc(64),
    });
    const o = await scanBytes('notes.doc', doc);
    expect(summary(o)).toEqual({ results: { 'notes.doc': 'clean' }, errors: {} });
    expect(o.results[0]?.inspection).toBe('strings');
  });

  it('a legacy Word document is read through its strings, its paragraphs kept as records', async () => {
    const bytes = readFileSync(join(ROOT, 'fixtures/legacy-office/letter.doc'));
    const o = await scanBytes('letter.doc', bytes);
    expect(o.errors).toEqual([]);
    const [result] = o.results;
    expect([result?.path, result?.verdict, result?.records, result?.inspection]).toEqual([
      'letter.doc',
      'personal-data',
      2,
      'strings',
    ]);
    expect(result?.counts).toEqual({
      'person-name': 2,
      'date-of-birth': 1,
      'postal-address': 1,
      postcode: 1,
      'nhs-number': 1,
      'policy-number': 1,
    });
  });
});

describe('legacy Excel and encrypted legacy Office', () => {
  const legacy = (name: string) => readFileSync(join(ROOT, 'fixtures/legacy-office', name));

  it('an .xls is read cell by cell: an NHS number in a number cell under its header, a birth date from a serial', async () => {
    const o = await scanBytes('people.xls', legacy('people.xls'));
    expect(summary(o)).toEqual({
      results: { 'people.xls!/Patients': 'personal-data', 'people.xls!/Visits': 'clean' },
      errors: {},
    });
    const patients = o.results[0];
    expect([patients?.records, patients?.inspection, o.results[1]?.inspection]).toEqual([
      3,
      'office',
      'office',
    ]);
    expect(patients?.counts).toEqual({
      'person-name': 3,
      'date-of-birth': 3,
      postcode: 3,
      'nhs-number': 3,
      'phone-number': 3,
    });
    const nhs = patients?.findings.filter((f) => f.category === 'nhs-number') ?? [];
    expect(nhs.map((f) => [f.line, f.column])).toEqual([
      [2, 25],
      [3, 27],
      [4, 24],
    ]);
    expect(nhs[0]?.reasons).toContain('field "nhs_number" +0.45');
    // A phone number typed into a spreadsheet is kept as a number, its leading 0 dropped: found as a cell.
    const phone = patients?.findings.find((f) => f.category === 'phone-number');
    expect(phone?.reasons).toEqual(
      expect.arrayContaining(['cell matched (base 0.4)', 'validated: uk-phone', 'field "phone" +0.4']),
    );
    const dob = patients?.findings.find((f) => f.category === 'date-of-birth');
    expect([dob?.line, dob?.column, dob?.reasons]).toEqual([
      2,
      14,
      expect.arrayContaining(['validated: date-of-birth', 'field "date_of_birth" +0.5']),
    ]);
  });

  it('an .xls and the same book saved as .xlsx give the same findings', async () => {
    const xls = await scanBytes('book', legacy('people-lo.xls'));
    const xlsx = await scanBytes('book', legacy('people-lo.xlsx'));
    const facts = (o: FileOutcome) =>
      o.results.map((r) => ({
        path: r.path,
        verdict: r.verdict,
        records: r.records,
        counts: r.counts,
        findings: r.findings.map((f) => [f.category, f.line, f.column, f.confidence]),
      }));
    expect(facts(xls).map((r) => r.path)).toEqual(['book!/Patients', 'book!/Visits', 'book!/Summary']);
    expect(facts(xls)).toEqual(facts(xlsx));
  });

  it('a workbook of numbers about no one is clean', async () => {
    const o = await scanBytes('stock.xls', legacy('stock.xls'));
    expect(summary(o)).toEqual({ results: { 'stock.xls!/Stock': 'clean' }, errors: {} });
    expect(o.results[0]?.findings).toEqual([]);
  });

  it.each([
    ['people-encrypted.xls', 'password-protected Excel workbook'],
    ['letter-encrypted.doc', 'password-protected Word document'],
  ])(
    '%s (saved with a password by LibreOffice) is ENCRYPTED, never passed as clean',
    async (name, detail) => {
      const o = await scanBytes(name, legacy(name));
      expect(summary(o)).toEqual({ results: {}, errors: { [name]: 'ENCRYPTED' } });
      expect(o.errors[0]?.message).toBe(`not inspected: encrypted (${detail})`);
    },
  );

  it('a PowerPoint file with an EncryptedSummary stream is ENCRYPTED', async () => {
    const bytes = compoundFile({
      'PowerPoint Document': Buffer.from('ciphertext'),
      EncryptedSummary: Buffer.alloc(64),
    });
    expect(summary(await scanBytes('deck.ppt', bytes))).toEqual({
      results: {},
      errors: { 'deck.ppt': 'ENCRYPTED' },
    });
  });

  it('a workbook that cannot be parsed (a truncated stream) is read through its strings, not dropped', async () => {
    const book = workbook(
      [],
      [{ name: 'S', records: [record(R.LABEL, cell(0, 0), xlString(CSV.replace(/\n/g, '\r\n')))] }],
    );
    const bytes = compoundFile({ Workbook: book.subarray(0, book.length - 6) });
    const o = await scanBytes('broken.xls', bytes);
    expect(summary(o)).toEqual({ results: { 'broken.xls': 'personal-data' }, errors: {} });
    expect(o.results[0]?.inspection).toBe('strings');
  });

  /** `\x01Ole10Native` of a file dropped in as an OLE Package: size, type 2, label, paths, data size, data. */
  function olePackage(label: string, data: string): Buffer {
    const body = Buffer.concat([
      u16(2),
      Buffer.from(`${label}\0C:\\Users\\jo\\${label}\0`, 'latin1'),
      u16(0),
      u16(3),
      u32(0),
      Buffer.from(`C:\\Temp\\${label}\0`, 'latin1'),
      u32(data.length),
      Buffer.from(data, 'latin1'),
    ]);
    return Buffer.concat([u32(body.length), body]);
  }

  it('a file dropped into a workbook as an OLE Package is scanned under its own name', async () => {
    const book = workbook([], [{ name: 'S', records: [record(R.LABEL, cell(0, 0), xlString('totals'))] }]);
    const bytes = compoundFile({
      Workbook: book,
      'MBD00000001/\x01Ole10Native': olePackage('customers.csv', CSV),
      'MBD00000001/\x01CompObj': Buffer.alloc(32),
      // No Package header (the reviewer's repro): the stream after its size is scanned as it is.
      'MBD00000002/\x01Ole10Native': Buffer.concat([u32(CSV.length), Buffer.from(CSV)]),
    });
    const o = await scanBytes('o.xls', bytes);
    expect(summary(o)).toEqual({
      results: {
        'o.xls!/S': 'clean',
        'o.xls!/MBD00000001/customers.csv': 'personal-data',
        'o.xls!/MBD00000002/Ole10Native': 'personal-data',
      },
      errors: {},
    });
    const found = o.results.map((r) => r.findings.map((f) => [f.category, f.line, f.column]));
    expect(found[1]).toEqual([
      ['person-name', 2, 1],
      ['date-of-birth', 2, 12],
      ['postcode', 2, 23],
      ['person-name', 3, 1],
      ['date-of-birth', 3, 13],
      ['postcode', 3, 24],
    ]);
    expect(found[2]).toEqual(found[1]);
  });

  it('an object embedded in a workbook is opened and scanned as a member', async () => {
    const book = workbook([], [{ name: 'S', records: [record(R.LABEL, cell(0, 0), xlString('totals'))] }]);
    const bytes = compoundFile({ Workbook: book, 'MBD0001/Package': zip({ 'customers.csv': CSV }) });
    expect(summary(await scanBytes('o.xls', bytes))).toEqual({
      results: { 'o.xls!/S': 'clean', 'o.xls!/MBD0001/Package!/customers.csv': 'personal-data' },
      errors: {},
    });
  });
});

describe('limits', () => {
  /**
   * A workbook of `sheets` sheets, each 16 LABELSST records (14 bytes each) naming one 65,535-character
   * shared string: about 1 MiB of text per sheet from 230 bytes of records.
   */
  function sharedStringBomb(sheets: number): Uint8Array {
    const sst = sharedString('A'.repeat(65535));
    const cells = Array.from({ length: 16 }, (_, row) => record(R.LABELSST, cell(row, 0), u32(0)));
    const book = workbook(
      sst,
      Array.from({ length: sheets }, (_, i) => ({ name: `S${i}`, records: cells })),
    );
    return compoundFile({ Workbook: book });
  }

  it('an .xls whose sheets expand past the budget stops there with LIMIT: sheets are made one at a time', async () => {
    const o = await scanBytes('bomb.xls', sharedStringBomb(1000), { maxExpandedBytes: 4_000_000 });
    // Three sheets of 1,048,576 characters fit in 4,000,000; the fourth is refused and nothing after it is made.
    expect(summary(o)).toEqual({
      results: { 'bomb.xls!/S0': 'clean', 'bomb.xls!/S1': 'clean', 'bomb.xls!/S2': 'clean' },
      errors: { 'bomb.xls!/S3': 'LIMIT' },
    });
    expect(o.errors[0]?.message).toBe(
      'not fully inspected: expansion limit of 4000000 bytes exceeded at bomb.xls!/S3',
    );
  });

  it('an .xls stops between sheets once the time budget is spent', async () => {
    const o = await scanSource('slow.xls', bufferSource(sharedStringBomb(1000)), rules, {
      ...options,
      timeBudgetMs: -1, // spent from the start: the first sheet is scanned, then the file stops
      limits: DEFAULT_LIMITS,
    });
    expect(summary(o)).toEqual({ results: { 'slow.xls!/S0': 'clean' }, errors: { 'slow.xls': 'TIMEOUT' } });
  });

  it('refuses a zip whose entries overlap (a non-recursive zip bomb)', async () => {
    const bytes = zip({ 'a.csv': CSV, 'b.csv': CSV });
    pointSecondEntryAtFirst(bytes);
    const o = await scanBytes('bomb.zip', bytes);
    expect(summary(o)).toEqual({ results: {}, errors: { 'bomb.zip': 'LIMIT' } });
    expect(o.errors[0]?.message).toContain('overlapping zip entries');
  });

  it('stops at the nesting depth, naming where', async () => {
    const bytes = zip({ 'l1.zip': zip({ 'l2.zip': zip({ 'customers.csv': CSV }) }) });
    const o = await scanBytes('l0.zip', bytes, { maxDepth: 2 });
    expect(summary(o).errors).toEqual({ 'l0.zip!/l1.zip!/l2.zip': 'LIMIT' });
    expect(o.errors[0]?.message).toBe('not fully inspected: nesting deeper than 2 at l0.zip!/l1.zip!/l2.zip');
  });

  it('counts each gzip layer as a level: a gzip of a gzip of … stops at the depth limit', async () => {
    let bytes: Uint8Array = Buffer.from(CSV);
    for (let i = 0; i < 50; i++) bytes = gzipSync(bytes);
    const o = await scanBytes('layers.gz', bytes);
    expect(summary(o)).toEqual({ results: {}, errors: { 'layers.gz': 'LIMIT' } });
    expect(o.errors[0]?.message).toBe('not fully inspected: nesting deeper than 8 at layers.gz');
    // One layer (export.csv.gz) is an ordinary file, reported as itself.
    expect(summary(await scanBytes('export.csv.gz', gzipSync(CSV))).results).toEqual({
      'export.csv.gz': 'personal-data',
    });
  });

  it('stops the whole file when expansion or member count passes its limit', async () => {
    const big = zip({ 'a.txt': NOTE.repeat(100), 'b.csv': CSV });
    const o = await scanBytes('big.zip', big, { maxExpandedBytes: 1000 });
    expect(summary(o).errors).toEqual({ 'big.zip!/a.txt': 'LIMIT' });
    expect(o.errors[0]?.message).toMatch(/expansion limit of 1000 bytes exceeded at big\.zip!\/a\.txt/);
    expect(o.results).toEqual([]);

    const many = zip({ 'a.txt': NOTE, 'b.txt': NOTE, 'c.txt': NOTE });
    expect(summary(await scanBytes('many.zip', many, { maxMembers: 2 })).errors).toEqual({
      'many.zip!/c.txt': 'LIMIT',
    });
  });
});

/** Sets the "encrypted" general-purpose flag of one entry in its local header and central directory record. */
function setEncryptedFlag(bytes: Uint8Array, name: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const target = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = view.getUint32(i, true);
    const nameAt = sig === 0x04034b50 ? 30 : sig === 0x02014b50 ? 46 : -1;
    if (nameAt < 0) continue;
    const len = view.getUint16(i + (sig === 0x04034b50 ? 26 : 28), true);
    const entryName = bytes.subarray(i + nameAt, i + nameAt + len);
    if (len !== target.length || !entryName.every((b, k) => b === target[k])) continue;
    const flagAt = i + (sig === 0x04034b50 ? 6 : 8);
    view.setUint16(flagAt, view.getUint16(flagAt, true) | 1, true);
  }
}

/** Makes the second central-directory record point at the first entry's local header. */
function pointSecondEntryAtFirst(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: number[] = [];
  for (let i = 0; i + 4 < bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50) records.push(i);
  const second = records[1] as number;
  view.setUint32(second + 42, 0, true);
}

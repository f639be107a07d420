// A workbook's shared strings through the whole scan: read a chunk at a time and charged to the expansion
// budget, held in memory up to a cap and sealed into a scratch file past it, with the same findings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExtractLimits } from '../../src/engine/extract/limits.js';
import type { FileOutcome, FileScanOptions } from '../../src/engine/scan-file.js';
import { SealedFile } from '../../src/engine/spool/sealed-file.js';
import { xlsx } from './extract/formats/office-build.js';
import { scanBytes, summary } from './scan-bytes.js';

const scanBook = (bytes: Uint8Array, more: Partial<FileScanOptions> = {}, limits?: Partial<ExtractLimits>) =>
  scanBytes('b.xlsx', bytes, limits, more);

const MiB = 1024 * 1024;

afterEach(() => {
  vi.restoreAllMocks();
});

const PEOPLE = [
  ['name', 'dob', 'postcode', 'note'],
  ...Array.from({ length: 300 }, (_, i) => [
    ['Jane Smith', 'Priya Patel', 'John Brown'][i % 3] as string,
    `${(i % 28) + 1}/0${(i % 9) + 1}/19${50 + (i % 40)}`,
    ['LS1 4AB', 'M1 1AA', 'SW1A 1AA'][i % 3] as string,
    `visit ${i}, seen at home`,
  ]),
];

/**
 * People on one sheet; on another, one cell holding a string longer than a CSV piece, a person's details at
 * its start, across where it is cut, and at its end.
 */
function book(): Uint8Array {
  const person = ' Jane Smith, date of birth 03/04/1961, lives at LS1 4AB. ';
  const filler = 'lorem ipsum, "dolor" sit amet _x000D_ '.repeat(30_000);
  const long = `${person}${filler}${person}${filler}${person}`;
  return xlsx([
    { name: 'People', rows: PEOPLE },
    { name: 'Long', rows: [['text'], [long], ['after']] },
  ]);
}

const findings = (o: FileOutcome) =>
  o.results.map((r) => ({
    path: r.path,
    verdict: r.verdict,
    counts: r.counts,
    findings: r.findings.map((f) => [f.category, f.line, f.column, f.confidence]),
  }));

describe("a workbook's shared strings", () => {
  it('past the memory cap (sealed in a scratch file) give the same findings as held in memory', async () => {
    const bytes = book();
    const append = vi.spyOn(SealedFile.prototype, 'append');
    const held = await scanBook(bytes);
    expect(append).not.toHaveBeenCalled();
    const sealed = await scanBook(bytes, { sharedStringsMemoryChars: 256 });
    expect(append).toHaveBeenCalled();
    expect(summary(held)).toEqual({
      results: { 'b.xlsx!/People': 'personal-data', 'b.xlsx!/Long': 'personal-data' },
      errors: {},
    });
    expect(findings(sealed)).toEqual(findings(held));
    expect(held.results[1]?.findings.length).toBeGreaterThanOrEqual(3);
  });

  it('without a scratch file are held in memory, with the same findings', async () => {
    const bytes = book();
    const held = await scanBook(bytes);
    vi.spyOn(SealedFile, 'open').mockReturnValue(null);
    const fallback = await scanBook(bytes, { sharedStringsMemoryChars: 256 });
    expect(findings(fallback)).toEqual(findings(held));
  });

  it('in an sftp:// scan (scratchRoots null) never go to a scratch file: nothing remote is written locally', async () => {
    const bytes = book();
    const held = await scanBook(bytes);
    const open = vi.spyOn(SealedFile, 'open');
    const remote = await scanBook(bytes, { sharedStringsMemoryChars: 256, scratchRoots: null });
    expect(open).not.toHaveBeenCalled();
    expect(findings(remote)).toEqual(findings(held));
  });

  it('past the expansion budget stop the file with LIMIT as they are read', async () => {
    // 3 MiB of strings that no cell names: the sheet's own text is a few bytes.
    const unnamed = Array.from({ length: 3 * 1024 }, (_, i) => [`${i}`.padEnd(1024, 'x')]);
    const bytes = xlsx([
      { name: 'People', rows: PEOPLE.slice(0, 3) },
      { name: 'Unnamed', rows: unnamed, xml: '<worksheet><sheetData/></worksheet>' },
    ]);
    const o = await scanBook(bytes, {}, { maxExpandedBytes: 2 * MiB });
    expect(summary(o)).toEqual({ results: {}, errors: { 'b.xlsx!/xl/sharedStrings.xml': 'LIMIT' } });
    expect(o.errors[0]?.message).toBe(
      `not fully inspected: expansion limit of ${2 * MiB} bytes exceeded at b.xlsx!/xl/sharedStrings.xml`,
    );
    // Within the budget, the same book is read.
    expect(summary(await scanBook(bytes, {}, { maxExpandedBytes: 8 * MiB }))).toEqual({
      results: { 'b.xlsx!/People': 'personal-data', 'b.xlsx!/Unnamed': 'clean' },
      errors: {},
    });
  });
});

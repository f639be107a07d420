import { afterEach, describe, expect, it, vi } from 'vitest';
import { SharedStrings } from '../../../../src/engine/extract/formats/office-shared-strings.js';
import {
  type CellValue,
  CsvPieces,
  csvField,
  PIECE_CHARS,
} from '../../../../src/engine/extract/formats/office-text.js';
import { readXml } from '../../../../src/engine/extract/formats/office-xml.js';
import { SealedFile } from '../../../../src/engine/spool/sealed-file.js';
import { esc } from './office-build.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A long string (past a CSV piece) with what a cut must not split: escapes, CRLFs, surrogate pairs. */
function longString(): string {
  const unit = 'Jane Smith, "LS1 4AB" _x000D_\r\n\u{1F600}_x005F_x0041_ \r';
  let s = '';
  while (s.length < 2.5 * PIECE_CHARS) s += unit;
  return s;
}

/** A string as read: line ends normalised by XML, then Excel's escapes decoded (the test's own decoding). */
const decoded = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const STRINGS = [
  'Jane Smith',
  '',
  'a_x000D_b',
  longString(),
  ...Array.from({ length: 3000 }, (_, i) => `person ${i} at ${i} High Street`),
  `y${'\u{1F600}'.repeat(PIECE_CHARS / 2 + 3)}x`,
  'last',
];

function sst(strings: string[]): string {
  const si = strings.map((s, i) =>
    // Some strings as rich-text runs with a phonetic guide, which is left out.
    i % 7 === 0 && s.length > 1
      ? `<si><r><t>${esc(s.slice(0, 1))}</t></r><r><t xml:space="preserve">${esc(s.slice(1))}</t></r><rPh><t>ふ</t></rPh></si>`
      : `<si><t xml:space="preserve">${esc(s)}</t></si>`,
  );
  return `<?xml version="1.0"?><sst xmlns="x">${si.join('')}</sst>`;
}

/** Reads the table from its XML in chunks of 16 KiB, as a zip member streams. */
async function table(memoryChars?: number): Promise<SharedStrings> {
  const bytes = new TextEncoder().encode(sst(STRINGS));
  const strings = new SharedStrings({ roots: [], ...(memoryChars !== undefined ? { memoryChars } : {}) });
  await readXml(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 16 * 1024) yield bytes.subarray(i, i + 16 * 1024);
    })(),
    strings.reader(),
  );
  strings.end();
  return strings;
}

const whole = (v: CellValue) => (typeof v === 'string' ? v : [...v.pieces()].join(''));

describe('the shared-strings table', () => {
  it('gives the same strings with a tiny memory cap (sealed) as with all of them in memory', async () => {
    const append = vi.spyOn(SealedFile.prototype, 'append');
    const held = await table();
    expect(append).not.toHaveBeenCalled();
    const sealed = await table(64);
    expect(append).toHaveBeenCalled();
    for (let i = 0; i < STRINGS.length; i++) {
      const expected = decoded(STRINGS[i] as string);
      expect(whole(held.get(i)), `string ${i}`).toBe(expected);
      expect(whole(sealed.get(i)), `string ${i}`).toBe(expected);
    }
    expect([held.get(-1), held.get(STRINGS.length), held.get(1.5), sealed.get(STRINGS.length)]).toEqual([
      '',
      '',
      '',
      '',
    ]);
    held.close();
    sealed.close();
  });

  it('keeps a string longer than a CSV piece in pieces, none split inside a pair or a CRLF', async () => {
    const strings = await table(64);
    for (const i of [3, STRINGS.length - 2]) {
      const long = strings.get(i);
      if (typeof long === 'string') throw new Error('a long string made whole');
      const pieces = [...long.pieces()];
      expect(pieces.length).toBeGreaterThan(1);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(PIECE_CHARS * 1.25);
      for (const p of pieces.slice(0, -1)) expect(p).not.toMatch(/[\r\uD800-\uDBFF]$/);
      expect(long.length).toBe(pieces.join('').length);
      expect(long.quoted).toBe(i === 3);
    }
    strings.close();
  });

  it('reads each sealed block once while cells cycle over a few of them (least recently used out first)', async () => {
    const sealed = await table(64);
    const read = vi.spyOn(SealedFile.prototype, 'read');
    // Strings 100 apart sit in different blocks: cells naming them in turn, over and over.
    const cycle = [10, 110, 210, 310, 410, 510, 610, 710];
    for (let round = 0; round < 50; round++)
      for (const i of cycle) expect(sealed.get(i)).toBe(decoded(STRINGS[i] as string));
    expect(read.mock.calls.length).toBeGreaterThan(1);
    expect(read.mock.calls.length).toBeLessThanOrEqual(cycle.length);
  });

  it('holds every string in memory when no scratch file can be made', async () => {
    vi.spyOn(SealedFile, 'open').mockReturnValue(null);
    const strings = await table(64);
    for (let i = 0; i < STRINGS.length; i++) {
      expect(whole(strings.get(i))).toBe(decoded(STRINGS[i] as string));
    }
  });

  it('a long string is written as CSV a piece at a time, the same text as the whole field', async () => {
    const strings = await table(64);
    const long = strings.get(3);
    const csv = new CsvPieces();
    csv.addRow(['a', long, 'b']);
    expect([...csv.end()].join('')).toBe(`a,${csvField(whole(long))},b\n`);
    strings.close();
  });
});

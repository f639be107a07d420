import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CellTextBuilder,
  CellTextStream,
  CsvPieces,
  cellText,
  csvField,
  PIECE_CHARS,
  TextPieces,
} from '../../../../src/engine/extract/formats/office-text.js';

describe('csvField', () => {
  it('quotes per RFC 4180 only when needed, and keeps a cell on one line', () => {
    expect(csvField('Jane Smith')).toBe('Jane Smith');
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('said "hi"')).toBe('"said ""hi"""');
    expect(csvField('14 Larkspur Close\r\nLeeds\nLS6 3QT')).toBe('14 Larkspur Close Leeds LS6 3QT');
  });
});

describe('CsvPieces', () => {
  it('pads rows to the header width, keeps gaps, drops empty rows, repeats rows', () => {
    const csv = new CsvPieces();
    expect(csv.addRow([undefined, ''])).toBe(false);
    expect(csv.addRow(['a', 'b', 'c'])).toBe(true);
    // biome-ignore lint/suspicious/noSparseArray: a sparse row is what the readers build
    csv.addRow([, , 'x, "y"']);
    csv.addRow(['1', undefined, undefined, '4']);
    csv.addRow(['r'], 2);
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect([...csv.end()].join('')).toBe('a,b,c\n,,"x, ""y"""\n1,,,4\nr,,\nr,,\n');
  });

  it('hands a long row on in pieces of the same size, as they are asked for', () => {
    const cell = 'abcdefghij';
    const csv = new CsvPieces(32);
    csv.addRow(Array(50).fill(cell));
    const pieces = [...csv.pieces()];
    // 551 characters: 17 full pieces (a comma may end one a character past its size); the rest waits.
    expect(pieces.length).toBe(17);
    for (const p of pieces) expect(p.length === 32 || p.length === 33).toBe(true);
    expect(csv.addRow(['last'])).toBe(true);
    const rest = [...csv.end()];
    expect(rest.length).toBe(1);
    expect([...pieces, ...rest].join('')).toBe(`${Array(50).fill(cell).join(',')}\nlast${','.repeat(49)}\n`);
  });

  it('cuts a value longer than a piece, never between the halves of a surrogate pair', () => {
    const value = `${'a'.repeat(7)}\u{1F600}${'b'.repeat(20)}`;
    const csv = new CsvPieces(8);
    csv.addRow([value]);
    const pieces = [...csv.end()];
    expect(pieces[0]).toBe(`${'a'.repeat(7)}\u{1F600}`);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(9);
    // Each piece is encoded on its own: a half pair would be written as U+FFFD.
    const encoder = new TextEncoder();
    expect(Buffer.concat(pieces.map((p) => encoder.encode(p))).toString()).toBe(`${value}\n`);
  });
});

describe('TextPieces', () => {
  it('hands text on in pieces of its size as they fill, never half a surrogate pair, the rest at the end', () => {
    const text = new TextPieces(8);
    text.add('abc');
    text.add('defg');
    expect([...text.pieces()]).toEqual([]);
    text.add('\u{1F600}hijklmnopq');
    // The first piece would end inside the pair, and takes it whole; the second is cut at 8.
    expect([...text.pieces()]).toEqual(['abcdefg\u{1F600}', 'hijklmno']);
    expect(text.length).toBe(19);
    text.add('r');
    expect([...text.end()]).toEqual(['pqr']);
    expect([...text.end()]).toEqual([]);
    text.add('dropped');
    text.clear();
    expect([...text.end()]).toEqual([]);
    expect(text.length).toBe(27);
  });
});

describe('CellTextBuilder', () => {
  it('gives a short text as a string, a long one in pieces that CsvPieces writes as csvField would', () => {
    const cell = new CellTextBuilder();
    cell.add('Jane');
    cell.add(' Smith');
    expect(cell.take()).toBe('Jane Smith');
    const long = `${'a'.repeat(PIECE_CHARS - 1)}\u{1F600}${'b, "c" '.repeat(300_000)}`;
    for (let i = 0; i < long.length; i += 70_000) cell.add(long.slice(i, i + 70_000));
    const value = cell.take();
    if (typeof value === 'string') throw new Error('a long text was made one string');
    expect(value.length).toBe(long.length);
    expect(value.quoted).toBe(true);
    const pieces = [...value.pieces()];
    // The first piece ends past its size rather than inside the pair; the others are cut at it.
    expect(pieces.map((p) => p.length)).toEqual([PIECE_CHARS + 1, PIECE_CHARS, PIECE_CHARS, 2848]);
    expect(pieces.join('')).toBe(long);
    const csv = new CsvPieces();
    csv.addRow(['x', value], 2);
    expect([...csv.end()].join('')).toBe(`x,${csvField(long)}\n`.repeat(2));
    expect(cell.take()).toBe('');
  });
});

describe('CellTextStream', () => {
  it('writes, for any text cut anywhere, what cellText makes of it whole', () => {
    const piece = fc.constantFrom('a', 'Jane', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', 'é', ',');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 12 }), { maxLength: 6 }), (parts) => {
        let out = '';
        const line = new CellTextStream((t) => {
          out += t;
        });
        for (const part of parts) line.add(part.join(''));
        line.end();
        expect(out).toBe(cellText(parts.map((p) => p.join('')).join('')));
      }),
      { seed: 0x0ff1ce, numRuns: 500 },
    );
  });
});

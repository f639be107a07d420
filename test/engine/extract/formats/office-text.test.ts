import { describe, expect, it } from 'vitest';
import { CsvWriter, csvField, TextBuilder } from '../../../../src/engine/extract/formats/office-text.js';

describe('csvField', () => {
  it('quotes per RFC 4180 only when needed, and keeps a cell on one line', () => {
    expect(csvField('Jane Smith')).toBe('Jane Smith');
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('said "hi"')).toBe('"said ""hi"""');
    expect(csvField('14 Larkspur Close\r\nLeeds\nLS6 3QT')).toBe('14 Larkspur Close Leeds LS6 3QT');
  });
});

describe('CsvWriter', () => {
  it('pads rows to the header width, keeps gaps, drops empty rows, repeats rows', () => {
    const csv = new CsvWriter();
    expect(csv.addRow([undefined, ''])).toBe(false);
    csv.addRow(['a', 'b', 'c']);
    // biome-ignore lint/suspicious/noSparseArray: a sparse row is what the readers build
    csv.addRow([, , 'x']);
    csv.addRow(['1', undefined, undefined, '4']);
    csv.addRow(['r'], 2);
    expect(csv.header).toEqual(['a', 'b', 'c']);
    expect(csv.out.toString()).toBe('a,b,c\n,,x\n1,,,4\nr,,\nr,,\n');
  });
});

describe('TextBuilder', () => {
  it('stops at its cap and says so', () => {
    const text = new TextBuilder(10);
    text.add('12345');
    text.add('67890abc');
    text.add('more');
    expect(text.toString()).toBe('1234567890');
    expect(text.truncated).toBe(true);
    expect(text.length).toBe(10);
  });

  it('joins many pieces in order', () => {
    const text = new TextBuilder();
    for (let i = 0; i < 10_000; i++) text.add(`${i},`);
    expect(text.toString().split(',').slice(9_997, 10_000)).toEqual(['9997', '9998', '9999']);
    expect(text.truncated).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, plural } from '../../src/report/units.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1_048_575, '1.0 MiB'],
    [1_572_864, '1.5 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
    [3 * 1024 ** 5, '3072.0 TiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [1234, '1.2 s'],
    [59_949, '59.9 s'],
    [59_950, '1 min 00 s'],
    [245_000, '4 min 05 s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatCount and plural', () => {
  it('groups thousands without depending on the locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('adds an s except for one', () => {
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1200, 'record')).toBe('1,200 records');
  });
});

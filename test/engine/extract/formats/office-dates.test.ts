import { describe, expect, it } from 'vitest';
import {
  isBuiltinDateFormat,
  isDateFormatCode,
  isDateHeader,
  isoDateTime,
  serialToIso,
} from '../../../../src/engine/extract/formats/office-dates.js';

describe('serialToIso', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    // Lotus 1-2-3's leap-year bug, kept by Excel: a 29 February 1900 that never was.
    [60, '1900-02-29'],
    [61, '1900-03-01'],
    [22374, '1961-04-03'],
    [22376, '1961-04-05'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [45529, '2024-08-25'],
    [2958465, '9999-12-31'],
  ])('1900 system: %d is %s', (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
  });

  it('agrees with a plain day count from 1899-12-30 for every serial from 61 on', () => {
    for (let serial = 61; serial <= 2958465; serial += 97) {
      const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
      expect(serialToIso(serial)).toBe(expected);
    }
  });

  it('1904 system: day 0 is 1904-01-01, and 1961-04-03 is 1462 days less than in 1900', () => {
    expect(serialToIso(1, 1904)).toBe('1904-01-02');
    expect(serialToIso(20912, 1904)).toBe('1961-04-03');
    expect(serialToIso(22374 - 1462, 1904)).toBe(serialToIso(22374));
    expect(serialToIso(2957003, 1904)).toBe('9999-12-31');
    expect(serialToIso(2957004, 1904)).toBeNull();
  });

  it('adds the time of day when there is one, rounded to the second', () => {
    expect(serialToIso(45529.75)).toBe('2024-08-25 18:00:00');
    expect(serialToIso(45529.999999)).toBe('2024-08-26');
    expect(serialToIso(22374.0000001)).toBe('1961-04-03');
  });

  it('is null for what is not a plausible date', () => {
    for (const n of [0, 0.5, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY])
      expect(serialToIso(n)).toBeNull();
  });
});

describe('isDateHeader', () => {
  it.each([
    'DOB',
    'D.O.B.',
    'dob',
    'Date of Birth',
    'date_of_birth',
    'DateOfBirth',
    'BirthDate',
    'born',
    'Admission date',
    'Last updated',
  ])('%s names a date', (h) => expect(isDateHeader(h)).toBe(true));

  it.each(['Name', 'Postcode', 'Candidate', 'Mandate reference', 'Validated', 'Balance', 'Road obstacle'])(
    '%s does not',
    (h) => expect(isDateHeader(h)).toBe(false),
  );
});

describe('number formats', () => {
  it('built-in date formats are 14-17, 22 and the East Asian dates; times and durations are not', () => {
    expect([14, 15, 16, 17, 22, 27, 36, 50, 58].every(isBuiltinDateFormat)).toBe(true);
    expect([0, 1, 2, 9, 10, 11, 18, 19, 20, 21, 37, 45, 46, 47, 49].some(isBuiltinDateFormat)).toBe(false);
  });

  it.each([
    ['dd/mm/yyyy', true],
    ['d-mmm-yy', true],
    ['[$-809]dd mmmm yyyy;@', true],
    ['yyyy-mm-dd hh:mm', true],
    ['mmm', true],
    ['hh:mm:ss', false],
    ['mm:ss', false],
    ['[h]:mm', false],
    ['General', false],
    ['0.00', false],
    ['#,##0.00 "days"', false],
    ['[Red]0.0', false],
    ['@', false],
  ])('%s shows a date: %s', (code, expected) => expect(isDateFormatCode(code)).toBe(expected));
});

describe('isoDateTime', () => {
  it('keeps the date alone at midnight and writes a time with a space', () => {
    expect(isoDateTime('1961-04-03')).toBe('1961-04-03');
    expect(isoDateTime('1961-04-03T00:00:00')).toBe('1961-04-03');
    expect(isoDateTime('2024-08-25T18:30:00.000Z')).toBe('2024-08-25 18:30:00');
    expect(isoDateTime('2024-08-25T18:30')).toBe('2024-08-25 18:30:00');
    expect(isoDateTime('not a date')).toBe('not a date');
  });
});

import { describe, expect, it } from 'vitest';
import {
  adultBirthDate,
  dateOfBirth,
  isPlausibleBirthDate,
  parseUkDate,
} from '../../../../src/engine/detect/validators/date-of-birth.js';

const NOW = new Date(Date.UTC(2025, 5, 15, 12, 0, 0)); // 15 June 2025

describe('parseUkDate', () => {
  it.each([
    ['03/04/1961', { y: 1961, m: 4, d: 3 }],
    ['3/4/1961', { y: 1961, m: 4, d: 3 }],
    ['03-04-1961', { y: 1961, m: 4, d: 3 }],
    ['03.04.1961', { y: 1961, m: 4, d: 3 }],
    ['1961-04-03', { y: 1961, m: 4, d: 3 }],
    ['1961/04/03', { y: 1961, m: 4, d: 3 }],
    ['19610403', { y: 1961, m: 4, d: 3 }],
    ['03/04/61', { y: 1961, m: 4, d: 3 }],
    ['03/04/25', { y: 2025, m: 4, d: 3 }],
    ['03/07/25', { y: 1925, m: 7, d: 3 }],
    ['3 April 1961', { y: 1961, m: 4, d: 3 }],
    ['3 Apr 1961', { y: 1961, m: 4, d: 3 }],
    ['3rd April 1961', { y: 1961, m: 4, d: 3 }],
    ['21st of September 1961', { y: 1961, m: 9, d: 21 }],
    ['2 Sept. 1961', { y: 1961, m: 9, d: 2 }],
    ['April 3, 1961', { y: 1961, m: 4, d: 3 }],
    ['Apr 3 1961', { y: 1961, m: 4, d: 3 }],
    ['april 3rd, 1961', { y: 1961, m: 4, d: 3 }],
    ['03-Mar-1961', { y: 1961, m: 3, d: 3 }],
    ['1961-03-03T00:00:00', { y: 1961, m: 3, d: 3 }],
    ['1961-03-03T00:00:00.000Z', { y: 1961, m: 3, d: 3 }],
    ['29/02/1960', { y: 1960, m: 2, d: 29 }],
    ['29/02/2000', { y: 2000, m: 2, d: 29 }],
  ])('%s → %o', (value, expected) => {
    expect(parseUkDate(value, NOW)).toEqual(expected);
  });

  it.each([
    ['31/02/1961', 'no 31 February'],
    ['29/02/1961', 'not a leap year'],
    ['29/02/1900', '1900 is not a leap year'],
    ['31/04/1961', 'April has 30 days'],
    ['04/23/1961', 'US month-first: month 23'],
    ['00/04/1961', 'day 0'],
    ['1961-13-01', 'month 13'],
    ['19611301', 'month 13'],
    ['03/04-1961', 'mixed separators'],
    ['3 Smarch 1961', 'not a month'],
    ['April 1961', 'no day'],
    ['1961', 'a year alone'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(parseUkDate(value, NOW)).toBeNull();
  });
});

describe('isPlausibleBirthDate', () => {
  it.each([
    [{ y: 1961, m: 4, d: 3 }, true, 'age 64'],
    [{ y: 2025, m: 6, d: 15 }, true, 'born today'],
    [{ y: 1905, m: 6, d: 15 }, true, 'exactly 120'],
    [{ y: 1904, m: 6, d: 16 }, true, '120, turning 121 tomorrow'],
    [{ y: 1904, m: 6, d: 15 }, false, '121 today'],
    [{ y: 2025, m: 6, d: 16 }, false, 'tomorrow'],
    [{ y: 2091, m: 4, d: 3 }, false, 'far future'],
  ])('%o → %s (%s)', (date, expected) => {
    expect(isPlausibleBirthDate(date, NOW)).toBe(expected);
  });
});

describe('dateOfBirth', () => {
  it.each([
    '03/04/1961',
    '1961-04-03T00:00:00',
    '19610403',
    '3rd April 1961',
    'April 3, 1961',
    '03-Apr-1961',
  ])('accepts %s', (value) => {
    expect(dateOfBirth(value)).toEqual({ ok: true });
  });

  it.each(['31/02/1961', '03/04/2091', '01/01/1850', '2099-01-01', 'not a date'])('rejects %s', (value) => {
    expect(dateOfBirth(value)).toEqual({ ok: false });
  });
});

describe('adultBirthDate (unlabelled dates inside a record naming a person)', () => {
  const year = new Date().getUTCFullYear();
  it.each([
    ['03/04/1961', true],
    ['1961-04-03', true],
    [`01/01/${year - 20}`, true],
    [`01/01/${year - 5}`, false],
    ['31/02/1961', false],
    ['3.9.10', false],
    ['12.10.10', false],
    ['03.04.1961', true],
    ['not a date', false],
  ])('%s → %s', (value, ok) => {
    expect(adultBirthDate(value).ok).toBe(ok);
  });
});

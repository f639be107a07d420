import { describe, expect, it } from 'vitest';
import { chiBirthDateValid, chiNumber } from '../../../../src/engine/detect/validators/chi-number.js';

// Public vectors from Public Health Scotland's phsmethods (chi_check tests, vignette and reference pages).
describe('chiNumber', () => {
  it.each([
    ['0101011237', 'phsmethods: valid, male'],
    ['0211165794', 'phsmethods: valid'],
    ['0402070763', 'phsmethods: valid after restoring the leading zero'],
    ['0101336489', 'phsmethods: valid, female'],
    ['0101405073', 'phsmethods: valid, male'],
    ['0101625707', 'phsmethods: valid, female'],
    ['1904851231', 'phsmethods: valid'],
    ['2902960018', 'phsmethods: 29 February 1996'],
    ['2902201230', 'phsmethods: 29 February 2020, a leap year'],
    ['190485 1231', 'space between the birth date and the serial'],
    ['190485-1231', 'dash separator'],
  ])('accepts %s (%s)', (value) => {
    expect(chiNumber(value)).toEqual({ ok: true });
  });

  it.each([
    ['0101201234', 'phsmethods: invalid checksum'],
    ['0101010000', 'phsmethods: invalid checksum'],
    ['1904851232', 'phsmethods: invalid checksum'],
    ['3201201234', 'phsmethods: day 32'],
    ['3201209999', 'phsmethods: day 32'],
    ['0113201234', 'phsmethods: month 13'],
    ['0113209999', 'phsmethods: month 13'],
    ['3213201234', 'phsmethods: day 32 and month 13'],
    ['2902191230', 'phsmethods: 29 February 2019, not a leap year'],
    ['0011201234', 'phsmethods: day 00'],
    ['1100201234', 'phsmethods: month 00'],
    ['0000201234', 'phsmethods: day and month 00'],
    ['0000000000', 'phsmethods: all zero'],
    ['9999999999', 'phsmethods: invalid date'],
    ['123456789', 'phsmethods: nine digits'],
    ['12345678900', 'phsmethods: eleven digits'],
    ['010120123?', 'phsmethods: punctuation'],
    ['a123456789', 'phsmethods: a letter'],
    ['1111111111', 'one repeated digit: a real date and a valid checksum, but a placeholder'],
    ['3104851239', '31 April, though the checksum holds'],
    ['2902191235', '29 February 2019, though the checksum holds'],
    ['190.485.1231', 'dots are not separators'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(chiNumber(value)).toEqual({ ok: false });
  });

  it('rejects every ending of a stem whose check digit would be 10', () => {
    // Stems on real dates whose modulus 11 check digit would be 10: no tenth digit completes them.
    const stems = ['010101', '020202', '150662', '311299'].flatMap((d) =>
      Array.from({ length: 1000 }, (_, i) => `${d}${String(i).padStart(3, '0')}`),
    );
    const needsTen = stems.filter((s) => {
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(s[i]) * (10 - i);
      return (11 - (sum % 11)) % 11 === 10;
    });
    expect(needsTen.length).toBeGreaterThan(0);
    const accepted = needsTen
      .flatMap((s) => Array.from({ length: 10 }, (_, d) => `${s}${d}`))
      .filter((v) => chiNumber(v).ok);
    expect(accepted).toEqual([]);
  });
});

describe('chiBirthDateValid', () => {
  it.each([
    ['0101000000', true],
    ['2902000000', true],
    ['2902040000', true],
    ['2902010000', false],
    ['3012990000', true],
    ['3112990000', true],
    ['3111990000', false],
    ['3006990000', true],
    ['3106990000', false],
  ])('%s → %s', (digits, expected) => {
    expect(chiBirthDateValid(digits)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { nhsMod11 } from '../../../../src/engine/detect/validators/nhs-number.js';

/** An independent modulus-11 oracle for generating vectors: the full 10-digit number, or null for 10. */
function withCheckDigit(nine: string): string | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : `${nine}${check}`;
}

/** A small deterministic PRNG (mulberry32) so the random vectors are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('nhsMod11', () => {
  it.each([
    ['485 112 2330', 'England 4xx, spaced'],
    ['450 557 7104', 'England 4xx, spaced'],
    ['450-557-7104', 'England 4xx, dashes'],
    ['4505577104', 'England 4xx'],
    ['4010232137', 'England 4xx'],
    ['6324652114', 'England 6xx'],
    ['7000001232', 'England 7xx'],
    ['3150123453', 'England 3xx above the CHI block'],
    ['1510621237', 'CHI, 15 October 1962'],
    ['0101000014', 'CHI, 1 January 2000: the first day of the block'],
    ['0101010001', 'CHI, 1 January 1901 or 2001'],
    ['3112999983', 'CHI, 31 December'],
    ['3200000007', 'Northern Ireland, first'],
    ['3999999993', 'Northern Ireland, last'],
    ['1904851231', "CHI: Public Health Scotland's phsmethods example"],
    ['0101336489', 'CHI: phsmethods example'],
    ['2902960018', 'CHI: phsmethods example, 29 February 1996'],
  ])('accepts %s (%s)', (value) => {
    expect(nhsMod11(value)).toEqual({ ok: true });
  });

  it.each([
    ['999 000 0018', 'the 999 test range'],
    ['9990000026', 'the 999 test range'],
  ])('accepts %s (%s) with testData', (value) => {
    expect(nhsMod11(value)).toEqual({ ok: true, testData: true });
  });

  it.each([
    ['943 476 5919', 'the published checksum example: mod-11 valid, but 9xx is never issued'],
    ['9434765919', 'the published example without separators'],
    ['485 112 2331', 'wrong check digit'],
    ['943 476 5918', 'wrong check digit'],
    ['9876544321', 'the NHS syntax example fails the checksum'],
    ['0000000000', 'passes mod-11 but is one repeated digit'],
    ['5555555555', 'one repeated digit'],
    ['5123456783', 'mod-11 valid, 5xx never issued'],
    ['8345678912', 'mod-11 valid, 8xx never issued'],
    ['9000000017', 'mod-11 valid, 900 never issued'],
    ['9987654320', 'mod-11 valid, just below the test range'],
    ['0001234560', 'mod-11 valid, below the CHI block'],
    ['1313621234', 'mod-11 valid, CHI block but month 13'],
    ['0100999980', 'mod-11 valid, below the CHI block (month 00)'],
    ['2902191235', 'mod-11 valid, CHI block but 29 February 2019'],
    ['1904851232', 'CHI block, wrong check digit (phsmethods)'],
    ['1111111111', 'mod-11 valid CHI date, but one repeated digit'],
    ['943 476 591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943.476.5919', 'dots are not separators'],
    ['943 476 591X', 'a letter'],
  ])('rejects %s (%s)', (value) => {
    expect(nhsMod11(value)).toEqual({ ok: false });
  });

  it('rejects random mod-11-valid numbers outside every issued range', () => {
    const random = prng(20240611);
    const firstDigits = ['5', '8', '90', '91', '95', '998', '000', '0100'];
    const tried: string[] = [];
    while (tried.length < 500) {
      const prefix = firstDigits[tried.length % firstDigits.length] as string;
      let nine = prefix;
      while (nine.length < 9) nine += String(Math.floor(random() * 10));
      const value = withCheckDigit(nine);
      if (value !== null) tried.push(value);
    }
    const accepted = tried.filter((v) => nhsMod11(v).ok);
    expect(accepted).toEqual([]);
  });

  it('accepts random mod-11-valid numbers inside the England ranges', () => {
    const random = prng(7);
    const tried: string[] = [];
    while (tried.length < 200) {
      let nine = String(tried.length % 2 === 0 ? 4 : 6 + Math.floor(random() * 2));
      while (nine.length < 9) nine += String(Math.floor(random() * 10));
      const value = withCheckDigit(nine);
      if (value !== null) tried.push(value);
    }
    const rejected = tried.filter((v) => !nhsMod11(v).ok);
    expect(rejected).toEqual([]);
  });

  it('rejects every ending of a nine-digit stem whose check digit would be 10', () => {
    // 400000008: 4×10 + 8×2 = 56, 56 mod 11 = 1, 11 - 1 = 10, so no tenth digit makes it valid.
    expect(withCheckDigit('400000008')).toBeNull();
    const accepted = Array.from({ length: 10 }, (_, d) => `400000008${d}`).filter((v) => nhsMod11(v).ok);
    expect(accepted).toEqual([]);
  });
});

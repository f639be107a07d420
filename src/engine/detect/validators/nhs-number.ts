import { chiBirthDateValid } from './chi-number.js';
import { mod11CheckHolds, tenDigits } from './mod11.js';
import { allSameDigit } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT, TEST_DATA } from './verdicts.js';

/*
 * Issued ranges, from the NHS number article on Wikipedia ("Format, number ranges, and check characters"),
 * which cites NHS Digital's NHS number standard (ISB 0149):
 *   England, Wales, Isle of Man   400 000 000 – 499 999 999 and 600 000 000 – 799 999 999
 *   England (newer)               3xx xxx xxxx outside the CHI and Northern Ireland blocks
 *   Scotland (CHI)                010 100 0000 – 311 299 9999 (the first six digits are the birth date, DDMMYY,
 *                                 so the date must exist too; see chi-number.ts)
 *   Northern Ireland (H&C)        320 000 0000 – 399 999 9999
 *   Test and demo data            999 000 0000 – 999 999 9999 (never issued to a patient)
 * Everything else (000…, 5xx…, 8xx…, 900…998…) has never been issued: a mod-11-valid number there is noise.
 */
const CHI_FIRST = 101000000;
const CHI_LAST = 3112999999;
const NI_LAST = 3999999999;
const TEST_FIRST = 9990000000;

function issued(n: number, digits: string): boolean {
  if (n >= 4000000000 && n <= 4999999999) return true;
  if (n >= 6000000000 && n <= 7999999999) return true;
  if (n > CHI_LAST && n <= NI_LAST) return true; // England 3xx up to 319…, then Northern Ireland from 320…
  return n >= CHI_FIRST && n <= CHI_LAST && chiBirthDateValid(digits);
}

/**
 * An NHS (England, Wales, Isle of Man), CHI (Scotland) or H&C (Northern Ireland) number: ten digits with
 * optional space or dash separators, a valid mod-11 check digit, inside an issued range. A checksum alone
 * is not enough (one random number in eleven passes it, 0000000000 included), hence the range and
 * repeated-digit checks. The 999 test range passes with `testData`. (The widely published checksum example
 * 943 476 5919 is mod-11 valid but lies in the never-issued 9xx block, so it is rejected.)
 */
export const nhsMod11: Validator = (value) => {
  const digits = tenDigits(value);
  if (digits === null || allSameDigit(digits) || !mod11CheckHolds(digits)) return REJECT;
  const n = Number(digits);
  if (n >= TEST_FIRST) return TEST_DATA;
  return issued(n, digits) ? ACCEPT : REJECT;
};

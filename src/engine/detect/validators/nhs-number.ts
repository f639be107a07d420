import type { Validator } from './types.js';
import { ACCEPT, REJECT, TEST_DATA } from './verdicts.js';

const ZERO = 48;
const SPACE = 32;
const DASH = 45;

/*
 * Check digit: NHS Data Dictionary modulus 11 (weights 10..2 over the first nine digits, 11 - (sum mod 11),
 * 11 becomes 0, 10 is never issued).
 * Issued ranges, from the NHS number article on Wikipedia ("Format, number ranges, and check characters"),
 * which cites NHS Digital's NHS number standard (ISB 0149):
 *   England, Wales, Isle of Man   400 000 000 – 499 999 999 and 600 000 000 – 799 999 999
 *   England (newer)               3xx xxx xxxx outside the CHI and Northern Ireland blocks
 *   Scotland (CHI)                010 100 0000 – 311 299 9999 (the first six digits are the birth date, DDMMYY,
 *                                 so the day and month must exist too)
 *   Northern Ireland (H&C)        320 000 0000 – 399 999 9999
 *   Test and demo data            999 000 0000 – 999 999 9999 (never issued to a patient)
 * Everything else (000…, 5xx…, 8xx…, 900…998…) has never been issued: a mod-11-valid number there is noise.
 */
const CHI_FIRST = 101000000;
const CHI_LAST = 3112999999;
const NI_LAST = 3999999999;
const TEST_FIRST = 9990000000;

function issued(n: number): boolean {
  if (n >= 4000000000 && n <= 4999999999) return true;
  if (n >= 6000000000 && n <= 7999999999) return true;
  if (n > CHI_LAST && n <= NI_LAST) return true; // England 3xx up to 319…, then Northern Ireland from 320…
  if (n >= CHI_FIRST && n <= CHI_LAST) {
    const day = Math.floor(n / 100000000);
    const month = Math.floor(n / 1000000) % 100;
    return day >= 1 && day <= 31 && month >= 1 && month <= 12;
  }
  return false;
}

/**
 * An NHS (England, Wales, Isle of Man), CHI (Scotland) or H&C (Northern Ireland) number: ten digits with
 * optional space or dash separators, a valid mod-11 check digit, inside an issued range. A checksum alone
 * is not enough (one random number in eleven passes it, 0000000000 included), hence the range and
 * repeated-digit checks. The 999 test range passes with `testData`. (The widely published checksum example
 * 943 476 5919 is mod-11 valid but lies in the never-issued 9xx block, so it is rejected.)
 */
export const nhsMod11: Validator = (value) => {
  let count = 0;
  let n = 0;
  let sum = 0;
  let first = -1;
  let same = true;
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === SPACE || c === DASH) continue;
    const d = c - ZERO;
    if (d < 0 || d > 9 || count === 10) return REJECT;
    if (first === -1) first = d;
    else if (d !== first) same = false;
    if (count < 9) sum += d * (10 - count);
    last = d;
    n = n * 10 + d;
    count++;
  }
  if (count !== 10 || same) return REJECT;
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10 || check !== last) return REJECT;
  if (n >= TEST_FIRST) return TEST_DATA;
  return issued(n) ? ACCEPT : REJECT;
};

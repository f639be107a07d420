import { allSameDigit, sequentialDigits } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const ZERO = 48;
const SPACE = 32;
const DASH = 45;

/** Number of digits in `value` when it holds only digits, spaces and dashes; -1 otherwise. */
function digitCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === SPACE || c === DASH) continue;
    if (c < ZERO || c > ZERO + 9) return -1;
    count++;
  }
  return count;
}

/** A UK sort code: nn-nn-nn, nn nn nn or nnnnnn. 00-00-00 and other one-digit codes are placeholders. */
export const sortCode: Validator = (value) =>
  digitCount(value) === 6 && !allSameDigit(value) ? ACCEPT : REJECT;

/**
 * A UK bank account number: exactly eight digits (spaces or dashes allowed between them). One repeated
 * digit (00000000) and straight runs (12345678, 87654321) are placeholders.
 */
export const ukBankAccount: Validator = (value) =>
  digitCount(value) === 8 && !allSameDigit(value) && !sequentialDigits(value) ? ACCEPT : REJECT;

import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const ZERO = 48;

function isDigitCode(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

/** True when `s` holds at least one digit and every digit in it is the same one (other characters ignored). */
export function allSameDigit(s: string): boolean {
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) continue;
    if (first === -1) first = c;
    else if (c !== first) return false;
  }
  return first !== -1;
}

/**
 * True when the digits of `s` (other characters ignored), at least three of them, step up or down by one
 * each time: 12345678, 87654321. The step wraps (9→0, 0→9) so that 1234567890 and 0987654321, the usual
 * keyboard placeholders, count as runs too.
 */
export function sequentialDigits(s: string): boolean {
  let prev = -1;
  let count = 0;
  let up = true;
  let down = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) continue;
    const d = c - ZERO;
    if (prev !== -1) {
      if (d !== (prev + 1) % 10) up = false;
      if (d !== (prev + 9) % 10) down = false;
      if (!up && !down) return false;
    }
    prev = d;
    count++;
  }
  return count >= 3 && (up || down);
}

/**
 * Generic placeholder filter for any rule: drops a value whose digits are all one digit (00000000) or a
 * straight run (12345678, 98765432). Values with fewer than two digits have nothing to judge and pass.
 */
export const notRepeated: Validator = (value) => {
  let digits = 0;
  for (let i = 0; i < value.length && digits < 2; i++) if (isDigitCode(value.charCodeAt(i))) digits++;
  if (digits < 2) return ACCEPT;
  return allSameDigit(value) || sequentialDigits(value) ? REJECT : ACCEPT;
};

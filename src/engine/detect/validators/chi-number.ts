import { mod11CheckHolds, tenDigits } from './mod11.js';
import { allSameDigit } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function pair(digits: string, i: number): number {
  return (digits.charCodeAt(i) - 48) * 10 + digits.charCodeAt(i + 1) - 48;
}

/**
 * Whether the first six digits are a real DDMMYY date. The century is not written, so 29 February passes
 * whenever YY is divisible by four (00 included: 2000 was a leap year).
 */
export function chiBirthDateValid(digits: string): boolean {
  const day = pair(digits, 0);
  const month = pair(digits, 2);
  const yy = pair(digits, 4);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && yy % 4 === 0 ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  return day <= days;
}

/**
 * A Scottish Community Health Index number (Public Health Scotland, NHS Data Dictionary): ten digits, space or
 * dash separators allowed; the first six are the holder's birth date DDMMYY, the ninth is odd for men and even
 * for women, the tenth is the NHS modulus 11 check digit. One repeated digit (1111111111 passes both the date
 * and the checksum) is a placeholder.
 */
export const chiNumber: Validator = (value) => {
  const digits = tenDigits(value);
  if (digits === null || allSameDigit(digits)) return REJECT;
  return chiBirthDateValid(digits) && mod11CheckHolds(digits) ? ACCEPT : REJECT;
};

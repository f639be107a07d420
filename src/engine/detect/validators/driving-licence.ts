import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const NINE = 57;

function isLetter(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, then only '9' padding: "MORGA", "KHAN9", "NG999". The first must be a letter. */
function paddedLetters(s: string, from: number, to: number): boolean {
  if (!isLetter(s.charCodeAt(from))) return false;
  let padding = false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === NINE) padding = true;
    else if (padding || !isLetter(c)) return false;
  }
  return true;
}

function twoDigits(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A DVLA driver number (16 characters, spaces ignored, any case; a trailing 2-digit issue number is
 * allowed): surname (5, letters padded with 9), birth decade digit, birth month (01-12, or 51-62 for
 * women), birth day, birth year digit, two initials (letters, padded with 9), one digit and two check
 * characters. The birth month and day must exist: the decade and year digits give the year within its
 * century, so 29 February needs that year divisible by four (00 included: 2000 was a leap year).
 */
export const drivingLicence: Validator = (value) => {
  const v = value.replace(/ /g, '').toUpperCase();
  if (v.length !== 16 && !(v.length === 18 && isDigit(v.charCodeAt(16)) && isDigit(v.charCodeAt(17)))) {
    return REJECT;
  }
  if (!paddedLetters(v, 0, 5)) {
    return REJECT;
  }
  for (let i = 5; i < 11; i++) if (!isDigit(v.charCodeAt(i))) return REJECT;
  let month = twoDigits(v, 6);
  if (month > 50) month -= 50;
  const day = twoDigits(v, 8);
  const yy = (v.charCodeAt(5) - 48) * 10 + v.charCodeAt(10) - 48;
  const days = month === 2 && yy % 4 === 0 ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days) return REJECT;
  const i1 = v.charCodeAt(11);
  const i2 = v.charCodeAt(12);
  if (!(isLetter(i1) || i1 === NINE) || !(isLetter(i2) || i2 === NINE) || (i1 === NINE && i2 !== NINE)) {
    return REJECT;
  }
  if (!isDigit(v.charCodeAt(13))) return REJECT;
  for (let i = 14; i < 16; i++) {
    const c = v.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c)) return REJECT;
  }
  return ACCEPT;
};

import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const FILLER = 60; // '<'
const WEIGHTS = [7, 3, 1] as const;

/** ICAO 9303 character value: digits 0-9, letters A=10 … Z=35, filler '<' = 0; -1 for anything else. */
function charValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return c === FILLER ? 0 : -1;
}

/** The 7-3-1 weighted check digit over `s[from..to)`, or -1 if a character is not allowed in an MRZ. */
function checkDigit(s: string, from: number, to: number, sum = 0, offset = 0): number {
  let total = sum;
  for (let i = from; i < to; i++) {
    const v = charValue(s.charCodeAt(i));
    if (v === -1) return -1;
    total += v * (WEIGHTS[(i - from + offset) % 3] ?? 1);
  }
  return total;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/** Two digits at `i` as a number, or -1. */
function pairAt(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a === -1 || b === -1 ? -1 : a * 10 + b;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * YYMMDD naming a day that exists. An MRZ has no century, so 29 February passes whenever YY is divisible by
 * four (00 included: 2000 was a leap year).
 */
function dateFieldValid(s: string, i: number): boolean {
  const y = pairAt(s, i);
  const m = pairAt(s, i + 2);
  const d = pairAt(s, i + 4);
  if (y === -1 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && y % 4 === 0 ? 29 : (MONTH_DAYS[m - 1] ?? 0));
}

function fieldCheckHolds(s: string, from: number, to: number, at: number): boolean {
  const sum = checkDigit(s, from, to);
  return sum !== -1 && sum % 10 === digitAt(s, at);
}

/**
 * Line 2 of an ICAO 9303 TD3 (passport) machine-readable zone, 44 characters:
 * document number (9) + check, nationality (3), birth date YYMMDD + check, sex (M, F, X or <), expiry
 * YYMMDD + check, optional data (14) + check, and a composite check over all of those. Check digits use
 * weights 7, 3, 1 with '<' = 0 and A = 10 … Z = 35. An empty optional field may carry '<' as its check digit.
 */
export const mrzTd3: Validator = (value) => {
  if (value.length !== 44) return REJECT;
  for (let i = 10; i < 13; i++) {
    const c = value.charCodeAt(i);
    if (c !== FILLER && (c < 65 || c > 90)) return REJECT;
  }
  const sex = value[20];
  if (sex !== 'M' && sex !== 'F' && sex !== 'X' && sex !== '<') return REJECT;
  if (!dateFieldValid(value, 13) || !dateFieldValid(value, 21)) return REJECT;
  if (!fieldCheckHolds(value, 0, 9, 9)) return REJECT;
  if (!fieldCheckHolds(value, 13, 19, 19)) return REJECT;
  if (!fieldCheckHolds(value, 21, 27, 27)) return REJECT;
  const optional = checkDigit(value, 28, 42);
  if (optional === -1) return REJECT;
  const optionalCheck = value.charCodeAt(42) === FILLER ? (optional === 0 ? 0 : -1) : digitAt(value, 42);
  if (optionalCheck === -1 || optional % 10 !== optionalCheck) return REJECT;
  // Composite: document number + check, birth date + check, expiry + check, optional data + check.
  // Every character in it was checked above, so no partial sum can be -1 here.
  const sum = checkDigit(value, 21, 43, checkDigit(value, 13, 20, checkDigit(value, 0, 10), 10), 17);
  return sum % 10 === digitAt(value, 43) ? ACCEPT : REJECT;
};

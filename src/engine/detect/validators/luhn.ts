import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const ZERO = 48;
const SPACE = 32;
const DASH = 45;

/**
 * The Luhn (mod-10) check over the digits of `s`, skipping spaces and dashes. False on any other
 * character or on fewer than two digits.
 */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let digits = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === SPACE || c === DASH) continue;
    const d = c - ZERO;
    if (d < 0 || d > 9) return false;
    if (digits % 2 === 1) sum += d > 4 ? d * 2 - 9 : d * 2;
    else sum += d;
    digits++;
  }
  return digits >= 2 && sum % 10 === 0;
}

/** Digits only (spaces and dashes allowed as separators) with a valid Luhn check digit. */
export const luhn: Validator = (value) => (luhnValid(value) ? ACCEPT : REJECT);

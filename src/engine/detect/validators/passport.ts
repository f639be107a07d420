import { allSameDigit, sequentialDigits } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/**
 * A UK passport number: exactly nine digits. One repeated digit and straight runs (123456789, 987654321)
 * are placeholders.
 */
export const ukPassport: Validator = (value) => {
  if (value.length !== 9) return REJECT;
  for (let i = 0; i < 9; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return REJECT;
  }
  return allSameDigit(value) || sequentialDigits(value) ? REJECT : ACCEPT;
};

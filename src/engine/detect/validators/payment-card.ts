import { luhnValid } from './luhn.js';
import { allSameDigit } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT, TEST_DATA } from './verdicts.js';

const ZERO = 48;
const SPACE = 32;
const DASH = 45;

/**
 * Card numbers the networks and payment processors publish for testing (Visa, Stripe, Braintree/PayPal
 * and Adyen documentation). They are real-looking by design, so they are reported but flagged as test data.
 */
const TEST_CARDS: ReadonlySet<string> = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4222222222222',
  '4000056655665556',
  '4000000000000002',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '30569309025904',
  '3056930009020004',
  '38520000023237',
  '36227206271667',
  '3530111333300000',
  '3566002020360505',
  '6200000000000005',
]);

/**
 * Whether a number of `length` digits starting with the six digits `p6` fits a real issuer range.
 * Ranges follow the networks' published IIN tables (ISO/IEC 7812 issuer identification numbers).
 */
export function knownIssuer(p6: number, length: number): boolean {
  const p1 = Math.floor(p6 / 100000);
  const p2 = Math.floor(p6 / 10000);
  const p3 = Math.floor(p6 / 1000);
  const p4 = Math.floor(p6 / 100);
  if (p1 === 4) return length === 13 || length === 16 || length === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return length === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return length === 15; // American Express
  const long = length >= 16 && length <= 19;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return long; // Discover
  if (p4 >= 3528 && p4 <= 3589) return long; // JCB
  if (p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) return length >= 14 && length <= 19; // Diners Club
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return length >= 12 && length <= 19; // Maestro, UK debit
  return false;
}

/**
 * A payment card number: 13-19 digits (spaces or dashes between groups allowed), a valid Luhn digit and a
 * known issuer prefix for its length. Numbers made of one repeated digit are rejected; published test
 * cards pass with `testData`.
 */
export const paymentCard: Validator = (value) => {
  let length = 0;
  let p6 = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === SPACE || c === DASH) continue;
    const d = c - ZERO;
    if (d < 0 || d > 9) return REJECT;
    if (length < 6) p6 = p6 * 10 + d;
    length++;
  }
  if (length < 13 || length > 19) return REJECT;
  if (!knownIssuer(p6, length) || !luhnValid(value) || allSameDigit(value)) return REJECT;
  const compact = length === value.length ? value : value.replace(/[ -]/g, '');
  return TEST_CARDS.has(compact) ? TEST_DATA : ACCEPT;
};

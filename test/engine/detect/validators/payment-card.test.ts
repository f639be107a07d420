import { describe, expect, it } from 'vitest';
import { knownIssuer, paymentCard } from '../../../../src/engine/detect/validators/payment-card.js';

describe('paymentCard', () => {
  // Published test cards (Visa, Stripe, Braintree/PayPal): valid, flagged as test data.
  it.each([
    '4111111111111111',
    '4111 1111 1111 1111',
    '4242-4242-4242-4242',
    '4222222222222',
    '4000056655665556',
    '5555555555554444',
    '5105105105105100',
    '2223003122003222',
    '378282246310005',
    '3782 822463 10005',
    '371449635398431',
    '6011111111111117',
    '30569309025904',
    '38520000023237',
    '3530111333300000',
    '3566002020360505',
  ])('accepts the test card %s with testData', (value) => {
    expect(paymentCard(value)).toEqual({ ok: true, testData: true });
  });

  // Synthetic numbers with a valid Luhn digit in each issuer range.
  it.each([
    ['4539578763621486', 'Visa 16'],
    ['5425233430109903', 'Mastercard 51-55'],
    ['2221000000000009', 'Mastercard 2221'],
    ['2720999999999996', 'Mastercard 2720'],
    ['6011000000000004', 'Discover 6011'],
    ['64400000000000002', 'Discover 644, 17 digits'],
    ['35280000000000007', 'JCB 3528, 17 digits'],
    ['36000000000008', 'Diners 36'],
    ['6759649826438453', 'Maestro 67'],
    ['500000000000000009', 'Maestro 50, 18 digits'],
    ['4000000000000000006', 'Visa 19'],
  ])('accepts %s (%s) without testData', (value) => {
    expect(paymentCard(value)).toEqual({ ok: true });
  });

  it.each([
    ['4111111111111112', 'Luhn fails'],
    ['1234567890123456', 'no issuer starts with 1'],
    ['9780306406157', 'an ISBN-13: no issuer starts with 9'],
    ['490154203237518', 'an IMEI: Visa is never 15 digits'],
    ['40000000000000006', 'Visa is never 17 digits'],
    ['2720000000000000', 'Mastercard length ok but Luhn fails'],
    ['2721000000000004', 'above the Mastercard 2720 ceiling'],
    ['2220000000000000', 'below the Mastercard 2221 floor'],
    ['54127512341237', 'Mastercard is never 14 digits'],
    ['3000000000007', 'Diners is never 13 digits'],
    ['35900000000000007', 'above the JCB 3589 ceiling'],
    ['4444444444444444', 'one repeated digit'],
    ['0000000000000000', 'one repeated digit'],
    ['411111111111', 'too short'],
    ['41111111111111111111', 'too long'],
    ['4111x1111x1111x1111', 'not a number'],
  ])('rejects %s (%s)', (value) => {
    expect(paymentCard(value)).toEqual({ ok: false });
  });
});

describe('knownIssuer', () => {
  it.each([
    [411111, 16, true],
    [411111, 15, false],
    [340000, 15, true],
    [370000, 16, false],
    [222100, 16, true],
    [352800, 19, true],
    [305000, 14, true],
    [306000, 14, false],
    [700000, 16, false],
  ])('%i with %i digits → %s', (p6, length, expected) => {
    expect(knownIssuer(p6, length)).toBe(expected);
  });
});

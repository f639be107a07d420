import { describe, expect, it } from 'vitest';
import { luhn, luhnValid } from '../../../../src/engine/detect/validators/luhn.js';

describe('luhn', () => {
  // 79927398713 is the worked example in ISO/IEC 7812-1; the others are networks' published test cards.
  it.each([
    '79927398713',
    '4111111111111111',
    '4111 1111 1111 1111',
    '3782-822463-10005',
    '0000000000',
    '18',
  ])('accepts %s', (value) => {
    expect(luhn(value)).toEqual({ ok: true });
    expect(luhnValid(value)).toBe(true);
  });

  it.each([
    ['79927398710', 'wrong check digit'],
    ['4111111111111112', 'wrong check digit'],
    ['4111.1111.1111.1111', 'dots are not separators'],
    ['41111111111111a1', 'a letter'],
    ['0', 'a single digit'],
    ['', 'empty'],
    [' - ', 'separators only'],
  ])('rejects %s (%s)', (value) => {
    expect(luhn(value)).toEqual({ ok: false });
    expect(luhnValid(value)).toBe(false);
  });
});

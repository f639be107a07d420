import { describe, expect, it } from 'vitest';
import {
  allSameDigit,
  notRepeated,
  sequentialDigits,
} from '../../../../src/engine/detect/validators/not-repeated.js';

describe('allSameDigit', () => {
  it.each([
    ['00000000', true],
    ['7', true],
    ['11-11-11', true],
    ['AB-4444', true],
    ['00000001', false],
    ['12-12-12', false],
    ['', false],
    ['ABC', false],
  ])('%s → %s', (value, expected) => {
    expect(allSameDigit(value)).toBe(expected);
  });
});

describe('sequentialDigits', () => {
  it.each([
    ['12345678', true],
    ['87654321', true],
    ['123456789', true],
    ['1234567890', true],
    ['0987654321', true],
    ['34-56-78', true],
    ['789', true],
    ['12', false],
    ['12345679', false],
    ['13579', false],
    ['31926819', false],
    ['1111', false],
  ])('%s → %s', (value, expected) => {
    expect(sequentialDigits(value)).toBe(expected);
  });
});

describe('notRepeated', () => {
  it.each(['31926819', 'PX-2231-8874', 'M00457812', 'SCH/2291/77', '8', 'ABC', '1'])(
    'accepts %s',
    (value) => {
      expect(notRepeated(value)).toEqual({ ok: true });
    },
  );

  it.each(['00000000', '99999999', 'AB-1111-1111', '12345678', '98765432', 'REF-1234567890', '11'])(
    'rejects %s',
    (value) => {
      expect(notRepeated(value)).toEqual({ ok: false });
    },
  );
});

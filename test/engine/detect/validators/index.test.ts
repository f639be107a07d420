import { describe, expect, it } from 'vitest';
import {
  isValidatorName,
  VALIDATOR_NAMES,
  VALIDATORS,
} from '../../../../src/engine/detect/validators/index.js';

describe('validator registry', () => {
  it('has a function for every name and a name for every function', () => {
    for (const name of VALIDATOR_NAMES) expect(typeof VALIDATORS[name]).toBe('function');
    expect(Object.keys(VALIDATORS).sort()).toEqual([...VALIDATOR_NAMES].sort());
  });

  it('names each validator once', () => {
    expect(new Set(VALIDATOR_NAMES).size).toBe(VALIDATOR_NAMES.length);
  });

  it.each([...VALIDATOR_NAMES])('%s answers with a verdict for odd input and never throws', (name) => {
    const fn = VALIDATORS[name];
    for (const input of ['', ' ', '@', '\u0000', '１２３', 'x'.repeat(10_000), '9'.repeat(50), '-- --']) {
      const verdict = fn(input);
      expect(typeof verdict.ok).toBe('boolean');
    }
  });

  it.each([
    ['nhs-mod11', true],
    ['payment-card', true],
    ['person-name', true],
    ['not-repeated', true],
    ['chi-number', true],
    ['uk-bank-modulus', true],
    ['nhs', false],
    ['NHS-MOD11', false],
    ['toString', false],
    ['', false],
  ])('isValidatorName(%j) → %s', (name, expected) => {
    expect(isValidatorName(name)).toBe(expected);
  });
});

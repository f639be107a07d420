import { describe, expect, it } from 'vitest';
import { mask } from '../../../src/engine/classify/mask.js';
import type { Category } from '../../../src/model/vocabulary.js';

describe('mask', () => {
  it.each([
    ['person-name', 'Jane Smith', 'J*** S****'],
    ['person-name', "Mr O'Brien-Jones", "M* O'B****-J****"],
    ['nhs-number', '943 476 5919', '943 *** **19'],
    ['email-address', 'jane.doe@example.co.uk', 'j***@e***.co.uk'],
    ['postcode', 'LS1 4AB', 'LS1 ***'],
    ['postcode', 'sw1a1aa', 'SW1A ***'],
    ['date-of-birth', '03/04/1961', '**/**/**61'],
    ['access-code', '4711', '****'],
    ['payment-card', '4111 1111 1111 1111', '411* **** **** **11'],
    ['ni-number', 'AB123456C', 'AB1****6C'],
    ['postal-address', '12 Acacia Avenue', '1* A***** A*****'],
  ] as [Category, string, string][])('%s %s', (category, value, expected) => {
    expect(mask(value, category)).toBe(expected);
  });

  it('masks short values completely', () => {
    expect(mask('12345', 'bank-account')).toBe('*****');
  });

  it('never returns the value unchanged for any category', () => {
    const categories: Category[] = [
      'nhs-number',
      'phone-number',
      'iban',
      'passport-number',
      'driving-licence',
      'ip-address',
    ];
    for (const c of categories) expect(mask('GB82WEST12345698765432', c)).not.toBe('GB82WEST12345698765432');
  });
});

import { describe, expect, it } from 'vitest';
import { iban, ibanMod97 } from '../../../../src/engine/detect/validators/iban.js';

describe('iban', () => {
  // The published examples from the IBAN registry and banks' documentation.
  it.each([
    'GB82 WEST 1234 5698 7654 32',
    'GB82WEST12345698765432',
    'gb82 west 1234 5698 7654 32',
    'GB33BUKB20201555555555',
    'GB29NWBK60161331926819',
    'IE29AIBK93115212345678',
    'DE89370400440532013000',
    'FR1420041010050500013M02606',
    'ES9121000418450200051332',
    'NL91ABNA0417164300',
    'IT60X0542811101000000123456',
    'BE68539007547034',
    'PL61109010140000071219812874',
    'PT50000201231234567890154',
    'NO9386011117947',
    'ZZ591234567890123456',
  ])('accepts %s', (value) => {
    expect(iban(value)).toEqual({ ok: true });
  });

  it.each([
    ['GB82 WEST 1234 5698 7654 33', 'mod-97 fails'],
    ['GB82 WEST 1234 5698 7654', 'too short for GB'],
    ['GB12 ABCD 3456 7890 1234 56', 'mod-97 fails'],
    ['DE12 3456 7890', 'too short for anything'],
    ['DE543704004405320130001', 'mod-97 valid but 23 characters for DE'],
    ['GB88WEST1234569876543', 'mod-97 valid but 21 characters for GB'],
    ['GB671234WEST1234569876', 'mod-97 valid but digits where the GB bank code goes'],
    ['GB99WEST12345610000038', 'check digits 99 are never issued'],
    ['GB00WEST12345610000074', 'check digits 00 are never issued'],
    ['QQ54123', 'too short'],
    ['1282WEST12345698765432', 'no country code'],
    ['GB8XWEST12345698765432', 'check digits not numeric'],
    ['GB82-WEST-1234-5698-7654-32', 'dashes'],
  ])('rejects %s (%s)', (value) => {
    expect(iban(value)).toEqual({ ok: false });
  });
});

describe('ibanMod97', () => {
  it('holds for the registry example and fails for a changed digit', () => {
    expect(ibanMod97('GB82WEST12345698765432')).toBe(true);
    expect(ibanMod97('GB82WEST12345698765423')).toBe(false);
    expect(ibanMod97('GB82WEST1234569876543!')).toBe(false);
  });
});

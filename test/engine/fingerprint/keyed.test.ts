import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Fingerprinter } from '../../../src/engine/fingerprint/keyed.js';
import { normaliseValue } from '../../../src/engine/fingerprint/normalise.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

describe('normaliseValue', () => {
  it.each([
    ['date-of-birth', '03/04/1961', '1961-04-03'],
    ['date-of-birth', '3rd April 1961', '1961-04-03'],
    ['date-of-birth', '1961-04-03T00:00:00', '1961-04-03'],
    ['postcode', 'ls1  4ab', 'LS14AB'],
    ['phone-number', '+44 7700 900123', '07700900123'],
    ['phone-number', '07700-900-123', '07700900123'],
    // From a spreadsheet's number cell, its trunk 0 dropped: the same number.
    ['phone-number', '7700900123', '07700900123'],
    ['phone-number', '169771234', '0169771234'],
    ['email-address', ' Jane.Smith@Example.COM ', 'jane.smith@example.com'],
    ['person-name', 'SMITH, Jane', 'jane smith'],
    ['person-name', 'Mrs Zoë  Smith-Jones', 'zoe smith-jones'],
    ['nhs-number', '485 112 2330', '4851122330'],
    ['ni-number', 'ab 12 34 56 c', 'AB123456C'],
  ] as const)('%s %j → %j', (category, value, expected) => {
    expect(normaliseValue(category, value)).toBe(expected);
  });
});

describe('Fingerprinter', () => {
  const a = new Fingerprinter(KEY_A);
  it('gives equal facts equal prints, however written', () => {
    expect(a.value('date-of-birth', '03/04/1961')).toBe(a.value('date-of-birth', '1961-04-03'));
    expect(a.value('postcode', 'LS1 4AB')).toBe(a.value('postcode', 'ls14ab'));
    expect(a.value('postcode', 'LS1 4AB')).not.toBe(a.value('postcode', 'LS1 4AC'));
  });
  it('separates categories and keys, and is not a plain hash', () => {
    expect(a.value('nhs-number', '4851122330')).not.toBe(a.value('phone-number', '4851122330'));
    expect(a.value('nhs-number', '4851122330')).not.toBe(
      new Fingerprinter(KEY_B).value('nhs-number', '4851122330'),
    );
    const plain = createHash('sha256').update('4851122330').digest('hex');
    expect(plain.startsWith(a.value('nhs-number', '4851122330'))).toBe(false);
    expect(a.value('nhs-number', '4851122330')).toMatch(/^[0-9a-f]{32}$/);
  });
  it('names its key without revealing it, and fingerprints content streamed in chunks', () => {
    expect(a.keyId()).toMatch(/^[0-9a-f]{32}$/);
    expect(a.keyId()).not.toBe(new Fingerprinter(KEY_B).keyId());
    const whole = a.content();
    whole.update(Buffer.from('hello world'));
    const parts = a.content();
    parts.update(Buffer.from('hello '));
    parts.update(Buffer.from('world'));
    expect(parts.digest()).toBe(whole.digest());
  });
  it('refuses a short key', () => {
    expect(() => new Fingerprinter('abcd')).toThrow();
  });
});

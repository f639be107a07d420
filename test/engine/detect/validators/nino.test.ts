import { describe, expect, it } from 'vitest';
import { nino } from '../../../../src/engine/detect/validators/nino.js';

describe('nino', () => {
  it.each([
    'AB123456C',
    'AB 12 34 56 C',
    'ab123456c',
    'JH 45 67 89 B',
    'SN234567A',
    'PA123456C',
    'WX987654D',
    'AB123456',
    'AB123456 ',
    'CE 00 00 01 A',
    'ZY123456B',
    'OA123456A',
  ])('accepts %s', (value) => {
    expect(nino(value)).toEqual({ ok: true });
  });

  it.each([
    ['QQ123456C', "HMRC's own example: Q is never a prefix letter"],
    ['DA123456A', 'D first'],
    ['FA123456A', 'F first'],
    ['IA123456A', 'I first'],
    ['UA123456A', 'U first'],
    ['VA123456A', 'V first'],
    ['AD123456A', 'D second'],
    ['AO123456A', 'O second'],
    ['AQ123456A', 'Q second'],
    ['AV123456A', 'V second'],
    ['BG123456A', 'unallocated BG'],
    ['GB123456A', 'unallocated GB'],
    ['KN123456A', 'unallocated KN'],
    ['NK123456A', 'unallocated NK'],
    ['NT123456A', 'unallocated NT'],
    ['TN 31 20 45 B', 'unallocated TN'],
    ['ZZ123456A', 'unallocated ZZ'],
    ['AB123456E', 'suffix E'],
    ['AB12345C', 'five digits'],
    ['AB1234567C', 'seven digits'],
    ['A1123456C', 'digit in the prefix'],
    ['AB-12-34-56-C', 'dashes'],
    ['AB123456CD', 'two suffix letters'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(nino(value)).toEqual({ ok: false });
  });
});

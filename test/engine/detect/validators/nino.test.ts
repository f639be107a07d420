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
    'BN 10 29 66 C',
    'PA 12 34 56 A',
    'CE123456',
    'MA123456A',
    'GY123456A',
    'JY123456B',
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
    ['TN 01 01 80 M', 'a temporary number (TN, birth date, M/F)'],
    ['TN010180A', 'TN with an A-D suffix'],
    ['OO123456A', 'administrative OO: tax credits before a NINO is held'],
    ['CR123456A', 'administrative CR: Account Investigations section'],
    ['FY123456A', 'administrative FY: Attendance Allowance claims'],
    ['MW123456A', 'administrative MW: migrant workers 1980-1987'],
    ['NC123456A', 'administrative NC: stakeholder pension dummy'],
    ['NC010180F', 'a stakeholder pension dummy as written (birth date, F)'],
    ['PP999999P', "pension schemes' PP999999P"],
    ['PP123456A', 'administrative PP'],
    ['PY123456B', 'administrative PY: tax-only account'],
    ['pz 12 34 56 c', 'administrative PZ, lower case'],
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

import { describe, expect, it } from 'vitest';
import {
  drivingLicenceMatches,
  type LicenceHolder,
  licenceSurnameField,
} from '../../../../src/engine/detect/validators/driving-licence-match.js';

// The DVLA's specimen in its guidance on reading a driver number: Samantha Michelle Morgan, born 5 July 1964.
const SPECIMEN = 'MORGA657054SM9IJ';
const MORGAN: LicenceHolder = { surname: 'Morgan', dob: { year: 1964, month: 7, day: 5 }, female: true };

describe('licenceSurnameField', () => {
  it.each([
    ['Morgan', 'MORGA'],
    ['Lee', 'LEE99'],
    ['Ng', 'NG999'],
    ['Mack', 'MCK99'],
    ['MacDonald', 'MCDON'],
    ['McDonald', 'MCDON'],
    ["O'Brien", 'OBRIE'],
    ['Smith-Jones', 'SMITH'],
    ['Zoë', 'ZOE99'],
    ['de la Cruz', 'DELAC'],
    ['Johnson', 'JOHNS'],
  ])('%s → %s', (surname, field) => {
    expect(licenceSurnameField(surname)).toBe(field);
  });

  it.each(['', ' ', "'-"])('%j has no letters', (surname) => {
    expect(licenceSurnameField(surname)).toBeNull();
  });
});

describe('drivingLicenceMatches', () => {
  it.each<[string, LicenceHolder, string]>([
    [SPECIMEN, MORGAN, 'the DVLA specimen and its holder'],
    [SPECIMEN, { surname: 'MORGAN' }, 'surname only, upper case'],
    [SPECIMEN, { dob: { year: 1964, month: 7, day: 5 } }, 'birth date only, sex unknown'],
    [SPECIMEN, { female: true }, 'sex only'],
    ['MORGA 657054 SM9IJ', MORGAN, 'spaced'],
    ['morga657054sm9ij', MORGAN, 'lower case'],
    ['MORGA657054SM9IJ01', MORGAN, 'with the issue number'],
    [SPECIMEN, { ...MORGAN, dob: { year: 2064, month: 7, day: 5 } }, 'the century is not encoded'],
    [
      'JOHNS902031AB9CD',
      { surname: 'Johnson', dob: { year: 1991, month: 2, day: 3 }, female: false },
      'a man',
    ],
    [
      'JOHNS952031AB9CD',
      { surname: 'Johnson', dob: { year: 1991, month: 2, day: 3 }, female: true },
      'a woman',
    ],
    ['MCK99607054SM9IJ', { surname: 'Mack', dob: { year: 1964, month: 7, day: 5 } }, 'Mac written Mc'],
    ['LEE99812314AB9CD', { surname: 'Lee', dob: { year: 1984, month: 12, day: 31 } }, 'short surname'],
    [
      'OBRIE762290AB9CD',
      { surname: "O'Brien", dob: { year: 1970, month: 12, day: 29 } },
      'apostrophe dropped',
    ],
  ])('%s matches (%s)', (licence, person) => {
    expect(drivingLicenceMatches(licence, person)).toBe(true);
  });

  it.each<[string, LicenceHolder, string]>([
    [SPECIMEN, { ...MORGAN, surname: 'Morris' }, 'another surname'],
    [SPECIMEN, { ...MORGAN, surname: 'Mor' }, 'a short surname is padded with 9, not matched as a prefix'],
    [SPECIMEN, { ...MORGAN, female: false }, 'month 57 marks a woman'],
    [SPECIMEN, { ...MORGAN, dob: { year: 1974, month: 7, day: 5 } }, 'another decade'],
    [SPECIMEN, { ...MORGAN, dob: { year: 1963, month: 7, day: 5 } }, 'another year digit'],
    [SPECIMEN, { ...MORGAN, dob: { year: 1964, month: 6, day: 5 } }, 'another month'],
    [SPECIMEN, { ...MORGAN, dob: { year: 1964, month: 7, day: 6 } }, 'another day'],
    ['JOHNS902031AB9CD', { female: true }, 'month 02 marks a man'],
    ['MACK9607054SM9IJ', { surname: 'Mack' }, 'DVLA writes Mac as Mc'],
    ['MORGA657054SM9I', MORGAN, 'not a driver number: fifteen characters'],
    ['MORGA663054SM9IJ', MORGAN, 'not a driver number: month 63'],
  ])('%s does not match (%s)', (licence, person) => {
    expect(drivingLicenceMatches(licence, person)).toBe(false);
  });

  it.each<[LicenceHolder, string]>([
    [{}, 'nothing known'],
    [{ surname: '' }, 'a surname without letters'],
  ])('%j gives null (%s)', (person) => {
    expect(drivingLicenceMatches(SPECIMEN, person)).toBeNull();
  });
});

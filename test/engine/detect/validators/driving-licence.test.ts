import { describe, expect, it } from 'vitest';
import { drivingLicence } from '../../../../src/engine/detect/validators/driving-licence.js';

describe('drivingLicence', () => {
  it.each([
    ['MORGA753116SM9IJ', 'woman, March'],
    ['SMITH 710155 J99AB', 'spaces, one initial'],
    ['JONES861120AB9CD', 'woman, November'],
    ['WILLI802245RJ9XY', 'man, February'],
    ['KHAN9708128A99CD', 'surname padded with 9'],
    ['NG999702292AB9CD', 'short surname, 29 February 1972'],
    ['NG999002290AB9CD', '29 February 2000 (or 1900: the century is unknown)'],
    ['MORGA657054SM9IJ', 'the DVLA specimen: Samantha Michelle Morgan, 5 July 1964'],
    ['morga753116sm9ij', 'lower case'],
    ['MORGA753116SM9IJ12', 'with the issue number'],
    ['MORGA753116SM9I7', 'a digit among the check characters'],
  ])('accepts %s (%s)', (value) => {
    expect(drivingLicence(value)).toEqual({ ok: true });
  });

  it.each([
    ['SMITH713255J99AB', 'month 32'],
    ['SMITH710005J99AB', 'day 00'],
    ['SMITH700005J99AB', 'month 00'],
    ['SMITH750155J99AB', 'month 50'],
    ['SMITH763155J99AB', 'month 63'],
    ['SMITH702305J99AB', '30 February'],
    ['NG999702295AB9CD', '29 February 1975, not a leap year in any century'],
    ['SMITH704315J99AB', '31 April'],
    ['SMITH713215J99AB', 'month 13 for a man'],
    ['K9HAN708128A99CD', 'letter after the 9 padding'],
    ['9KHAN708128A99CD', 'surname starting with 9'],
    ['SMITH710155J9XAB', 'no digit at position 14'],
    ['SMITH7101559JXAB', 'initial after 9 padding'],
    ['SMITH710155J99A', 'fifteen characters'],
    ['SMITH710155J99AB1', 'seventeen characters'],
    ['SMITH710155J99ABXY', 'letters where the issue number goes'],
    ['SMITH71015AJ99AB', 'letter in the date'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(drivingLicence(value)).toEqual({ ok: false });
  });
});

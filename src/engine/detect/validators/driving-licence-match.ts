import { drivingLicence } from './driving-licence.js';

/** What may be known about a licence holder from nearby text or the same record. */
export interface LicenceHolder {
  surname?: string;
  dob?: { year: number; month: number; day: number };
  female?: boolean;
}

/**
 * The DVLA surname field for `surname`: its letters only (accents dropped, apostrophes, hyphens and spaces
 * removed), upper case, a leading "MAC" written "MC" (DVLA guidance: "Mack will become MCK99"), the first
 * five kept and padded with 9. Null when the surname has no letters.
 */
export function licenceSurnameField(surname: string): string | null {
  let letters = surname
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  if (letters.length === 0) return null;
  if (letters.startsWith('MAC')) letters = `MC${letters.slice(3)}`;
  return letters.slice(0, 5).padEnd(5, '9');
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/**
 * Whether a DVLA driver number agrees with what is known of the holder. The number encodes: characters 1-5
 * the surname field, 6 the decade digit of the birth year, 7-8 the birth month (+50 for women), 9-10 the day,
 * 11 the last digit of the year (12-13 initials, 14 an arbitrary digit, 15-16 check characters are not
 * compared). Only the facts given are compared; the century is not encoded, so 1964 and 2064 look alike.
 * Returns null when nothing was given to compare, false for a string that is not a driver number.
 */
export function drivingLicenceMatches(licence: string, person: LicenceHolder): boolean | null {
  const v = licence.replace(/ /g, '').toUpperCase();
  if (!drivingLicence(v).ok) return false;
  let compared = false;
  if (person.surname !== undefined) {
    const field = licenceSurnameField(person.surname);
    if (field !== null) {
      compared = true;
      if (v.slice(0, 5) !== field) return false;
    }
  }
  const monthField = digitAt(v, 6) * 10 + digitAt(v, 7);
  if (person.female !== undefined) {
    compared = true;
    if (person.female !== monthField > 50) return false;
  }
  if (person.dob !== undefined) {
    const { year, month, day } = person.dob;
    compared = true;
    if (!Number.isInteger(year) || year < 0) return false;
    if (digitAt(v, 5) !== Math.floor(year / 10) % 10 || digitAt(v, 10) !== year % 10) return false;
    if (monthField % 50 !== month || digitAt(v, 8) * 10 + digitAt(v, 9) !== day) return false;
  }
  return compared ? true : null;
}

import type { RawMatch } from '../detect/detect.js';
import { parseUkDate } from '../detect/validators/date-of-birth.js';
import { drivingLicenceMatches } from '../detect/validators/driving-licence-match.js';

/** How much agreeing (or disagreeing) with the record's holder moves a driver number's confidence. */
export const LICENCE_HOLDER_DELTA = 0.1;
const AGREES = `matches the record's surname and date of birth +${LICENCE_HOLDER_DELTA}`;
const DISAGREES = `does not encode the record's surname or date of birth -${LICENCE_HOLDER_DELTA}`;

/**
 * A DVLA driver number encodes its holder's surname and date of birth. Inside a record that names a person
 * and gives a birth date, a number that encodes both is far likelier to be that person's licence than a
 * look-alike reference; one that encodes neither pairing is likelier to be something else. Only a full
 * comparison (a surname and a date) moves the confidence.
 */
export function crossCheckLicences(matches: RawMatch[]): RawMatch[] {
  if (!matches.some((m) => m.category === 'driving-licence')) return matches;
  const surnames = matches
    .filter((m) => m.category === 'person-name')
    .map((m) => m.value.replace(/,.*$/, '').trim().split(/\s+/).at(-1) ?? '')
    .filter((s) => s !== '');
  const dobs = matches.flatMap((m) => {
    if (m.category !== 'date-of-birth') return [];
    const date = parseUkDate(m.value);
    return date ? [{ year: date.y, month: date.m, day: date.d }] : [];
  });
  if (surnames.length === 0 || dobs.length === 0) return matches;
  return matches.map((m) => {
    if (m.category !== 'driving-licence') return m;
    const agrees = surnames.some((surname) =>
      dobs.some((dob) => drivingLicenceMatches(m.value, { surname, dob }) === true),
    );
    const delta = agrees ? LICENCE_HOLDER_DELTA : -LICENCE_HOLDER_DELTA;
    const confidence = Math.max(0, Math.min(1, Math.round((m.confidence + delta) * 100) / 100));
    return { ...m, confidence, reasons: [...m.reasons, agrees ? AGREES : DISAGREES] };
  });
}

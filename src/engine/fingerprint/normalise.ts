import type { Category } from '../../model/vocabulary.js';
import { parseUkDate } from '../detect/validators/date-of-birth.js';
import { foldName } from '../detect/validators/person-name.js';

/**
 * The canonical form of a value, so that the same fact written differently fingerprints the same:
 * `03/04/1961` and `1961-04-03`, `LS1 4AB` and `ls14ab`, `07700 900123`, `+44 7700 900123` and `7700900123`,
 * `SMITH, Jane` and `Jane Smith`. Used for finding fingerprints and for owner fingerprint packs.
 */
export function normaliseValue(category: Category, value: string): string {
  const v = value.trim();
  switch (category) {
    case 'person-name':
      return personName(v);
    case 'date-of-birth': {
      const d = parseUkDate(v);
      return d ? `${d.y}-${pad(d.m)}-${pad(d.d)}` : collapse(v.toLowerCase());
    }
    case 'phone-number': {
      const digits = v.replace(/\D/g, '');
      if (digits.startsWith('44') && digits.length >= 12) return `0${digits.slice(2)}`;
      // A table's number that lost its trunk 0 (7700900123) is the number written with it.
      return digits.length >= 9 && digits.length <= 10 && !digits.startsWith('0') ? `0${digits}` : digits;
    }
    case 'email-address':
      return v.toLowerCase();
    case 'postal-address':
      return collapse(foldName(v).replace(/[^\p{L}\p{N} ]+/gu, ' '));
    case 'ip-address':
      return v;
    default:
      // Identifiers: letters and digits only, upper case (NHS, NI, cards, accounts, postcodes, IBANs…).
      return v.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  }
}

/** "SMITH, Jane" → "jane smith"; titles and initials' dots dropped; accents folded. */
function personName(v: string): string {
  const comma = v.indexOf(',');
  const ordered = comma === -1 ? v : `${v.slice(comma + 1)} ${v.slice(0, comma)}`;
  return collapse(
    foldName(ordered)
      .replace(/\b(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\b\.?/g, ' ')
      .replace(/[^\p{L}\p{N}'-]+/gu, ' '),
  );
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

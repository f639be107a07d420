import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/**
 * IBAN length per country, from the SWIFT IBAN Registry (ISO 13616). A country missing here is checked
 * against the general 15-34 bounds only.
 */
const LENGTHS: ReadonlyMap<string, number> = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 ' +
    'EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 ' +
    'IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 ' +
    'NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 ' +
    'SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** UK and Irish BBANs: a 4-letter bank code, then a 6-digit sort code and an 8-digit account number. */
const BANK_CODE_THEN_DIGITS = /^[A-Z]{4}\d{14}$/;

/** ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved to the end, A=10 … Z=35). */
export function ibanMod97(compact: string): boolean {
  let r = 0;
  const n = compact.length;
  for (let k = 0; k < n; k++) {
    const c = compact.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return false;
  }
  return r === 1;
}

/**
 * An International Bank Account Number: country code, two check digits (02-98), the national BBAN, with
 * or without spaces, any case. The length must match the country, and the mod-97 check must hold.
 */
export const iban: Validator = (value) => {
  const compact = value.replace(/ /g, '').toUpperCase();
  const length = compact.length;
  if (length < 15 || length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return REJECT;
  const country = compact.slice(0, 2);
  const expected = LENGTHS.get(country);
  if (expected !== undefined && expected !== length) return REJECT;
  const check = Number(compact.slice(2, 4));
  if (check < 2 || check > 98) return REJECT;
  if ((country === 'GB' || country === 'IE') && !BANK_CODE_THEN_DIGITS.test(compact.slice(4))) return REJECT;
  return ibanMod97(compact) ? ACCEPT : REJECT;
};

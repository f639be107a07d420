import { sortCode, ukBankAccount } from './bank-details.js';
import { ukBankModulus } from './bank-modulus.js';
import { chiNumber } from './chi-number.js';
import { adultBirthDate, dateOfBirth } from './date-of-birth.js';
import { drivingLicence } from './driving-licence.js';
import { emailAddress } from './email-address.js';
import { iban } from './iban.js';
import { ipv4 } from './ipv4.js';
import { luhn } from './luhn.js';
import { memoised } from './memo.js';
import { mrzTd3 } from './mrz.js';
import { nhsMod11 } from './nhs-number.js';
import { nino } from './nino.js';
import { notRepeated } from './not-repeated.js';
import { ukPassport } from './passport.js';
import { paymentCard } from './payment-card.js';
import { personName } from './person-name.js';
import type { Validator } from './types.js';
import { ukPhone } from './uk-phone.js';
import { ukPostcode } from './uk-postcode.js';

/**
 * Every validator a rule may name. The rule-pack schema and compiler check names against this list. The costly
 * ones whose values repeat row after row (names, an adult's birth date) remember their verdicts.
 */
export const VALIDATOR_NAMES = [
  'luhn',
  'payment-card',
  'nhs-mod11',
  'chi-number',
  'nino',
  'iban',
  'uk-postcode',
  'date-of-birth',
  'adult-birth-date',
  'sort-code',
  'uk-bank-account',
  'uk-bank-modulus',
  'uk-passport',
  'mrz-td3',
  'driving-licence',
  'uk-phone',
  'email-address',
  'ipv4',
  'not-repeated',
  'person-name',
] as const;

export type ValidatorName = (typeof VALIDATOR_NAMES)[number];

export const VALIDATORS: Readonly<Record<ValidatorName, Validator>> = Object.freeze({
  luhn,
  'payment-card': paymentCard,
  'nhs-mod11': nhsMod11,
  'chi-number': chiNumber,
  nino,
  iban,
  'uk-postcode': ukPostcode,
  'date-of-birth': dateOfBirth,
  'adult-birth-date': memoised(adultBirthDate),
  'sort-code': sortCode,
  'uk-bank-account': ukBankAccount,
  'uk-bank-modulus': ukBankModulus,
  'uk-passport': ukPassport,
  'mrz-td3': mrzTd3,
  'driving-licence': drivingLicence,
  'uk-phone': ukPhone,
  'email-address': emailAddress,
  ipv4,
  'not-repeated': notRepeated,
  'person-name': memoised(personName),
});

const NAMES: ReadonlySet<string> = new Set(VALIDATOR_NAMES);

export function isValidatorName(s: string): s is ValidatorName {
  return NAMES.has(s);
}

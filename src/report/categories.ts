import { type Category, SEVERITIES, type Severity } from '../model/vocabulary.js';

// Words for each category, for reports read by people through other tools (SARIF rule help in GitHub code
// scanning, JUnit and Markdown summaries in CI). The Record type makes a category without words a compile error.

export interface CategoryWords {
  /** `NHS number`: a noun phrase, capitalised as in a sentence. */
  label: string;
  /** One or two sentences: what it is and why it counts as personal data. */
  description: string;
}

export const CATEGORY_WORDS: Record<Category, CategoryWords> = {
  'person-name': {
    label: 'Person name',
    description: 'A forename and surname: on its own or next to other identifiers, it names a living person.',
  },
  'date-of-birth': {
    label: 'Date of birth',
    description: 'A date of birth: with a name or postcode it singles out one person.',
  },
  'postal-address': {
    label: 'Postal address',
    description: 'A street address: where a person lives or receives post.',
  },
  postcode: {
    label: 'Postcode',
    description: 'A UK postcode: a few households at most, so it narrows a record down to a person.',
  },
  'phone-number': {
    label: 'Phone number',
    description: 'A UK landline or mobile number: it reaches a person directly.',
  },
  'email-address': {
    label: 'Email address',
    description: 'An email address: usually one person, often their name.',
  },
  'nhs-number': {
    label: 'NHS number',
    description: 'An NHS number: a unique health identifier; with it comes special category (health) data.',
  },
  'ni-number': {
    label: 'National Insurance number',
    description: 'A National Insurance number: a unique identifier used for tax and benefits, and for fraud.',
  },
  'policy-number': {
    label: 'Policy number',
    description: "An insurance or plan policy number: it identifies a customer's account.",
  },
  'payment-card': {
    label: 'Payment card number',
    description: 'A payment card number (PAN): financial data under PCI DSS as well as personal data.',
  },
  'bank-account': {
    label: 'Bank account details',
    description: 'A UK sort code and account number: enough to set up a payment against the account.',
  },
  iban: {
    label: 'IBAN',
    description: 'An international bank account number: it identifies one account holder.',
  },
  'passport-number': {
    label: 'Passport number',
    description: 'A passport number: an identity document number, used for identity fraud.',
  },
  'driving-licence': {
    label: 'Driving licence number',
    description: "A UK driving licence number: it encodes the holder's surname and date of birth.",
  },
  'access-code': {
    label: 'Access code',
    description: "A key-safe or door code: it opens a person's home.",
  },
  'ip-address': {
    label: 'IP address',
    description: 'An IP address: an online identifier that can be linked to a subscriber.',
  },
};

/** What to do about a finding, the same for every category. */
export const REMEDIATION =
  'Delete the data if it is not needed here, or move it to a system approved for personal data. ' +
  'If it is expected (test data, a known and approved store), record that in a suppressions file ' +
  'with a reason, an owner and an expiry date, so the next scan leaves it out.';

/** The more serious of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}

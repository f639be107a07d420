// Closed vocabularies. Every schema check, registry and reporter derives from these arrays.

export const CATEGORIES = [
  'person-name',
  'date-of-birth',
  'postal-address',
  'postcode',
  'phone-number',
  'email-address',
  'nhs-number',
  'ni-number',
  'policy-number',
  'payment-card',
  'bank-account',
  'iban',
  'passport-number',
  'driving-licence',
  'access-code',
  'ip-address',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that describe one thing: an address and its postcode count as one group. */
export function groupOf(category: Category): string {
  return category === 'postcode' ? 'postal-address' : category;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Ordered from least to most serious; `--fail-on` compares positions in this array. */
export const VERDICTS = ['clean', 'contains-pii', 'personal-data'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const FAIL_ON = ['personal-data', 'contains-pii', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** How deeply a file was read: as decoded text, or only through its printable string runs. */
/** How deeply a file was read: as text, through its printable strings only, or by a format extractor. */
export const INSPECTIONS = ['text', 'strings', 'pdf', 'office', 'sqlite', 'email'] as const;
export type Inspection = (typeof INSPECTIONS)[number];

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'binary'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'csv', 'jsonl', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * Normalises a column header or key the same way for rules and for data: `Date of Birth`, `dateOfBirth` and
 * `DATE_OF_BIRTH` all become `date_of_birth`; `NHSNumber` becomes `nhs_number`.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

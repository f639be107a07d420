import { detached } from './detach.js';

/** Keys come back on every line of a log or JSON file: each is normalised once (bounded, keys are data). */
const NORMALISED = new Map<string, string>();
const NORMALISED_LIMIT = 4096;

/**
 * Normalises a column header or key the same way for rules and for data: `Date of Birth`, `dateOfBirth` and
 * `DATE_OF_BIRTH` all become `date_of_birth`; `NHSNumber` becomes `nhs_number`.
 */
export function normaliseHeader(raw: string): string {
  let name = NORMALISED.get(raw);
  if (name === undefined) {
    name = detached(normalise(raw));
    if (NORMALISED.size >= NORMALISED_LIMIT) NORMALISED.clear();
    NORMALISED.set(detached(raw), name);
  }
  return name;
}

function normalise(raw: string): string {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

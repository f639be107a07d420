/** Normalises a column header or key the same way for rules and for data: `Date of Birth` → `date_of_birth`. */
export function normaliseHeader(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

import type { Category } from '../../model/vocabulary.js';

/**
 * Masks a value for display. Enough survives for a person who holds the data to recognise it
 * (`J*** S****`, `943 *** **19`, `LS1 ***`), not enough to use it. Separators are kept so the shape shows.
 */
export function mask(value: string, category: Category): string {
  switch (category) {
    case 'person-name':
    case 'postal-address':
      return value.replace(/[\p{L}\p{N}]+/gu, (w) => `${w[0]}${'*'.repeat(w.length - 1)}`);
    case 'email-address':
      return maskEmail(value);
    case 'postcode':
      return maskPostcode(value);
    case 'date-of-birth':
      return keepLast(value, 2);
    case 'access-code':
      return value.replace(/[\p{L}\p{N}]/gu, '*');
    default:
      return keepEnds(value, 3, 2);
  }
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return keepEnds(value, 1, 0);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.');
  const host = dot === -1 ? domain : domain.slice(0, dot);
  const suffix = dot === -1 ? '' : domain.slice(dot);
  return `${local[0]}***@${host[0] ?? ''}***${suffix}`;
}

function maskPostcode(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 5) return '*'.repeat(value.length);
  return `${compact.slice(0, compact.length - 3).toUpperCase()} ***`;
}

/** Keeps the first `head` and last `tail` alphanumerics; masks the rest. */
function keepEnds(value: string, head: number, tail: number): string {
  const total = (value.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (total <= head + tail + 2) return value.replace(/[\p{L}\p{N}]/gu, '*');
  let seen = 0;
  return value.replace(/[\p{L}\p{N}]/gu, (ch) => {
    seen++;
    return seen <= head || seen > total - tail ? ch : '*';
  });
}

function keepLast(value: string, tail: number): string {
  return keepEnds(value, 0, tail);
}

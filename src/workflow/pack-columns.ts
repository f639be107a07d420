import { ResidueError } from '../model/errors.js';
import { CATEGORIES, type Category, isOneOf } from '../model/vocabulary.js';

/** A source column the owner chose to fingerprint, and what it holds. */
export interface PackColumn {
  name: string;
  category: Category;
}

/**
 * `--columns surname,dob,postcode` or `--columns surname:person-name,...`: each name with its category, given
 * or guessed from the name. A name nothing can be guessed from is an error asking for its category.
 */
export function parseColumns(spec: string): PackColumn[] {
  const columns: PackColumn[] = [];
  for (const part of spec.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const colon = item.lastIndexOf(':');
    const name = (colon === -1 ? item : item.slice(0, colon)).trim();
    const given = colon === -1 ? null : item.slice(colon + 1).trim();
    if (name === '') throw new ResidueError('USAGE', { detail: `--columns: empty column name in "${spec}"` });
    const category = given === null ? guessCategory(name) : isOneOf(CATEGORIES, given) ? given : undefined;
    if (!category) {
      throw new ResidueError('FINGERPRINT_CATEGORY', {
        column: name,
        ...(given !== null ? { given } : {}),
        categories: CATEGORIES.join(', '),
      });
    }
    if (columns.some((c) => c.name.toLowerCase() === name.toLowerCase()))
      throw new ResidueError('USAGE', { detail: `--columns: column "${name}" is named twice` });
    columns.push({ name, category });
  }
  if (columns.length === 0)
    throw new ResidueError('USAGE', { detail: '--columns: name at least one column' });
  return columns;
}

/** The category a column's name suggests: `Date_of_Birth` → date-of-birth, `mobileNo` → phone-number. */
export function guessCategory(column: string): Category | undefined {
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  const joined = words.join('');
  if (has('nhs') || joined.startsWith('nhs')) return 'nhs-number';
  if (has('ni', 'nino') || joined.startsWith('nationalinsurance') || joined === 'ninumber')
    return 'ni-number';
  if (has('dob', 'birth', 'birthday', 'born') || joined === 'dateofbirth') return 'date-of-birth';
  if (has('postcode', 'zip') || joined === 'postcode') return 'postcode';
  if (has('email', 'mail') || joined.startsWith('email')) return 'email-address';
  if (has('phone', 'mobile', 'tel', 'telephone', 'landline') || joined.startsWith('phone'))
    return 'phone-number';
  if (has('address', 'street', 'addr') || /^address\d*$/.test(joined)) return 'postal-address';
  if (
    has('name', 'surname', 'forename', 'firstname', 'lastname', 'fullname', 'given', 'family', 'middle') ||
    joined.endsWith('name')
  )
    return 'person-name';
  return undefined;
}

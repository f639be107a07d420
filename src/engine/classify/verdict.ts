import type { Category, Verdict } from '../../model/vocabulary.js';

/**
 * The verdict rule, documented in the README:
 * - a record *links* when its reported findings span two or more category groups and at least one of them
 *   points at a person (ANCHORS);
 * - a file is **personal-data** when it has two or more linking records, or one linking record that spans three
 *   or more groups or carries a sensitive identifier (STRONG): a letter to one person counts, a source header
 *   with one author's name and email does not;
 * - **contains-pii** when it has any reported finding; **clean** otherwise.
 */

/** Address and postcode describe one thing: they count as one group. */
export function groupOf(category: Category): string {
  return category === 'postcode' ? 'postal-address' : category;
}

export const ANCHORS: ReadonlySet<Category> = new Set<Category>([
  'person-name',
  'date-of-birth',
  'email-address',
  'nhs-number',
  'ni-number',
  'passport-number',
  'driving-licence',
]);

export const STRONG: ReadonlySet<Category> = new Set<Category>([
  'date-of-birth',
  'nhs-number',
  'ni-number',
  'passport-number',
  'driving-licence',
  'payment-card',
  'bank-account',
  'iban',
  'access-code',
  'policy-number',
]);

export interface RecordShape {
  groups: number;
  linking: boolean;
  strong: boolean;
}

export function recordShape(categories: Iterable<Category>): RecordShape {
  const groups = new Set<string>();
  let anchor = false;
  let strong = false;
  for (const c of categories) {
    groups.add(groupOf(c));
    if (ANCHORS.has(c)) anchor = true;
    if (STRONG.has(c)) strong = true;
  }
  const linking = groups.size >= 2 && anchor;
  return { groups: groups.size, linking, strong: linking && (groups.size >= 3 || strong) };
}

export interface VerdictTally {
  linkingRecords: number;
  /** A linking record with three or more groups or a sensitive identifier. */
  strongRecord: boolean;
  findings: number;
}

export function fileVerdict(t: VerdictTally): Verdict {
  if (t.linkingRecords >= 2 || (t.linkingRecords === 1 && t.strongRecord)) return 'personal-data';
  if (t.findings > 0) return 'contains-pii';
  return 'clean';
}

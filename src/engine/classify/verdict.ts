import { type Category, groupOf, type Verdict } from '../../model/vocabulary.js';

export { groupOf };

/**
 * The verdict rule, documented in the README:
 * - a record *links* when its reported findings span two or more category groups and at least one of them
 *   points at a person (ANCHORS);
 * - a file is **personal-data** when it has two or more linking records, or one linking record that spans three
 *   or more groups or carries a sensitive identifier (STRONG): a letter to one person counts, a source header
 *   with one author's name and email does not. Records that are only a name and an email (CONTACT) are how
 *   code credits its authors, so when every linking record is one of those it takes MIN_CONTACT_RECORDS;
 * - **contains-pii** when it has any reported finding; **clean** otherwise.
 */

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

/** Name and email: a contact line, as in a licence header or a package's author list. */
export const CONTACT: ReadonlySet<Category> = new Set<Category>(['person-name', 'email-address']);

/** Contact-only records needed before a file of them is personal-data (a mailing list, not two authors). */
export const MIN_CONTACT_RECORDS = 3;

export interface RecordShape {
  groups: number;
  linking: boolean;
  strong: boolean;
  /** Linking, but only a name and an email. */
  contactOnly: boolean;
}

export function recordShape(categories: Iterable<Category>): RecordShape {
  const groups = new Set<string>();
  let anchor = false;
  let strong = false;
  let contact = true;
  for (const c of categories) {
    groups.add(groupOf(c));
    if (ANCHORS.has(c)) anchor = true;
    if (STRONG.has(c)) strong = true;
    if (!CONTACT.has(c)) contact = false;
  }
  const linking = groups.size >= 2 && anchor;
  return {
    groups: groups.size,
    linking,
    strong: linking && (groups.size >= 3 || strong),
    contactOnly: linking && contact,
  };
}

export interface VerdictTally {
  linkingRecords: number;
  /** Of the linking records, those that are only a name and an email. */
  contactRecords: number;
  /** A linking record with three or more groups or a sensitive identifier. */
  strongRecord: boolean;
  findings: number;
}

export function fileVerdict(t: VerdictTally): Verdict {
  const onlyContacts = t.contactRecords === t.linkingRecords;
  const enough = onlyContacts ? t.linkingRecords >= MIN_CONTACT_RECORDS : t.linkingRecords >= 2;
  if (enough || (t.linkingRecords >= 1 && t.strongRecord)) return 'personal-data';
  if (t.findings > 0) return 'contains-pii';
  return 'clean';
}

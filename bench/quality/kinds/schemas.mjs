// Table schemas for customer, patient, staff, payment and care exports: which columns, which header
// spellings, which category each column plants. A file picks one schema, one spelling per column, and one
// writing per identifier.
import { DOB_FORMAT_NAMES, formatDate, isoTime, randomDate } from '../lib/dates.mjs';
import { formatCard, formatIban, formatNhs, formatNino, formatSortCode } from '../lib/ids.mjs';

/** @typedef {import('../lib/people.mjs').Person} Person */
/** @typedef {import('../lib/rand.mjs').Rand} Rand */

/**
 * How identifiers are written throughout one file.
 * @typedef {object} Style
 * @property {Rand} r
 * @property {string} dobFormat
 * @property {'spaced' | 'compact' | 'dashed'} nhs
 * @property {boolean} ninoSpaced
 * @property {boolean} cardSpaced
 * @property {string} sortSep
 * @property {boolean} ibanSpaced
 * @property {boolean} phoneCompact
 * @property {number} row
 */

/**
 * A column: header spellings, the category it plants (null: not a person identifier), and its value.
 * @typedef {{ headers: string[], category: string | null, value: (p: Person, s: Style) => string }} Column
 */

/** @satisfies {Record<string, Column>} */
const C = {
  id: { headers: ['id', 'customer_id', 'ID', 'ref'], category: null, value: (_p, s) => String(1000 + s.row) },
  title: { headers: ['title', 'Title', 'salutation'], category: null, value: (p) => p.title },
  forename: {
    headers: ['forename', 'first_name', 'First Name', 'FirstName', 'given_name'],
    category: 'person-name',
    value: (p) => p.first,
  },
  surname: {
    headers: ['surname', 'last_name', 'Last Name', 'Surname', 'family_name'],
    category: 'person-name',
    value: (p) => p.last,
  },
  fullName: {
    headers: ['name', 'full_name', 'customer_name', 'Customer Name', 'Name'],
    category: 'person-name',
    value: (p) => p.full,
  },
  patientName: {
    headers: ['patient_name', 'Patient Name', 'name', 'client_name'],
    category: 'person-name',
    value: (p) => p.full,
  },
  dob: {
    headers: ['dob', 'date_of_birth', 'Date of Birth', 'DOB', 'birth_date', 'D.O.B.'],
    category: 'date-of-birth',
    value: (p, s) => formatDate(s.dobFormat, p.dob),
  },
  address1: {
    headers: ['address1', 'address', 'Address Line 1', 'street', 'address_line_1'],
    category: 'postal-address',
    value: (p) => p.address.line1,
  },
  addressTown: {
    headers: ['address', 'home_address', 'Address'],
    category: 'postal-address',
    value: (p) =>
      `${p.address.line1}, ${p.address.locality ? `${p.address.locality}, ` : ''}${p.address.town}`,
  },
  town: { headers: ['town', 'city', 'Town', 'post_town'], category: null, value: (p) => p.address.town },
  postcode: {
    headers: ['postcode', 'post_code', 'Postcode', 'Post Code', 'zip'],
    category: 'postcode',
    value: (p) => p.address.postcode,
  },
  phone: {
    headers: ['phone', 'telephone', 'Tel', 'mobile', 'phone_number', 'Contact Number'],
    category: 'phone-number',
    value: (p, s) => (s.phoneCompact ? p.phone.replace(/ /g, '') : p.phone),
  },
  email: {
    headers: ['email', 'email_address', 'Email', 'E-mail'],
    category: 'email-address',
    value: (p) => p.email,
  },
  nhs: {
    headers: ['nhs_number', 'nhs_no', 'NHS Number', 'NHS No'],
    category: 'nhs-number',
    value: (p, s) => formatNhs(p.nhs, s.nhs),
  },
  nino: {
    headers: ['ni_number', 'nino', 'NI Number', 'national_insurance_number'],
    category: 'ni-number',
    value: (p, s) => formatNino(p.nino, s.ninoSpaced),
  },
  passport: {
    headers: ['passport_number', 'passport_no', 'Passport'],
    category: 'passport-number',
    value: (p) => p.passport,
  },
  licence: {
    headers: ['driving_licence', 'licence_number', 'Driving Licence No'],
    category: 'driving-licence',
    value: (p) => p.licence,
  },
  card: {
    headers: ['card_number', 'card', 'pan', 'Card Number'],
    category: 'payment-card',
    value: (p, s) => (s.cardSpaced ? formatCard(p.card) : p.card),
  },
  expiry: { headers: ['expiry', 'card_expiry', 'Expiry'], category: null, value: (p) => p.cardExpiry },
  sortCode: {
    headers: ['sort_code', 'Sort Code', 'sortcode'],
    category: 'bank-account',
    value: (p, s) => formatSortCode(p.sortCode, s.sortSep),
  },
  account: {
    headers: ['account_number', 'Account Number', 'account_no'],
    category: 'bank-account',
    value: (p) => p.account,
  },
  iban: {
    headers: ['iban', 'IBAN'],
    category: 'iban',
    value: (p, s) => (s.ibanSpaced ? formatIban(p.iban) : p.iban),
  },
  policy: {
    headers: ['policy_number', 'policy_no', 'Policy Number', 'plan_number'],
    category: 'policy-number',
    value: (p) => p.policy,
  },
  keysafe: {
    headers: ['keysafe', 'key_safe_code', 'Key Safe', 'access_code'],
    category: 'access-code',
    value: (p) => p.keysafe,
  },
  amount: {
    headers: ['amount', 'monthly_contribution', 'balance'],
    category: null,
    value: (_p, s) => s.r.money(5, 400),
  },
  created: {
    headers: ['created_at', 'updated', 'last_modified'],
    category: null,
    value: (_p, s) => isoTime(randomDate(s.r, 2019, 2024), s.r.int(0, 23), s.r.int(0, 59), s.r.int(0, 59)),
  },
  status: {
    headers: ['status', 'state'],
    category: null,
    value: (_p, s) => s.r.pick(['active', 'lapsed', 'pending', 'closed']),
  },
  visit: {
    headers: ['visit_time', 'visit'],
    category: null,
    value: (_p, s) => `${s.r.int(7, 20)}:${s.r.pick(['00', '30'])}`,
  },
  carer: { headers: ['carer_id', 'carer'], category: null, value: (_p, s) => `CW-${s.r.int(100, 199)}` },
};

/**
 * @typedef {object} Schema
 * @property {string} file   file-name stem
 * @property {string} table  table / element name for SQL, XML
 * @property {string} row    XML row element
 * @property {Column[]} columns
 */

/** @type {Schema[]} */
export const SCHEMAS = [
  {
    file: 'customers_export',
    table: 'customers',
    row: 'customer',
    columns: [
      C.policy,
      C.title,
      C.forename,
      C.surname,
      C.dob,
      C.address1,
      C.town,
      C.postcode,
      C.amount,
      C.phone,
    ],
  },
  {
    file: 'patients',
    table: 'patients',
    row: 'patient',
    columns: [C.id, C.nhs, C.patientName, C.dob, C.addressTown, C.postcode, C.phone],
  },
  {
    file: 'staff',
    table: 'employees',
    row: 'employee',
    columns: [C.id, C.forename, C.surname, C.dob, C.nino, C.passport, C.licence, C.email, C.phone, C.created],
  },
  {
    file: 'payments',
    table: 'payments',
    row: 'payment',
    columns: [C.id, C.fullName, C.email, C.card, C.expiry, C.postcode, C.amount, C.created],
  },
  {
    file: 'direct_debits',
    table: 'mandates',
    row: 'mandate',
    columns: [C.id, C.fullName, C.sortCode, C.account, C.iban, C.email, C.postcode, C.status],
  },
  {
    file: 'crm_contacts',
    table: 'contacts',
    row: 'contact',
    columns: [C.id, C.fullName, C.email, C.phone, C.postcode, C.dob, C.status],
  },
  {
    file: 'care_clients',
    table: 'clients',
    row: 'client',
    columns: [C.patientName, C.addressTown, C.postcode, C.nhs, C.phone, C.keysafe, C.visit, C.carer],
  },
];

/**
 * Picks the writing of every identifier for one file.
 * @param {Rand} r
 * @returns {Style}
 */
export function pickStyle(r) {
  return {
    r,
    dobFormat: r.pick(DOB_FORMAT_NAMES),
    nhs: r.pick(['spaced', 'compact', 'dashed']),
    ninoSpaced: r.chance(0.5),
    cardSpaced: r.chance(0.5),
    sortSep: r.pick(['-', '-', ' ', '']),
    ibanSpaced: r.chance(0.5),
    phoneCompact: r.chance(0.3),
    row: 0,
  };
}

/**
 * @typedef {object} Table
 * @property {Schema} schema
 * @property {string[]} headers
 * @property {string[][]} rows
 * @property {Record<string, number>} entities
 * @property {boolean} hasDob
 * @property {Style} style
 */

/**
 * Builds a table of `n` people under one schema with one header spelling per column.
 * @param {import('./types.mjs').Ctx} ctx
 * @param {number} n
 * @param {{ schema?: Schema, accented?: number, titleCase?: boolean }} [opts]
 * @returns {Table}
 */
export function buildTable(ctx, n, opts = {}) {
  const { r } = ctx;
  const schema = opts.schema ?? r.pick(SCHEMAS);
  const style = pickStyle(r);
  const titleCase = opts.titleCase ?? r.chance(0.3);
  const headers = schema.columns.map((c) => {
    const spelled = c.headers.filter((h) => /[A-Z ]/.test(h) === titleCase);
    return r.pick(spelled.length > 0 ? spelled : c.headers);
  });
  /** @type {Record<string, number>} */
  const entities = {};
  const rows = [];
  for (let i = 0; i < n; i++) {
    const p = ctx.person({ accented: opts.accented });
    style.row = i;
    rows.push(schema.columns.map((c) => c.value(p, style)));
    for (const c of schema.columns) if (c.category) entities[c.category] = (entities[c.category] ?? 0) + 1;
  }
  return { schema, headers, rows, entities, hasDob: schema.columns.includes(C.dob), style };
}

/**
 * A header as a JSON/XML/SQL key: snake_case, or camelCase when asked.
 * @param {string} header
 * @param {boolean} camel
 */
export function keyOf(header, camel) {
  const parts = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!camel) return parts.join('_');
  return parts.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
}

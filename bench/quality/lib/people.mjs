// Fabricated people: forenames and surnames from the project's own name lists (rules/names/) and from
// faker, with Mc/Mac/O' names, accents and double-barrelled surnames mixed in, and identifiers from ids.mjs.
import { readFileSync } from 'node:fs';
import { randomDate } from './dates.mjs';
import * as ids from './ids.mjs';

/** @typedef {import('./rand.mjs').Rand} Rand */
/** @typedef {import('./dates.mjs').Ymd} Ymd */

/**
 * @typedef {object} Address
 * @property {string} line1      "14 Larkspur Close" or "Flat 3, 27 Victoria Road"
 * @property {string} [locality] "Headingley"
 * @property {string} town
 * @property {string} postcode
 */

/**
 * @typedef {object} Person
 * @property {'female' | 'male'} sex
 * @property {string} title
 * @property {string} first
 * @property {string} last
 * @property {string} full       "first last"
 * @property {Ymd} dob
 * @property {Address} address
 * @property {string} phone      an Ofcom drama number, spaced
 * @property {string} email
 * @property {string} nhs        ten digits
 * @property {string} nino       compact
 * @property {string} card       digits
 * @property {string} cardExpiry "MM/YY"
 * @property {string} sortCode   six digits
 * @property {string} account    eight digits
 * @property {string} iban       compact
 * @property {string} passport   nine digits
 * @property {string} licence    DVLA driver number
 * @property {string} policy     "FP-20114411"
 * @property {string} keysafe    "4821" or "C4821"
 */

/**
 * Every identifier handed out, by category, so tests can check each against residue's validators.
 * @typedef {Record<string, string[]>} Registry
 */

const NAMES_DIR = new URL('../../../rules/names/', import.meta.url);

/** @param {string} file words of a rules/names list (whitespace-separated, `#` comment lines) */
function words(file) {
  return readFileSync(new URL(file, NAMES_DIR), 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean);
}

const ACCENTED_FIRST = /** @type {const} */ ([
  ['Zoë', 'female'],
  ['Siân', 'female'],
  ['Seán', 'male'],
  ['Siobhán', 'female'],
  ['Chloë', 'female'],
  ['Eóin', 'male'],
  ['Ciarán', 'male'],
  ['Oisín', 'male'],
  ['Renée', 'female'],
  ['Dónal', 'male'],
]);
const ACCENTED_LAST = ['Brontë', 'Wójcik', 'Núñez', 'Müller', 'Lefèvre', 'Doré'];
const MAC_ROOTS = ['Donald', 'Kenzie', 'Leod', 'Intyre', 'Kay', 'Gregor', 'Laughlin', 'Allister', 'Bride'];
const O_ROOTS = ['Brien', 'Connor', 'Donnell', 'Neill', 'Reilly', 'Sullivan', 'Hara', 'Donoghue', 'Keefe'];

const STREET_WORDS = [
  'Acacia',
  'Larkspur',
  'Hawthorn',
  'Meadowsweet',
  'Millbeck',
  'Kestrel',
  'Sandpiper',
  'Victoria',
  'Church',
  'Mill',
  'Oak',
  'Elm',
  'Beech',
  'Willow',
  'Cherry',
  'Rowan',
  'Primrose',
  'Clover',
  'Bramble',
  'Heathfield',
  'Brackenfold',
  'Station',
  'Albert',
  'Queens',
  'Kings',
  'Chapel',
  'Orchard',
  'Greenacre',
  'Fox',
  'Badger',
  'Linden',
  'Sycamore',
  'Ashworth',
  'Moorland',
  'Riverside',
  'Springfield',
  'Westfield',
  'Highfield',
];
const STREET_TYPES = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Drive',
  'Close',
  'Court',
  'Crescent',
  'Place',
  'Gardens',
  'Grove',
  'Terrace',
  'Way',
  'Rise',
  'Mews',
  'Walk',
  'View',
  'Croft',
  'Green',
  'Row',
];
const LOCALITIES = [
  'Headingley',
  'Roundhay',
  'Chapel Allerton',
  'Moseley',
  'Clifton',
  'Didsbury',
  'Jesmond',
  'Morningside',
  'Canton',
  'Ecclesall',
  'Heaton',
  'Horsforth',
  'Kirkstall',
  'Southville',
  'Pontcanna',
  'Bearsden',
];

/**
 * @typedef {object} NameLists
 * @property {string[]} female
 * @property {string[]} male
 * @property {string[]} surnames
 */

const FEMININE_ENDING = /(?:a|ah|ie|ine|elle|ette|een|yn|wen|ys|is|ë)$/i;
const FEMALE_EXTRA = new Set(
  [
    'Aoife Beatrix Bethan Beverley Caitlin Catrin Niamh Siobhan Ffion Rhian Sian Mair Eleri',
    'Gwen Orla Roisin Saoirse Sinead Imogen Esme Freya Ruth Miriam Ingrid Astrid Harriet Megan',
    'Ellen Kathleen Shazia Sukhdeep Rubina Deirdre Demi Elin Gwyneth Katy Kirsty Manon Marion',
    'Róisín Seren Siân Simran Zainab Ngozi Folake Carly',
  ]
    .join(' ')
    .split(' '),
);

/** @type {NameLists | undefined} */
let cached;

/**
 * The project's forename and surname lists, forenames split by sex (faker's gendered lists, else the ending)
 * so that titles agree with forenames.
 * @param {import('@faker-js/faker').Faker} faker
 * @returns {NameLists}
 */
export function nameLists(faker) {
  if (cached) return cached;
  const fem = new Set(faker.definitions.person.first_name?.female ?? []);
  const mal = new Set(faker.definitions.person.first_name?.male ?? []);
  const female = [];
  const male = [];
  for (const w of words('first-names.txt')) {
    // Names faker does not know (Siobhan, Gruffydd, Harjit) go by their ending; names it knows as both, to both.
    const feminine = FEMALE_EXTRA.has(w) || FEMININE_ENDING.test(w);
    const f = fem.has(w) || (!mal.has(w) && feminine);
    const m = mal.has(w) || (!fem.has(w) && !feminine);
    if (f) female.push(w);
    if (m) male.push(w);
  }
  cached = { female, male, surnames: words('surnames.txt') };
  return cached;
}

/**
 * A forename: mostly the project list, some with accents, some from faker's (US-flavoured) lists.
 * @param {Rand} r
 * @param {'female' | 'male'} sex
 * @param {number} accented share of accented forenames
 */
function forename(r, sex, accented) {
  const lists = nameLists(r.faker);
  if (r.chance(accented)) {
    const options = ACCENTED_FIRST.filter(([, s]) => s === sex).map(([n]) => n);
    return r.pick(options);
  }
  if (r.chance(0.15)) return r.faker.person.firstName(sex);
  return r.pick(sex === 'female' ? lists.female : lists.male);
}

/**
 * @param {Rand} r
 * @param {number} accented
 */
function surname(r, accented) {
  const lists = nameLists(r.faker);
  const roll = r.int(1, 100);
  if (r.chance(accented)) return r.pick(ACCENTED_LAST);
  if (roll <= 8) return `${r.pick(lists.surnames)}-${r.pick(lists.surnames)}`;
  if (roll <= 14)
    return r.chance(0.5) ? `${r.pick(['Mc', 'Mac'])}${r.pick(MAC_ROOTS)}` : `O'${r.pick(O_ROOTS)}`;
  if (roll <= 28) return r.faker.person.lastName();
  return r.pick(lists.surnames);
}

/**
 * A home address in `town` (or a random town).
 * @param {Rand} r
 * @returns {Address}
 */
export function address(r) {
  const [town, area] = r.pick(ids.TOWNS);
  const street = r.chance(0.8)
    ? `${r.pick(STREET_WORDS)} ${r.pick(STREET_TYPES)}`
    : `${r.faker.location.street()}`.replace(/\s+/g, ' ');
  const house = `${r.int(1, 180)}${r.chance(0.05) ? r.pick(['A', 'B']) : ''} ${street}`;
  const line1 = r.chance(0.12) ? `Flat ${r.int(1, 24)}, ${house}` : house;
  /** @type {Address} */
  const a = { line1, town, postcode: ids.postcode(r, area) };
  if (r.chance(0.3)) a.locality = r.pick(LOCALITIES);
  return a;
}

/**
 * One fabricated person with every identifier this corpus may print.
 * @param {Rand} r
 * @param {Registry} registry receives each identifier
 * @param {{ accented?: number }} [opts] share of accented names (default 0.06)
 * @returns {Person}
 */
export function person(r, registry, opts = {}) {
  const accented = opts.accented ?? 0.06;
  const sex = r.chance(0.52) ? 'female' : 'male';
  const first = forename(r, sex, accented);
  const last = surname(r, accented);
  const title =
    sex === 'female' ? r.pick(['Mrs', 'Ms', 'Miss', 'Mrs', 'Dr']) : r.pick(['Mr', 'Mr', 'Mr', 'Dr']);
  const dob = randomDate(r, 1930, 2004);
  const { sortCode, account } = ids.bankAccount(r);
  /** @type {Person} */
  const p = {
    sex,
    title,
    first,
    last,
    full: `${first} ${last}`,
    dob,
    address: address(r),
    phone: ids.dramaPhone(r),
    email: '',
    nhs: ids.nhsNumber(r),
    nino: ids.nino(r),
    card: ids.cardNumber(r),
    cardExpiry: `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(26, 31)}`,
    sortCode,
    account,
    iban: ids.gbIban(r, sortCode, account),
    passport: ids.passportNumber(r),
    licence: '',
    policy: r.pick([`FP-${r.int(20100000, 20199999)}`, `EVG${r.digits(7)}`, `PL/${r.int(100000, 999999)}`]),
    keysafe: r.chance(0.8) ? r.digits(4) : `${r.pick(['C', 'K'])}${r.digits(4)}`,
  };
  p.email = ids.email(r, first, last);
  p.licence = ids.drivingLicence(r, p);
  const plant = (/** @type {string} */ category, /** @type {string} */ value) => {
    registry[category] ??= [];
    registry[category].push(value);
  };
  plant('nhs-number', p.nhs);
  plant('ni-number', p.nino);
  plant('payment-card', p.card);
  plant('iban', p.iban);
  plant('postcode', p.address.postcode);
  plant('phone-number', p.phone);
  plant('email-address', p.email);
  plant('sort-code', p.sortCode);
  plant('bank-account', p.account);
  plant('bank-pair', `${p.sortCode} ${p.account}`);
  plant('passport-number', p.passport);
  plant('driving-licence', p.licence);
  plant('licence-holder', [p.licence, p.last, p.dob.y, p.dob.m, p.dob.d, p.sex].join('|'));
  return p;
}

/** @param {Person} p "Mrs Jane Smith" */
export const titled = (p) => `${p.title} ${p.full}`;

// Positive kinds in prose: letters, care-visit notes, support chats, Key: value blocks and support emails.
// Each describes one or a few people in sentences and address blocks rather than in columns.
import { DOB_FORMAT_NAMES, formatDate, randomDate } from '../lib/dates.mjs';
import { formatNhs, formatNino } from '../lib/ids.mjs';
import { titled } from '../lib/people.mjs';
import { tally } from './types.mjs';

/** @typedef {import('./types.mjs').Ctx} Ctx */
/** @typedef {import('./types.mjs').Made} Made */
/** @typedef {import('../lib/people.mjs').Person} Person */

const COMPANIES = [
  'Evergreen Funeral Plans',
  'Northgate Home Insurance',
  'Brightwater Pensions',
  'Harbour Mutual Life',
  'Oakfield Care Services',
];

/** @param {Person} p */
function addressBlock(p) {
  return [p.address.line1, p.address.locality, p.address.town, p.address.postcode].filter(Boolean);
}

/** A letter to one customer: address block, date of birth, policy number, "Dear …". */
/** @type {import('./types.mjs').Generator} */
export function letter(ctx) {
  const { r } = ctx;
  const p = ctx.person();
  const dobFormat = r.pick(DOB_FORMAT_NAMES);
  const company = r.pick(COMPANIES);
  const sent = formatDate('d Month yyyy', randomDate(r, 2021, 2024));
  const lines = [
    company,
    'Customer Services',
    'PO Box 4410',
    '',
    sent,
    '',
    titled(p),
    ...addressBlock(p),
    `Date of birth: ${formatDate(dobFormat, p.dob)}`,
    `Policy number: ${p.policy}`,
    '',
    `Dear ${p.title} ${p.last},`,
    '',
    r.pick([
      'Thank you for being with us for another year. Your annual statement is enclosed and your plan remains fully active.',
      'We are writing to confirm the changes you asked us to make to your plan. The new payment date applies from next month.',
      'Your cover renews next month. Your monthly contribution will stay the same for the coming year.',
    ]),
    '',
    'If anything in this letter looks wrong, please write to us at the address above, quoting the policy number.',
    '',
    'Yours sincerely,',
    '',
    'Customer Services Team',
    company,
  ];
  /** @type {Record<string, number>} */
  const entities = {};
  tally(entities, 'person-name', 2);
  tally(entities, 'postal-address');
  tally(entities, 'postcode');
  tally(entities, 'date-of-birth');
  tally(entities, 'policy-number');
  return {
    name: `letter-${r.digits(4)}.txt`,
    content: `${lines.join('\n')}\n`,
    entities,
    records: 1,
    dobFormat,
  };
}

/** Care-visit notes: a paragraph per client with address, NHS number, key-safe code and the visit. */
/** @type {import('./types.mjs').Generator} */
export function careNotes(ctx) {
  const { r } = ctx;
  const n = r.int(1, 6);
  const nhsStyle = r.pick(/** @type {const} */ (['spaced', 'compact', 'dashed']));
  /** @type {Record<string, number>} */
  const entities = {};
  const day = randomDate(r, 2023, 2024);
  const paras = [
    `Visit notes ${formatDate('dd/mm/yyyy', day)} (round ${r.int(1, 9)}, carer CW-${r.int(100, 199)})`,
  ];
  for (let i = 0; i < n; i++) {
    const p = ctx.person();
    const keysafe = r.pick([
      `Key safe code ${p.keysafe}, left of the front door.`,
      `Keysafe ${p.keysafe} by the back door.`,
      `Key safe by the porch, code is ${p.keysafe}.`,
      `Door code: ${p.keysafe}.`,
    ]);
    paras.push(
      [
        `${r.int(7, 20)}:${r.pick(['00', '15', '30', '45'])} ${titled(p)}, ${p.address.line1}, ${p.address.town} ${p.address.postcode}.`,
        `NHS no ${formatNhs(p.nhs, nhsStyle)}. ${keysafe}`,
        r.pick([
          'Medication given, ate half of lunch. Mood good.',
          'Helped with washing and dressing. Complained of a sore knee; GP to be told.',
          'Not eating well, left soup in the fridge. Daughter informed by phone.',
          'Fall risk: walking frame by the bed. Alarm pendant checked.',
        ]),
      ].join('\n'),
    );
    tally(entities, 'person-name');
    tally(entities, 'postal-address');
    tally(entities, 'postcode');
    tally(entities, 'nhs-number');
    tally(entities, 'access-code');
  }
  return { name: `visits-${r.digits(4)}.txt`, content: `${paras.join('\n\n')}\n`, entities, records: n };
}

/** A support chat in which the customer gives their name, date of birth and postcode, one answer per line. */
/** @type {import('./types.mjs').Generator} */
export function chatTranscript(ctx) {
  const { r } = ctx;
  const p = ctx.person();
  const dobFormat = r.pick([
    'd Month yyyy',
    'dth Month yyyy',
    'dd/mm/yyyy',
    'd/m/yyyy',
    'dd.mm.yyyy',
    'dd/mm/yy',
  ]);
  const agent = r.pick(['Sam', 'Priya', 'Tom', 'Lucy']);
  const d = randomDate(r, 2023, 2024);
  let minute = r.int(0, 40);
  const stamp = () => {
    minute += 1;
    return `[${formatDate('yyyy-mm-dd', d)} 10:${String(minute).padStart(2, '0')}]`;
  };
  const fullFirst = r.chance(0.5);
  const lines = [
    `${stamp()} ${agent} (agent): Hello, you're through to ${r.pick(COMPANIES)}. Can I take your full name please?`,
    `${stamp()} Visitor: ${fullFirst ? `yes it's ${p.full}` : `${p.title} ${p.full}`}`,
    `${stamp()} ${agent} (agent): Thanks. And your date of birth?`,
    `${stamp()} Visitor: ${formatDate(dobFormat, p.dob)}`,
    `${stamp()} ${agent} (agent): And the postcode on the account?`,
    `${stamp()} Visitor: ${p.address.postcode}`,
    `${stamp()} ${agent} (agent): Thank you ${p.first}, you're verified. How can I help?`,
    `${stamp()} Visitor: ${r.pick(['I need to change my bank details', "my direct debit didn't go out", 'I want to update my address'])}`,
    `${stamp()} ${agent} (agent): No problem, I've updated that for you. Anything else today?`,
    `${stamp()} Visitor: no thanks, bye`,
  ];
  /** @type {Record<string, number>} */
  const entities = {};
  tally(entities, 'person-name');
  tally(entities, 'date-of-birth');
  tally(entities, 'postcode');
  return {
    name: `chat-${r.digits(6)}.log`,
    content: `${lines.join('\n')}\n`,
    entities,
    records: 1,
    dobFormat,
  };
}

/** `Key: value` blocks, one person each, separated by blank lines. */
/** @type {import('./types.mjs').Generator} */
export function kvBlocks(ctx) {
  const { r } = ctx;
  const n = r.int(2, 10);
  const dobFormat = r.pick(DOB_FORMAT_NAMES);
  /** @type {Record<string, number>} */
  const entities = {};
  const blocks = [];
  for (let i = 0; i < n; i++) {
    const p = ctx.person();
    blocks.push(
      [
        `Name: ${titled(p)}`,
        `Date of birth: ${formatDate(dobFormat, p.dob)}`,
        `Address: ${p.address.line1}, ${p.address.town}`,
        `Postcode: ${p.address.postcode}`,
        `NI number: ${formatNino(p.nino, r.chance(0.5))}`,
        `Phone: ${p.phone}`,
      ].join('\n'),
    );
    for (const c of [
      'person-name',
      'date-of-birth',
      'postal-address',
      'postcode',
      'ni-number',
      'phone-number',
    ]) {
      tally(entities, c);
    }
  }
  return {
    name: `applicants-${r.digits(3)}.txt`,
    content: `${blocks.join('\n\n')}\n`,
    entities,
    records: n,
    dobFormat,
  };
}

/** A support email (RFC 822) about one customer, quoting their details. */
/** @type {import('./types.mjs').Generator} */
export function supportEmail(ctx) {
  const { r } = ctx;
  const p = ctx.person();
  const dobFormat = r.pick(DOB_FORMAT_NAMES);
  const d = randomDate(r, 2023, 2024);
  const text = [
    `From: Customer Services <support@example.com>`,
    `To: ${p.full} <${p.email}>`,
    `Date: ${formatDate('d Mon yyyy', d)} 09:${r.int(10, 59)}:00 +0000`,
    `Subject: Your policy ${p.policy}`,
    `Message-ID: <${r.faker.string.hexadecimal({ length: 16, prefix: '' })}@mail.example.com>`,
    '',
    `Dear ${p.title} ${p.last},`,
    '',
    'Thank you for your call today. For your records, these are the details we hold:',
    '',
    `  Name:          ${p.full}`,
    `  Date of birth: ${formatDate(dobFormat, p.dob)}`,
    `  Address:       ${p.address.line1}, ${p.address.town} ${p.address.postcode}`,
    `  Policy:        ${p.policy}`,
    '',
    'Please reply if anything is wrong.',
    '',
    'Kind regards,',
    'Customer Services',
  ].join('\n');
  /** @type {Record<string, number>} */
  const entities = {};
  tally(entities, 'person-name', 3);
  tally(entities, 'email-address');
  tally(entities, 'date-of-birth');
  tally(entities, 'postal-address');
  tally(entities, 'postcode');
  tally(entities, 'policy-number', 2);
  return { name: `reply-${r.digits(5)}.eml`, content: `${text}\n`, entities, records: 1, dobFormat };
}

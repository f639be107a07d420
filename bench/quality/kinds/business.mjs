// Hard negatives from business documents: company invoices, product catalogues, bank-branch directories,
// batch lists with Luhn-failing 16-digit numbers, street gazetteers and fiction. None describes a person.
import { formatDate, randomDate } from '../lib/dates.mjs';
import {
  bankAccount,
  dramaPhone,
  formatSortCode,
  luhnFailing16,
  postcode,
  sortCode,
  TOWNS,
} from '../lib/ids.mjs';
import { address, nameLists } from '../lib/people.mjs';
import { mod11Id } from './logs.mjs';

/** @typedef {import('./types.mjs').Ctx} Ctx */
/** @typedef {import('../lib/rand.mjs').Rand} Rand */

/** @param {Rand} r a company name ending in Ltd */
function company(r) {
  const stem = r.faker.company
    .name()
    .replace(/,? and .*$|,.*$/, '')
    .replace(/ (Group|Inc|LLC)$/, '');
  return `${stem} ${r.pick(['Ltd', 'Limited', 'Ltd', 'plc', 'Trading Ltd'])}`;
}

/** @param {Rand} r a company's premises: unit or floor, street, town and postcode */
function premises(r) {
  const [town, area] = r.pick(TOWNS);
  const site = r.pick([
    `Unit ${r.int(1, 40)}, ${r.pick(['Riverside', 'Canal', 'Northgate', 'Airedale'])} Trading Estate`,
    `Floor ${r.int(1, 9)}, ${r.pick(['Tanner Yard', 'Wellington', 'Exchange', 'Quayside'])} House`,
    `${r.pick(['Mill', 'Forge', 'Brewery', 'Granary'])} Works, ${r.pick(['Dock', 'Wharf', 'Foundry'])} Street`,
  ]);
  return [site, `${town} ${postcode(r, area)}`];
}

/** A company-to-company invoice: company addresses, switchboard, VAT number, sometimes bank details. */
/** @type {import('./types.mjs').Generator} */
export function invoice(ctx) {
  const { r } = ctx;
  const seller = company(r);
  const buyer = company(r);
  const number = r.int(1000, 9999);
  const d = randomDate(r, 2022, 2024);
  const items = Array.from({ length: r.int(2, 12) }, () => {
    const qty = r.int(1, 40);
    const unit = Number(r.money(1, 120));
    return `PO-${r.int(70000, 79999)} ${r.faker.commerce.productName().padEnd(34).slice(0, 34)} ${String(qty).padStart(4)}  £${unit.toFixed(2).padStart(7)}  £${(qty * unit).toFixed(2).padStart(8)}`;
  });
  const bank = r.chance(0.6);
  const account = bankAccount(r); // a company account: passes the modulus check like any real one
  const withIban = bank && r.chance(0.3);
  const lines = [
    seller,
    ...premises(r),
    `Tel: ${dramaPhone(r)}`,
    `VAT registration: GB${r.digits(9)}`,
    r.chance(0.3) ? `Accounts: accounts@${seller.split(' ')[0]?.toLowerCase()}.example.co.uk` : '',
    '',
    `INVOICE ${number}`,
    '',
    `Invoice date: ${formatDate('dd/mm/yyyy', d)}`,
    `Payment due: ${formatDate('dd/mm/yyyy', { ...d, d: Math.min(d.d, 28), m: (d.m % 12) + 1 })}`,
    '',
    'Bill to:',
    buyer,
    ...premises(r),
    '',
    'Order    Item                                Qty     Unit       Total',
    ...items,
    '',
    'Please pay by bank transfer within 30 days.',
    ...(bank ? [`Sort code: ${formatSortCode(account.sortCode)}`, `Account number: ${account.account}`] : []),
    ...(withIban
      ? [`IBAN: GB${r.int(10, 98)} NWBK ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}`]
      : []),
    `${seller} is registered in England and Wales, company no. ${r.digits(8)}.`,
  ].filter((l, i, a) => l !== '' || a[i - 1] !== '');
  return {
    name: `inv-${number}.txt`,
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: bank
      ? 'company invoice with the company bank account: company data, not personal data (residue reports labelled bank details by design, so contains-pii is its documented answer)'
      : 'company invoice: company addresses, switchboard and VAT number are company data',
  };
}

/** SKUs CLP-nnnnnnnn, 10-digit barcodes (half mod-11 valid), prices, suppliers. */
/** @type {import('./types.mjs').Generator} */
export function catalogue(ctx) {
  const { r } = ctx;
  const suppliers = Array.from({ length: 4 }, () => company(r));
  const lines = ['sku,item,barcode,unit_price,stock,date_added,supplier'];
  for (let i = r.int(15, 200); i > 0; i--) {
    const barcode = r.chance(0.5) ? mod11Id(r) : r.digits(10);
    lines.push(
      `CLP-${r.digits(8)},${r.faker.commerce.productName()},${barcode},${r.money(1, 250)},${r.int(0, 500)},${formatDate('yyyy-mm-dd', randomDate(r, 2020, 2024))},${r.pick(suppliers)}`,
    );
  }
  return {
    name: 'products.csv',
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: 'product catalogue: CLP- SKUs and 10-digit barcodes (half pass mod-11), no people',
  };
}

/** A bank-branch directory: sort codes, branch addresses and phones. */
/** @type {import('./types.mjs').Generator} */
export function branchDirectory(ctx) {
  const { r } = ctx;
  const lines = ['branch,sort_code,address,town,postcode,phone,opening_hours'];
  for (let i = r.int(8, 60); i > 0; i--) {
    const a = address(r);
    lines.push(
      `${a.locality ?? a.town} ${r.pick(['Branch', 'High Street', 'Centre'])},${formatSortCode(sortCode(r))},${a.line1.replace(/^Flat \d+, /, '')},${a.town},${a.postcode},${dramaPhone(r)},${r.pick(['Mon-Fri 09:00-17:00', 'Mon-Sat 09:00-17:30', 'Tue-Fri 10:00-15:00'])}`,
    );
  }
  return {
    name: 'branches.csv',
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: 'bank branches: sort codes, branch addresses and switchboards are company data',
  };
}

/** Batch and tracking numbers: 16 digits starting 4 or 5, all failing Luhn. */
/** @type {import('./types.mjs').Generator} */
export function luhnFailing(ctx) {
  const { r } = ctx;
  const lines = ['item,batch_number,qty,warehouse,shipped'];
  for (let i = r.int(10, 120); i > 0; i--) {
    const n = luhnFailing16(r);
    const written = r.chance(0.3) ? n.replace(/(\d{4})(?=\d)/g, '$1 ') : n;
    lines.push(
      `${r.faker.commerce.product()},${written},${r.int(1, 900)},WH-${r.int(1, 9)},${formatDate('yyyy-mm-dd', randomDate(r, 2022, 2024))}`,
    );
  }
  return {
    name: 'batches.csv',
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: '16-digit batch numbers that look like cards but fail Luhn',
  };
}

/** A street gazetteer: street, locality, town, postcode, USRN. No house numbers, no people. */
/** @type {import('./types.mjs').Generator} */
export function streetList(ctx) {
  const { r } = ctx;
  const header = r.chance(0.5);
  const lines = header ? ['street,locality,town,postcode,usrn'] : [];
  for (let i = r.int(20, 250); i > 0; i--) {
    const a = address(r);
    const street = a.line1.replace(/^(Flat \d+, )?\d+[AB]? /, '');
    lines.push(`${street},${a.locality ?? ''},${a.town},${a.postcode},${r.digits(8)}`);
  }
  return {
    name: 'streets.csv',
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: 'street names with towns and postcodes: places, not people (residue reports bare postcodes, so contains-pii is its documented answer)',
  };
}

const SCENES = [
  (/** @type {string[]} */ n) =>
    `The rain had not stopped for three days when ${n[0]} finally opened the shutters of the boathouse. Below her the harbour lay flat and grey. Somewhere along the quay ${n[1]} was shouting at the gulls again, as he did every morning, as though they owed him money.`,
  (/** @type {string[]} */ n) =>
    `"You are late," said ${n[2]}, not looking up from the ledger. ${n[0]} hung her coat on the peg and said nothing. The clock on the mantel struck eleven, and somewhere upstairs a door banged in the wind.`,
  (/** @type {string[]} */ n) =>
    `By the spring of that year ${n[1]} had sold the orchard, and ${n[2]} had gone north to find work in the mills. Letters came rarely, and when they did they smelled of coal smoke and said very little.`,
  (/** @type {string[]} */ n) =>
    `It was ${n[3]} who found the key in the end, wedged behind the skirting board in the scullery. She turned it over in her palm for a long time before she said anything to anyone.`,
];

/** Fiction: character names in narrative, no identifiers. */
/** @type {import('./types.mjs').Generator} */
export function novel(ctx) {
  const { r } = ctx;
  const lists = nameLists(r.faker);
  const cast = Array.from({ length: 4 }, (_, i) => {
    const first = r.pick(i % 2 === 0 ? lists.female : lists.male);
    const last = r.pick(lists.surnames);
    return r.chance(0.15) ? `${i % 2 === 0 ? 'Mrs' : 'Mr'} ${last}` : `${first} ${last}`;
  });
  const paras = [`Chapter ${r.int(1, 30)}`];
  for (let i = r.int(3, 12); i > 0; i--) paras.push(r.pick(SCENES)(r.shuffle(cast)));
  return {
    name: `chapter-${r.int(1, 30)}.txt`,
    content: `${paras.join('\n\n')}\n`,
    entities: {},
    records: 0,
    note: 'fiction: invented characters, not people',
  };
}

/** Handover notes with one mobile number (contains-pii). */
/** @type {import('./types.mjs').Generator} */
export function notesOnePhone(ctx) {
  const { r } = ctx;
  const first = r.pick(nameLists(r.faker).male);
  const text = [
    '# Handover notes',
    '',
    `Restore of the ${r.pick(['plans', 'orders', 'care'])} database finished at ${r.int(1, 11)}:${r.pick(['05', '20', '45'])}; row counts match the source.`,
    `The staging copy lives on db-stage-${r.int(1, 4)} (10.0.${r.int(0, 9)}.${r.int(2, 250)}), port 5432, and must be dropped by Friday.`,
    '',
    `If the nightly job fails again, call ${first} on his mobile ${dramaPhone(r)}.`,
    '',
    `Ticket: OPS-${r.int(1000, 9999)}. Next review ${formatDate('yyyy-mm-dd', randomDate(r, 2024, 2024))}.`,
  ].join('\n');
  return {
    name: 'HANDOVER.md',
    content: `${text}\n`,
    entities: { 'phone-number': 1 },
    records: 0,
    note: 'one colleague mobile number and a forename: an isolated identifier',
  };
}

/** An operations runbook: hosts, ports, versions, dates. */
/** @type {import('./types.mjs').Generator} */
export function runbook(ctx) {
  const { r } = ctx;
  const f = r.faker;
  const out = [
    `# Runbook: ${f.hacker.noun()} service`,
    '',
    `Last reviewed ${formatDate('d Month yyyy', randomDate(r, 2023, 2024))}.`,
    '',
  ];
  out.push('| host | address | port | version |', '|---|---|---|---|');
  for (let i = r.int(2, 8); i > 0; i--) {
    out.push(
      `| app-${i}.internal | 10.0.${r.int(0, 9)}.${r.int(2, 250)} | ${r.int(1024, 9999)} | ${f.system.semver()} |`,
    );
  }
  out.push(
    '',
    '## Restart',
    '',
    '```sh',
    `systemctl restart ${f.hacker.noun().replace(/\W/g, '')}.service`,
    `curl -fsS http://10.0.1.${r.int(2, 250)}:8080/healthz`,
    '```',
    '',
  );
  for (let i = r.int(2, 6); i > 0; i--)
    out.push(`${f.hacker.phrase()} See ticket OPS-${r.int(1000, 9999)}.`, '');
  return { name: 'RUNBOOK.md', content: `${out.join('\n')}\n`, entities: {}, records: 0 };
}

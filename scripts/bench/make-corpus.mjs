#!/usr/bin/env node

// Vendored copy of make-corpus.mjs from the team's shared benchmark kit (/work/shared/bench/make-corpus.mjs,
// described in /work/shared/bench/README.md), kept here so `npm run bench` (scripts/bench.mjs) works on machines
// without that folder. Changes from the original: this note, `biome format` layout and two biome-ignore comments;
// no code changes, so the output and its manifest sha256 are the original's for the same arguments.
// biome-ignore-all lint/style/useTemplate: string concatenation kept as in the original
//
// Deterministic synthetic corpus for DLP scanner benchmarks. No dependencies.
//
//   node make-corpus.mjs main --out DIR [--size 1G|50M|200M] [--seed 42]
//   node make-corpus.mjs tiny --out DIR [--count 200000] [--file-size 1024] [--seed 42]
//
// "main" writes ~SIZE bytes (default 1 GiB) split roughly:
//   45%  exports/**.csv        large CSV customer exports with UK-looking fake records
//                              (name, DOB, address+postcode, phone, email, NI, NHS, card,
//                              sort code, policy number CLP-12345678 ...; a few non-ASCII names)
//   35%  repo/** logs/** docs/** data/**   many small files (0.5-256 KiB) WITHOUT personal data
//                              but full of digits, dates, versions, epoch ms, hashes, IPs ...
//   20%  dumps/*.min.json      2 single-line minified JSON files (100 MiB each at 1 GiB;
//                              scaled down for smaller sizes): one telemetry (no PII), one
//                              orders API dump (customer PII embedded).
// "tiny" writes COUNT files of ~FILE-SIZE bytes in a nested tree (a/b/c/fNNN.txt) for
// walk / per-file-overhead tests; ~5% of them contain one PII-bearing line.
//
// Output is byte-identical for the same (mode, size/count, seed): every file is generated
// from its own PRNG seeded from (seed, file index). A manifest (file count, bytes, sha256 of
// all content in write order) is printed as JSON on stdout.
// All data is fake; NHS numbers pass mod-11 and cards pass Luhn so validators are exercised.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------- args
const argv = process.argv.slice(2);
const mode = argv[0];
function opt(name, def) {
  const i = argv.indexOf('--' + name);
  return i >= 0 ? argv[i + 1] : def;
}
function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)i?[bB]?$/.exec(String(s));
  if (!m) throw new Error('bad size ' + s);
  const mul = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()];
  return Math.round(parseFloat(m[1]) * mul);
}
if (mode !== 'main' && mode !== 'tiny') {
  console.error(
    'usage: make-corpus.mjs main --out DIR [--size 1G] [--seed 42]\n' +
      '       make-corpus.mjs tiny --out DIR [--count 200000] [--file-size 1024] [--seed 42]',
  );
  process.exit(2);
}
const OUT = opt('out');
if (!OUT) {
  console.error('--out DIR is required');
  process.exit(2);
}
const SEED = Number(opt('seed', '42')) >>> 0;

// ---------------------------------------------------------------- PRNG (mulberry32 + splitmix-ish seed mixing)
function mix(a, b) {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const R = {
    f: next,
    int: (n) => Math.floor(next() * n), // 0..n-1
    range: (a, b) => a + Math.floor(next() * (b - a + 1)), // a..b inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    digits: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(next() * 10);
      return s;
    },
    hex: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
      return s;
    },
    pad: (v, n) => String(v).padStart(n, '0'),
  };
  return R;
}

// ---------------------------------------------------------------- fake UK vocabulary
const FIRST = (
  'Oliver George Harry Jack Jacob Noah Charlie Muhammad Thomas Oscar William James Leo Alfie Henry ' +
  'Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Mohammed Logan ' +
  'Theo Harrison Benjamin Mason Sebastian Finley Adam Dylan Zachary Riley Teddy Theodore David Toby Jake ' +
  'Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Evie Grace Sophia Sophie Ruby Charlotte Jessica ' +
  'Daisy Freya Florence Alice Chloe Matilda Phoebe Millie Ivy Rosie Harper Willow Sienna Esme Eleanor Elsie ' +
  'Evelyn Layla Maya Erin Hannah Scarlett Emma Lucy Zara Ellie Martha Holly Imogen Anna Bethany Rebecca Rachel ' +
  'Karen Susan Margaret Patricia Linda Stephen Paul Mark Andrew Richard Christopher Robert Michael Anthony'
).split(' ');
const FIRST_NON_ASCII = [
  'Siân',
  'Zoë',
  'Seán',
  'Chloë',
  'Niamh',
  'Aoife',
  'Rhiannon',
  'Bethân',
  'Róisín',
  'Eóin',
];
const LAST = (
  'Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White ' +
  'Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose Davis Rodriguez ' +
  'Cox Alexander Morgan Moore Hughes Edwards Hill Harris Clark King Baker Turner Ward Cooper Morris Lee Martin ' +
  'Allen Harrison Young Scott Carter Bennett Shaw Holmes Chapman Murray Ellis Atkinson Fisher Marshall Griffiths ' +
  'Simpson Kelly Gray Stevens Palmer Lloyd Hunt Owen Russell Webb Matthews Reid Graham Knight Powell Campbell ' +
  'Stewart Butler Barker Bell Dixon Mills Pearson Hussain Begum Ali Ahmed Singh Kaur Nowak Kowalski Okafor ' +
  'Adeyemi Mensah Oconnor Obrien Macdonald Fraser Sutherland Pritchard Llewellyn Bowen Jenkins Price Rees'
).split(' ');
const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Mx'];
const STREET_A = (
  'High Station Church Park Victoria Green Manor Mill School Queens Kings New London Albert ' +
  'Grange Chapel Springfield Windsor Highfield Stanley Alexandra York Main North South West Broad Castle ' +
  'Orchard Meadow Willow Beech Oak Elm Ash Birch Cedar Hawthorn Rowan Lime'
).split(' ');
const STREET_B = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Close',
  'Drive',
  'Way',
  'Gardens',
  'Crescent',
  'Place',
  'Court',
  'Terrace',
  'Grove',
  'Hill',
  'Park',
  'Row',
  'Mews',
  'Walk',
];
const TOWNS = (
  'London Manchester Birmingham Leeds Glasgow Sheffield Bradford Liverpool Edinburgh Bristol Cardiff ' +
  'Leicester Coventry Nottingham Newcastle Belfast Brighton Hull Plymouth Stoke Wolverhampton Derby Swansea ' +
  'Southampton Salford Aberdeen Westminster Portsmouth York Peterborough Dundee Lancaster Oxford Newport Preston ' +
  'Cambridge Norwich Exeter Chester Bath Durham Inverness Canterbury Carlisle Worcester Lichfield Truro Ely'
).split(' ');
// postcode areas (real area letters, fake districts)
const PC_AREAS = [
  'AB',
  'B',
  'BA',
  'BD',
  'BN',
  'BS',
  'CB',
  'CF',
  'CH',
  'CV',
  'DE',
  'DH',
  'E',
  'EC',
  'EH',
  'EX',
  'G',
  'GL',
  'HU',
  'IV',
  'L',
  'LA',
  'LE',
  'LS',
  'M',
  'N',
  'NE',
  'NG',
  'NP',
  'NR',
  'NW',
  'OX',
  'PE',
  'PL',
  'PO',
  'PR',
  'S',
  'SA',
  'SE',
  'SO',
  'ST',
  'SW',
  'TR',
  'W',
  'WC',
  'WR',
  'WV',
  'YO',
  'BT',
  'DD',
  'CT',
  'CA',
];
const PC_INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MAIL_DOMAINS = [
  'example.co.uk',
  'example.com',
  'mail.example.org',
  'example.net',
  'test.example.co.uk',
  'fakemail.example',
];
const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';

function postcode(R) {
  const a = R.pick(PC_AREAS);
  let d = String(R.range(1, a.length === 1 ? 99 : 29));
  if (R.chance(0.08) && d.length === 1) d += R.pick(['A', 'R', 'W']);
  const inward = R.int(10) + R.pick(PC_INWARD) + R.pick(PC_INWARD);
  return a + d + ' ' + inward;
}
function dob(R) {
  const y = R.range(1930, 2007),
    m = R.range(1, 12),
    d = R.range(1, 28);
  switch (R.int(4)) {
    case 0:
      return R.pad(d, 2) + '/' + R.pad(m, 2) + '/' + y;
    case 1:
      return y + '-' + R.pad(m, 2) + '-' + R.pad(d, 2);
    case 2:
      return d + ' ' + MONTHS[m - 1] + ' ' + y;
    default:
      return R.pad(d, 2) + '-' + R.pad(m, 2) + '-' + y;
  }
}
function mobile(R) {
  switch (R.int(3)) {
    case 0:
      return '07' + R.digits(3) + ' ' + R.digits(6);
    case 1:
      return '+44 7' + R.digits(3) + ' ' + R.digits(3) + ' ' + R.digits(3);
    default:
      return '07' + R.digits(9);
  }
}
function landline(R) {
  return R.chance(0.5) ? '020 ' + R.digits(4) + ' ' + R.digits(4) : '01' + R.digits(3) + ' ' + R.digits(6);
}
function niNumber(R) {
  let p;
  do {
    p = R.pick(NI_FIRST) + R.pick(NI_SECOND);
  } while (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(p));
  const body = R.digits(6);
  const suf = R.pick(['A', 'B', 'C', 'D']);
  return R.chance(0.3)
    ? p + ' ' + body.slice(0, 2) + ' ' + body.slice(2, 4) + ' ' + body.slice(4) + ' ' + suf
    : p + body + suf;
}
function nhsNumber(R) {
  for (;;) {
    const d = [];
    for (let i = 0; i < 9; i++) d.push(R.int(10));
    let s = 0;
    for (let i = 0; i < 9; i++) s += d[i] * (10 - i);
    let c = 11 - (s % 11);
    if (c === 11) c = 0;
    if (c === 10) continue;
    const n = d.join('') + c;
    return R.chance(0.6) ? n.slice(0, 3) + ' ' + n.slice(3, 6) + ' ' + n.slice(6) : n;
  }
}
function cardNumber(R) {
  const d = [R.pick([4, 5]), ...Array.from({ length: 14 }, () => R.int(10))];
  let s = 0; // Luhn check digit for 15-digit payload
  for (let i = 0; i < 15; i++) {
    let v = d[14 - i];
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    s += v;
  }
  d.push((10 - (s % 10)) % 10);
  const n = d.join('');
  return R.chance(0.5) ? n.replace(/(\d{4})(?=\d)/g, '$1 ') : n;
}
function sortCode(R) {
  return R.digits(2) + '-' + R.digits(2) + '-' + R.digits(2);
}
function person(R) {
  const first = R.chance(0.03) ? R.pick(FIRST_NON_ASCII) : R.pick(FIRST);
  const last = R.pick(LAST);
  return { title: R.pick(TITLES), first, last };
}
function email(R, p) {
  const f = p.first
    .normalize('NFD')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips every non-ASCII character
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase();
  const l = p.last.toLowerCase();
  const local = R.pick([f + '.' + l, f[0] + l, f + '_' + l + R.range(1, 99), l + '.' + f + R.range(60, 99)]);
  return local + '@' + R.pick(MAIL_DOMAINS);
}
function address(R) {
  return R.range(1, 240) + ' ' + R.pick(STREET_A) + ' ' + R.pick(STREET_B);
}
function csvq(s) {
  return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// ---------------------------------------------------------------- writer with manifest hash
const manifest = { mode, seed: SEED, files: 0, bytes: 0 };
const hash = crypto.createHash('sha256');
const CHUNK = 1 << 20;
function writeFile(rel, producer) {
  // producer(push) calls push(str) repeatedly; returns when done. We buffer to ~1 MiB.
  const full = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const fd = fs.openSync(full, 'w');
  let parts = [],
    len = 0,
    written = 0;
  const flush = () => {
    if (!parts.length) return;
    const buf = Buffer.from(parts.join(''), 'utf8');
    fs.writeSync(fd, buf);
    hash.update(rel + '\0');
    hash.update(buf);
    written += buf.length;
    parts = [];
    len = 0;
  };
  const push = (s) => {
    parts.push(s);
    len += s.length;
    if (len >= CHUNK) flush();
  };
  producer(push, () => written + len);
  flush();
  fs.closeSync(fd);
  manifest.files++;
  manifest.bytes += written;
  return written;
}

// ---------------------------------------------------------------- (a) CSV customer exports
const CSV_LAYOUTS = [
  {
    name: 'crm_customers',
    cols: [
      'customer_id',
      'title',
      'first_name',
      'last_name',
      'date_of_birth',
      'address_line1',
      'town',
      'postcode',
      'phone',
      'email',
      'policy_number',
      'created_at',
      'status',
      'notes',
    ],
  },
  {
    name: 'health_members',
    cols: [
      'member_id',
      'first_name',
      'last_name',
      'dob',
      'nhs_number',
      'ni_number',
      'postcode',
      'mobile',
      'email',
      'policy_number',
      'gp_practice',
      'last_claim',
      'notes',
    ],
  },
  {
    name: 'payments',
    cols: [
      'payment_id',
      'customer_name',
      'email',
      'card_number',
      'expiry',
      'sort_code',
      'account_number',
      'amount_gbp',
      'policy_number',
      'billing_postcode',
      'paid_at',
    ],
  },
  {
    name: 'contact_list',
    cols: [
      'id',
      'full_name',
      'home_phone',
      'mobile',
      'email',
      'address',
      'postcode',
      'date_of_birth',
      'notes',
    ],
  },
];
const NOTES = [
  '',
  '',
  '',
  'prefers email',
  'called re renewal',
  'vulnerable customer flag',
  'moved house',
  'complaint ref 2023-4411',
  'direct debit failed',
  'Paid in full',
  'see ticket #48213',
  'renewal due',
];
// free-text notes that mention identifiers in prose (exercise keyword-anchored rules)
function freeNote(R, p) {
  switch (R.int(8)) {
    case 0:
      return 'spoke to ' + p.title + ' ' + p.last + ' re renewal';
    case 1:
      return 'DOB confirmed as ' + dob(R);
    case 2:
      return 'refund to account no ' + R.digits(8) + ' sort ' + sortCode(R);
    case 3:
      return 'passport no: ' + R.digits(9);
    case 4:
      return (
        'IBAN GB' +
        R.digits(2) +
        ' ' +
        R.pick(['WEST', 'NWBK', 'BARC', 'LOYD', 'HBUK']) +
        ' ' +
        R.digits(4) +
        ' ' +
        R.digits(4) +
        ' ' +
        R.digits(4) +
        ' ' +
        R.digits(2)
      );
    case 5:
      return (
        'driving licence ' +
        (p.last.toUpperCase() + '99999').slice(0, 5) +
        R.digits(6) +
        p.first[0].toUpperCase() +
        'X' +
        R.int(10) +
        R.pick(['AB', 'CD', 'EF'])
      );
    case 6:
      return 'NI ' + niNumber(R) + ' checked by ' + R.pick(FIRST) + ' (agent ' + R.int(900) + ')';
    default:
      return 'portal pin: ' + R.digits(6) + ' reset';
  }
}
function csvRow(R, layout, i) {
  const p = person(R);
  const out = [];
  for (const c of layout.cols) {
    let v;
    switch (c) {
      case 'customer_id':
      case 'member_id':
      case 'id':
        v = String(100000 + i);
        break;
      case 'payment_id':
        v = 'PAY-' + R.digits(10);
        break;
      case 'title':
        v = p.title;
        break;
      case 'first_name':
        v = p.first;
        break;
      case 'last_name':
        v = p.last;
        break;
      case 'full_name':
      case 'customer_name':
        v = p.first + ' ' + p.last;
        break;
      case 'date_of_birth':
      case 'dob':
        v = dob(R);
        break;
      case 'address_line1':
        v = address(R);
        break;
      case 'address':
        v = address(R) + ', ' + R.pick(TOWNS);
        break;
      case 'town':
        v = R.pick(TOWNS);
        break;
      case 'postcode':
      case 'billing_postcode':
        v = postcode(R);
        break;
      case 'phone':
        v = R.chance(0.5) ? mobile(R) : landline(R);
        break;
      case 'home_phone':
        v = landline(R);
        break;
      case 'mobile':
        v = mobile(R);
        break;
      case 'email':
        v = email(R, p);
        break;
      case 'policy_number':
        v = 'CLP-' + R.digits(8);
        break;
      case 'created_at':
      case 'paid_at':
      case 'last_claim':
        v =
          R.range(2015, 2024) +
          '-' +
          R.pad(R.range(1, 12), 2) +
          '-' +
          R.pad(R.range(1, 28), 2) +
          'T' +
          R.pad(R.int(24), 2) +
          ':' +
          R.pad(R.int(60), 2) +
          ':' +
          R.pad(R.int(60), 2) +
          'Z';
        break;
      case 'status':
        v = R.pick(['active', 'lapsed', 'active', 'pending', 'cancelled']);
        break;
      case 'nhs_number':
        v = nhsNumber(R);
        break;
      case 'ni_number':
        v = niNumber(R);
        break;
      case 'gp_practice':
        v = R.pick(['The ', '']) + R.pick(STREET_A) + ' Surgery';
        break;
      case 'card_number':
        v = cardNumber(R);
        break;
      case 'expiry':
        v = R.pad(R.range(1, 12), 2) + '/' + R.range(25, 30);
        break;
      case 'sort_code':
        v = sortCode(R);
        break;
      case 'account_number':
        v = R.digits(8);
        break;
      case 'amount_gbp':
        v = (R.int(500000) / 100).toFixed(2);
        break;
      case 'notes':
        v = R.chance(0.25) ? freeNote(R, p) : R.pick(NOTES);
        break;
      default:
        v = '';
    }
    out.push(csvq(v));
  }
  return out.join(',') + '\n';
}
function genCsv(R, layout, target) {
  return (push, size) => {
    push(layout.cols.join(',') + '\n');
    let i = 0;
    while (size() < target) {
      let block = '';
      for (let k = 0; k < 256; k++) block += csvRow(R, layout, i++);
      push(block);
    }
  };
}

// ---------------------------------------------------------------- (b) small non-PII files
const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'];
const COMPONENTS = [
  'http',
  'db.pool',
  'cache',
  'scheduler',
  'auth',
  'billing-svc',
  'ingest',
  'worker',
  'grpc',
  'kafka',
];
const WORDS = (
  'the request response handler config value default timeout retry buffer stream parse index cache ' +
  'module export import function return const async await promise error warning build release version update ' +
  'install package dependency checksum digest offset length count total rate latency throughput queue batch ' +
  'shard replica node cluster region zone metric sample window bucket'
).split(' ');
function ts(R) {
  return (
    R.range(2019, 2025) +
    '-' +
    R.pad(R.range(1, 12), 2) +
    '-' +
    R.pad(R.range(1, 28), 2) +
    'T' +
    R.pad(R.int(24), 2) +
    ':' +
    R.pad(R.int(60), 2) +
    ':' +
    R.pad(R.int(60), 2) +
    '.' +
    R.digits(3) +
    'Z'
  );
}
function ver(R) {
  return R.int(20) + '.' + R.int(40) + '.' + R.int(100);
}
function ip(R) {
  return R.pick(['10', '172', '192']) + '.' + R.int(256) + '.' + R.int(256) + '.' + R.int(256);
}
function words(R, n) {
  const s = [];
  for (let i = 0; i < n; i++) s.push(R.pick(WORDS));
  return s.join(' ');
}
function uuid(R) {
  return R.hex(8) + '-' + R.hex(4) + '-4' + R.hex(3) + '-a' + R.hex(3) + '-' + R.hex(12);
}
const SMALL_GEN = {
  log: (R) =>
    ts(R) +
    ' ' +
    R.pick(LEVELS) +
    ' [' +
    R.pick(COMPONENTS) +
    '-' +
    R.int(32) +
    '] req=' +
    uuid(R) +
    ' ' +
    words(R, R.range(2, 8)) +
    ' took=' +
    R.int(5000) +
    'ms status=' +
    R.pick([200, 200, 201, 204, 304, 404, 500]) +
    ' bytes=' +
    R.int(10000000) +
    ' epoch_ms=' +
    (1600000000000 + R.int(200000000000)) +
    ' v' +
    ver(R) +
    ' peer=' +
    ip(R) +
    ':' +
    R.range(1024, 65535) +
    (R.chance(0.1) ? ' trace_ns=' + R.digits(16) : '') +
    '\n',
  ts: (R) => {
    switch (R.int(6)) {
      case 0:
        return (
          'export const ' +
          R.pick(WORDS).toUpperCase() +
          '_' +
          R.int(100) +
          ' = ' +
          R.int(1e9) +
          '; // since v' +
          ver(R) +
          '\n'
        );
      case 1:
        return (
          '  if (' +
          R.pick(WORDS) +
          '.length > ' +
          R.int(65536) +
          ') { return ' +
          R.pick(WORDS) +
          '(' +
          R.int(100) +
          ', 0x' +
          R.hex(8) +
          '); }\n'
        );
      case 2:
        return (
          '// ' +
          words(R, R.range(4, 12)) +
          ' (changed ' +
          R.range(2018, 2024) +
          '-' +
          R.pad(R.range(1, 12), 2) +
          '-' +
          R.pad(R.range(1, 28), 2) +
          ')\n'
        );
      case 3:
        return 'import { ' + R.pick(WORDS) + ' } from "./' + R.pick(WORDS) + '/' + R.pick(WORDS) + '.js";\n';
      case 4:
        return (
          '  const ' +
          R.pick(WORDS) +
          'Table = [' +
          Array.from({ length: 12 }, () => R.int(100000)).join(', ') +
          '];\n'
        );
      default:
        return (
          '  await ' +
          R.pick(WORDS) +
          '.' +
          R.pick(WORDS) +
          '({ id: ' +
          R.digits(10) +
          ', at: ' +
          (1600000000 + R.int(200000000)) +
          ' });\n'
        );
    }
  },
  json: (R) =>
    '  {"id": ' +
    R.range(1, 9) +
    R.digits(11) +
    ', "sha": "' +
    R.hex(40) +
    '", "version": "' +
    ver(R) +
    '", "ts": "' +
    ts(R) +
    '", "p50": ' +
    R.int(100000) / 100 +
    ', "p99": ' +
    R.int(1000000) / 100 +
    ', "count": ' +
    R.int(1e7) +
    ', "range": "' +
    R.pad(R.int(100), 2) +
    '-' +
    R.pad(R.int(100), 2) +
    '-' +
    R.pad(R.int(100), 2) +
    '", "build": "' +
    R.range(2019, 2025) +
    R.pad(R.range(1, 12), 2) +
    R.pad(R.range(1, 28), 2) +
    '.' +
    R.int(9999) +
    '"},\n',
  md: (R) =>
    R.chance(0.15)
      ? '\n## ' +
        ver(R) +
        ' (' +
        R.range(2015, 2024) +
        '-' +
        R.pad(R.range(1, 12), 2) +
        '-' +
        R.pad(R.range(1, 28), 2) +
        ')\n\n'
      : '- ' +
        words(R, R.range(5, 14)) +
        ' (#' +
        R.int(20000) +
        ', ' +
        R.hex(7) +
        ') bumps dep from ' +
        ver(R) +
        ' to ' +
        ver(R) +
        ' on ' +
        R.pad(R.range(1, 28), 2) +
        '/' +
        R.pad(R.range(1, 12), 2) +
        '/' +
        R.range(2015, 2024) +
        '\n',
  csv: (R) =>
    ts(R) +
    ',' +
    R.pick(COMPONENTS) +
    ',' +
    R.int(1000000) / 1000 +
    ',' +
    R.int(1e6) +
    ',' +
    R.digits(10) +
    ',' +
    ip(R) +
    ',' +
    ver(R) +
    '\n',
  yaml: (R) =>
    R.pick(WORDS) +
    '_' +
    R.int(50) +
    ':\n  image: registry.example.internal/' +
    R.pick(WORDS) +
    ':' +
    ver(R) +
    '\n  replicas: ' +
    R.int(12) +
    '\n  port: ' +
    R.range(1024, 65535) +
    '\n  checksum: sha256:' +
    R.hex(64) +
    '\n',
};
const SMALL_KINDS = [
  {
    kind: 'log',
    ext: 'log',
    dir: (R) => 'logs/' + R.pick(COMPONENTS) + '/' + R.range(2021, 2024) + '/' + R.pad(R.range(1, 12), 2),
  },
  { kind: 'ts', ext: 'ts', dir: (R) => 'repo/packages/' + R.pick(WORDS) + '/src/' + R.pick(WORDS) },
  { kind: 'ts', ext: 'js', dir: (R) => 'repo/vendor/' + R.pick(WORDS) + '-' + R.pick(WORDS) + '/lib' },
  { kind: 'json', ext: 'json', dir: (R) => 'data/metrics/' + R.pick(COMPONENTS) + '/' + R.range(2021, 2024) },
  { kind: 'md', ext: 'md', dir: (R) => 'docs/' + R.pick(WORDS) + '/' + R.pick(WORDS) },
  { kind: 'csv', ext: 'csv', dir: (R) => 'data/telemetry/' + R.pick(COMPONENTS) },
  {
    kind: 'yaml',
    ext: 'yaml',
    dir: (R) => 'repo/deploy/' + R.pick(['prod', 'staging', 'dev']) + '/' + R.pick(WORDS),
  },
];
function genSmall(R, kind, target) {
  const g = SMALL_GEN[kind];
  return (push, size) => {
    if (kind === 'json') push('[\n');
    while (size() < target) {
      let block = '';
      for (let k = 0; k < 32; k++) block += g(R);
      push(block);
    }
    if (kind === 'json') push('  {}\n]\n');
  };
}

// ---------------------------------------------------------------- (c) single-line minified JSON
function genEvents(R, target) {
  return (push, size) => {
    push('{"schema":"' + ver(R) + '","generated":"' + ts(R) + '","events":[');
    let first = true;
    while (size() < target - 200) {
      let block = '';
      for (let k = 0; k < 128; k++) {
        block +=
          (first ? '' : ',') +
          '{"id":"' +
          uuid(R) +
          '","ts":' +
          (1600000000000 + R.int(200000000000)) +
          ',"type":"' +
          R.pick(['click', 'view', 'scroll', 'error', 'load']) +
          '","v":"' +
          ver(R) +
          '","dur":' +
          R.int(1000000) / 1000 +
          ',"ip":"' +
          ip(R) +
          '","seq":' +
          R.range(1, 9) +
          R.digits(R.range(3, 15)) +
          ',"tags":["' +
          R.pick(WORDS) +
          '","' +
          R.pick(WORDS) +
          '"],"sha":"' +
          R.hex(40) +
          '"}';
        first = false;
      }
      push(block);
    }
    push('],"count":' + R.int(1e9) + '}');
  };
}
function genOrders(R, target) {
  return (push, size) => {
    push('{"api":"orders/v' + R.range(1, 4) + '","page":1,"orders":[');
    let first = true;
    while (size() < target - 200) {
      let block = '';
      for (let k = 0; k < 64; k++) {
        const p = person(R);
        const items = [];
        for (let j = R.range(1, 4); j > 0; j--)
          items.push(
            '{"sku":"SKU-' +
              R.digits(6) +
              '","qty":' +
              R.range(1, 5) +
              ',"price":' +
              R.int(20000) / 100 +
              '}',
          );
        block +=
          (first ? '' : ',') +
          '{"orderId":"ORD-' +
          R.digits(10) +
          '","placedAt":"' +
          ts(R) +
          '","customer":{"name":"' +
          p.first +
          ' ' +
          p.last +
          '","email":"' +
          email(R, p) +
          '","phone":"' +
          mobile(R) +
          '","dob":"' +
          dob(R) +
          '","address":{"line1":"' +
          address(R) +
          '","town":"' +
          R.pick(TOWNS) +
          '","postcode":"' +
          postcode(R) +
          '"}},"policy":"CLP-' +
          R.digits(8) +
          '","items":[' +
          items.join(',') +
          '],"total":' +
          R.int(100000) / 100 +
          ',"client":{"ua":"app/' +
          ver(R) +
          '","ip":"' +
          ip(R) +
          '"}}';
        first = false;
      }
      push(block);
    }
    push('],"next":null}');
  };
}

// ---------------------------------------------------------------- tiny files
function genTiny(R, target) {
  return (push, size) => {
    const pii = R.chance(0.05);
    let n = 0;
    while (size() < target) {
      if (pii && n === 3) {
        const p = person(R);
        push(
          R.chance(0.5)
            ? 'contact: ' +
                p.first +
                ' ' +
                p.last +
                ' <' +
                email(R, p) +
                '> tel ' +
                mobile(R) +
                ' ' +
                postcode(R) +
                '\n'
            : 'note: ' + freeNote(R, p) + '\n',
        );
      } else {
        push(R.chance(0.5) ? SMALL_GEN.log(R) : SMALL_GEN.md(R));
      }
      n++;
    }
  };
}

// ---------------------------------------------------------------- main
const t0 = Date.now();
if (mode === 'main') {
  const SIZE = parseSize(opt('size', '1G'));
  manifest.size = SIZE;
  fs.mkdirSync(OUT, { recursive: true });
  // (c) two single-line files: 10% each, capped at 100 MiB
  const big = Math.min(100 * 1024 * 1024, Math.round(SIZE * 0.1));
  writeFile('dumps/events.min.json', genEvents(rng(mix(SEED, 1)), big));
  writeFile('dumps/orders_export.min.json', genOrders(rng(mix(SEED, 2)), big));
  const afterBig = manifest.bytes;
  // (a) CSV exports: 45%, files of at most 64 MiB, at least 4 files
  const csvTotal = Math.round(SIZE * 0.45);
  const nCsv = Math.max(4, Math.ceil(csvTotal / (64 * 1024 * 1024)));
  for (let i = 0; i < nCsv; i++) {
    const R = rng(mix(SEED, 1000 + i));
    const layout = CSV_LAYOUTS[i % CSV_LAYOUTS.length];
    const year = 2019 + (i % 6);
    writeFile(
      `exports/${layout.name}/${layout.name}_${year}_part${R.pad(i, 2)}.csv`,
      genCsv(R, layout, Math.round(csvTotal / nCsv)),
    );
  }
  // (b) small files fill the rest; log-uniform sizes 512 B .. 256 KiB
  const remaining = SIZE - manifest.bytes;
  let acc = 0,
    idx = 0;
  const R0 = rng(mix(SEED, 7));
  while (acc < remaining) {
    const R = rng(mix(SEED, 100000 + idx));
    const k = SMALL_KINDS[R0.int(SMALL_KINDS.length)];
    const target = Math.min(
      remaining - acc,
      Math.round(Math.exp(Math.log(512) + R.f() * (Math.log(262144) - Math.log(512)))),
    );
    const rel = k.dir(R) + '/' + R.pick(WORDS) + '-' + R.pad(idx, 6) + '.' + k.ext;
    acc += writeFile(rel, genSmall(R, k.kind, Math.max(64, target)));
    idx++;
  }
  manifest.smallFiles = idx;
  manifest.bigFileBytes = afterBig;
} else {
  const COUNT = Number(opt('count', '200000'));
  const FSIZE = parseSize(opt('file-size', '1024'));
  manifest.count = COUNT;
  // nested layout: d1 (20) / d2 (10) / d3 (10) / f*.txt  => 2000 leaf dirs
  const perLeaf = Math.max(1, Math.ceil(COUNT / 2000));
  for (let i = 0; i < COUNT; i++) {
    const leaf = Math.floor(i / perLeaf);
    const d1 = Math.floor(leaf / 100),
      d2 = Math.floor(leaf / 10) % 10,
      d3 = leaf % 10;
    const rel = `d${String(d1).padStart(2, '0')}/e${d2}/f${d3}/file${String(i).padStart(6, '0')}.${['txt', 'log', 'md'][i % 3]}`;
    writeFile(rel, genTiny(rng(mix(SEED, 5000000 + i)), FSIZE));
  }
}
manifest.sha256 = hash.digest('hex');
manifest.seconds = (Date.now() - t0) / 1000;
console.log(JSON.stringify(manifest));

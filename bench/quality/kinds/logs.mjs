// Logs: application debug logs that dump customer records (positive), a server log with one user's email
// (contains-pii), and sensor and metrics logs full of ids, timestamps and numbers (clean).
import { formatDate, randomDate } from '../lib/dates.mjs';
import { email, nhsCheckDigit } from '../lib/ids.mjs';
import { tally } from './types.mjs';

/** @typedef {import('./types.mjs').Ctx} Ctx */
/** @typedef {import('../lib/rand.mjs').Rand} Rand */

/**
 * A clock that advances a few seconds per line.
 * @param {Rand} r
 */
function clock(r) {
  let t = Date.UTC(2024, r.int(0, 11), r.int(1, 28), r.int(0, 20), r.int(0, 59), 0);
  return () => {
    t += r.int(50, 9000);
    return new Date(t).toISOString();
  };
}

/**
 * An ordinary log line with no personal data.
 * @param {Rand} r
 * @param {string} app
 */
function noise(r, app) {
  const f = r.faker;
  return r.pick([
    () =>
      `INFO  [${app}] req=${f.string.hexadecimal({ length: 8, prefix: '' })} GET /healthz 200 ${r.int(1, 9)}ms`,
    () => `DEBUG [cache] hit ratio=0.${r.int(70, 99)} keys=${r.int(1000, 9000)} evicted=${r.int(0, 99)}`,
    () => `INFO  [db] connected to 10.0.${r.int(0, 9)}.${r.int(2, 250)}:5432 pool=${r.int(4, 20)}`,
    () => `WARN  [http] slow request ${r.int(800, 4000)}ms trace=${f.string.uuid()}`,
    () => `INFO  [${app}] ${app} ${f.system.semver()} build ${r.digits(10)} ready`,
    () => `DEBUG [queue] job ${f.string.uuid()} done in ${r.int(3, 900)}ms attempts=${r.int(1, 3)}`,
    () => `INFO  [orders] order=${r.int(100000, 999999)} total=${r.money(5, 300)} status=dispatched`,
    () => `ERROR [smtp] timeout after 30000ms host=10.0.${r.int(0, 9)}.${r.int(2, 250)} retry=${r.int(1, 5)}`,
  ])();
}

/**
 * A debug log where a few lines dump a customer as key=value pairs or as a JSON body.
 * @param {'kv' | 'json'} payload
 * @returns {import('./types.mjs').Generator}
 */
export function debugLog(payload) {
  return (ctx) => {
    const { r } = ctx;
    const app = r.pick(['orders-api', 'crm-sync', 'plans-service', 'portal']);
    const now = clock(r);
    const n = r.int(2, 20);
    const total = n + r.int(20, 300);
    const at = new Set(r.shuffle([...Array(total).keys()]).slice(0, n));
    const dobFormat = r.pick(['yyyy-mm-dd', 'dd/mm/yyyy', 'yyyy-mm-ddT00:00:00', 'yyyymmdd', 'd/m/yyyy']);
    const camel = r.chance(0.5);
    /** @type {Record<string, number>} */
    const entities = {};
    const lines = [];
    for (let i = 0; i < total; i++) {
      if (!at.has(i)) {
        lines.push(`${now()} ${noise(r, app)}`);
        continue;
      }
      const p = ctx.person();
      const dob = formatDate(dobFormat, p.dob);
      const withPhone = r.chance(0.4);
      if (payload === 'kv') {
        const phone = withPhone ? ` phone="${p.phone}"` : '';
        lines.push(
          `${now()} DEBUG [${app}] upsert customer id=${r.int(1000, 99999)} name="${p.full}" dob=${dob} email=${p.email} postcode="${p.address.postcode}"${phone}`,
        );
      } else {
        /** @type {Record<string, string>} */
        const body = camel
          ? {
              firstName: p.first,
              lastName: p.last,
              dateOfBirth: dob,
              email: p.email,
              postcode: p.address.postcode,
            }
          : {
              first_name: p.first,
              last_name: p.last,
              date_of_birth: dob,
              email: p.email,
              postcode: p.address.postcode,
            };
        if (withPhone) body[camel ? 'phoneNumber' : 'phone'] = p.phone;
        lines.push(`${now()} DEBUG [${app}] POST /v1/customers body=${JSON.stringify(body)}`);
      }
      tally(entities, 'person-name', payload === 'kv' ? 1 : 2);
      tally(entities, 'date-of-birth');
      tally(entities, 'email-address');
      tally(entities, 'postcode');
      if (withPhone) tally(entities, 'phone-number');
    }
    return {
      name: payload === 'kv' ? `${app}-debug.log` : `${app}-requests.log`,
      content: `${lines.join('\n')}\n`,
      entities,
      records: n,
      dobFormat,
    };
  };
}

/** 50-400 lines; one holds one user's email (a password reset). */
/** @type {import('./types.mjs').Generator} */
export function serverLogOneEmail(ctx) {
  const { r } = ctx;
  const app = r.pick(['auth', 'portal', 'gateway']);
  const now = clock(r);
  const total = r.int(50, 400);
  const at = r.int(5, total - 1);
  const lists = r.faker.person;
  const address = email(r, lists.firstName(), lists.lastName());
  const lines = [];
  for (let i = 0; i < total; i++) {
    lines.push(
      `${now()} ${i === at ? `INFO  [${app}] password reset requested for ${address} from 10.0.4.${r.int(2, 250)}` : noise(r, app)}`,
    );
  }
  return {
    name: `${app}.log`,
    content: `${lines.join('\n')}\n`,
    entities: { 'email-address': 1 },
    records: 0,
    note: 'one user email on one line, nothing else about that user: an isolated identifier',
  };
}

/**
 * A 10-digit id in the NHS issued range that passes the mod-11 check (a sensor serial, a barcode).
 * @param {Rand} r
 */
export function mod11Id(r) {
  for (;;) {
    const nine = String(r.pick([r.int(400, 499), r.int(600, 799)])) + r.digits(6);
    const check = nhsCheckDigit(nine);
    if (check !== null) return nine + check;
  }
}

/** Sensor readings keyed by 10-digit ids, half of which pass the NHS mod-11 check in an issued range. */
/** @type {import('./types.mjs').Generator} */
export function sensorLog(ctx) {
  const { r } = ctx;
  const sensors = Array.from({ length: r.int(4, 12) }, (_, i) => (i % 2 === 0 ? mod11Id(r) : r.digits(10)));
  const now = clock(r);
  const lines = Array.from(
    { length: r.int(40, 300) },
    () =>
      `${now()} INFO  sensor=${r.pick(sensors)} temp=${r.int(-5, 30)}.${r.int(0, 9)}C humidity=${r.int(20, 95)}% battery=${r.int(10, 100)}% rssi=-${r.int(40, 95)}dBm`,
  );
  return {
    name: 'sensors.log',
    content: `${lines.join('\n')}\n`,
    entities: {},
    records: 0,
    note: '10-digit sensor ids, half mod-11 valid in the NHS issued ranges; no person',
  };
}

/** Timestamps, hosts and numbers. */
/** @type {import('./types.mjs').Generator} */
export function metricsCsv(ctx) {
  const { r } = ctx;
  const now = clock(r);
  const hosts = Array.from({ length: r.int(2, 6) }, (_, i) => `app-${i + 1}.internal`);
  const lines = ['timestamp,host,ip,cpu_pct,mem_mb,p95_ms,requests,build'];
  const build = r.digits(10);
  for (let i = r.int(60, 600); i > 0; i--) {
    const h = r.int(0, hosts.length - 1);
    lines.push(
      `${now()},${hosts[h]},10.0.1.${h + 10},${r.money(1, 99, 1)},${r.int(200, 4000)},${r.int(5, 900)},${r.int(0, 5000)},${build}`,
    );
  }
  return { name: 'metrics.csv', content: `${lines.join('\n')}\n`, entities: {}, records: 0 };
}

/** A changelog: versions and release dates, no people. */
/** @type {import('./types.mjs').Generator} */
export function changelog(ctx) {
  const { r } = ctx;
  const out = ['# Changelog', '', 'All notable changes to this project are documented here.', ''];
  const maj = r.int(1, 4);
  let min = r.int(0, 12);
  let pat = r.int(0, 9);
  for (let i = r.int(6, 30); i > 0; i--) {
    const d = randomDate(r, 2019, 2024);
    out.push(
      `## [${maj}.${min}.${pat}] - ${formatDate(r.pick(['yyyy-mm-dd', 'yyyy-mm-dd', 'd Month yyyy']), d)}`,
      '',
    );
    for (let j = r.int(1, 5); j > 0; j--) {
      out.push(`- ${r.faker.hacker.phrase()} (#${r.int(10, 2000)})`);
    }
    out.push('');
    if (r.chance(0.3)) min = Math.max(0, min - 1);
    pat = pat > 0 ? pat - 1 : 9;
  }
  return { name: 'CHANGELOG.md', content: `${out.join('\n')}\n`, entities: {}, records: 0 };
}

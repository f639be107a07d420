// Source trees: code dense with dates, versions, UUIDs and hex (clean), minified bundles (clean), config
// (clean), and files that name one developer: package.json authors, header comments, .env, git logs
// (contains-pii).
import { formatDate, iso, randomDate } from '../lib/dates.mjs';
import { email } from '../lib/ids.mjs';
import { nameLists } from '../lib/people.mjs';
import { mod11Id } from './logs.mjs';

/** @typedef {import('./types.mjs').Ctx} Ctx */
/** @typedef {import('../lib/rand.mjs').Rand} Rand */

/** @param {Rand} r a developer's name and email */
function developer(r) {
  const lists = nameLists(r.faker);
  const first = r.pick(r.chance(0.5) ? lists.female : lists.male);
  const last = r.pick(lists.surnames);
  return { name: `${first} ${last}`, email: email(r, first, last) };
}

/**
 * TypeScript dense with dates, versions, UUIDs, hex and 10-digit ids; sometimes a date-of-birth helper
 * with an example date in its comment.
 * @param {Rand} r
 */
function codeBody(r) {
  const f = r.faker;
  const out = [
    `import { ${f.hacker.noun().replace(/\W/g, '')} } from './${f.hacker.noun().replace(/\W/g, '-')}.js';`,
    '',
    `export const VERSION = '${f.system.semver()}';`,
    `export const RELEASED = '${iso(randomDate(r, 2020, 2024))}';`,
    `export const BUILD_ID = ${r.pick([mod11Id(r), r.digits(10)])};`,
    `const SESSION_NAMESPACE = '${f.string.uuid()}';`,
    `const PALETTE = [${Array.from({ length: 4 }, () => `'#${f.string.hexadecimal({ length: 6, prefix: '' })}'`).join(', ')}];`,
    `const EPOCHS = [${Array.from({ length: 3 }, () => r.int(1500000000, 1730000000)).join(', ')}];`,
    `const COMMIT = '${f.git.commitSha()}';`,
    '',
    '/** Release windows: start and end dates are inclusive. */',
    'export const WINDOWS = [',
  ];
  for (let i = r.int(2, 6); i > 0; i--) {
    const d = randomDate(r, 2021, 2025);
    out.push(
      `  { from: '${iso(d)}', to: '${formatDate('dd/mm/yyyy', d)}', build: ${r.digits(10)}, tag: 'v${f.system.semver()}' },`,
    );
  }
  out.push('];', '');
  if (r.chance(0.25)) {
    out.push(
      '/** Parses a date of birth written like 1970-01-01 or 01/01/1970; returns null when invalid. */',
      'export function parseDob(input: string): Date | null {',
      '  const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(input);',
      '  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;',
      '}',
      '',
    );
  }
  out.push(
    'export function windowFor(date: string): (typeof WINDOWS)[number] | undefined {',
    '  return WINDOWS.find((w) => w.from <= date && date <= w.to);',
    '}',
    '',
    `export const checksum = (s: string): string => s.length.toString(16).padStart(${r.int(4, 8)}, '0');`,
  );
  return out;
}

/** @type {import('./types.mjs').Generator} */
export function sourceCode(ctx) {
  const { r } = ctx;
  return {
    name: `${r.faker.hacker.noun().replace(/\W/g, '-')}.ts`,
    content: `${codeBody(r).join('\n')}\n`,
    entities: {},
    records: 0,
    note: 'dates, versions, UUIDs, hex and 10-digit build ids; any date-of-birth example is documentation',
  };
}

/** Source whose header comment names its author with an email (contains-pii). */
/** @type {import('./types.mjs').Generator} */
export function sourceWithAuthor(ctx) {
  const { r } = ctx;
  const dev = developer(r);
  const header = r.pick([
    ['/**', ` * ${r.faker.hacker.phrase()}`, ` * @author ${dev.name} <${dev.email}>`, ' */'],
    ['// Copyright (c) 2023 Acmesoft Services Ltd', `// Author: ${dev.name} (${dev.email})`],
    [
      '/*',
      ` * Maintainer: ${dev.name} <${dev.email}>`,
      ` * Created ${iso(randomDate(r, 2019, 2023))}`,
      ' */',
    ],
  ]);
  return {
    name: `${r.faker.hacker.noun().replace(/\W/g, '-')}.module.ts`,
    content: `${[...header, '', ...codeBody(r)].join('\n')}\n`,
    entities: { 'person-name': 1, 'email-address': 1 },
    records: 0,
    note: 'one author named with an email in a header comment: not a file about people',
  };
}

/** A minified bundle on one line: epochs, 10-digit ids, colours, versions. */
/** @type {import('./types.mjs').Generator} */
export function minifiedJs(ctx) {
  const { r } = ctx;
  const f = r.faker;
  const nums = (/** @type {number} */ n, /** @type {() => string | number} */ g) =>
    Array.from({ length: n }, g).join(',');
  const parts = [];
  for (let i = r.int(5, 40); i > 0; i--) {
    parts.push(
      r.pick([
        () => `var ${f.string.alpha(1)}=[${nums(r.int(3, 8), () => r.int(1500000000, 1730000000))}]`,
        () => `${f.string.alpha(1)}={ids:[${nums(r.int(2, 6), () => mod11Id(r))}],v:"${f.system.semver()}"}`,
        () => `palette:[${nums(r.int(3, 6), () => r.int(0, 16777215))}]`,
        () =>
          `function ${f.string.alpha(2)}(e){return Math.floor((e-${r.int(1e9, 2e9)})/${r.pick([86400000, 3600000, 60000])})}`,
        () => `build:${r.digits(8)},hash:"${f.string.hexadecimal({ length: 20, prefix: '' })}"`,
        () => `t=${r.money(0, 1, 4)},n=${r.int(1, 99999)}`,
      ])(),
    );
  }
  return {
    name: `bundle.${f.string.hexadecimal({ length: 8, prefix: '' })}.min.js`,
    content: `!function(){"use strict";${parts.join(';')}}();\n`,
    entities: {},
    records: 0,
  };
}

/** package.json with one author (contains-pii). */
/** @type {import('./types.mjs').Generator} */
export function packageJson(ctx) {
  const { r } = ctx;
  const f = r.faker;
  const dev = developer(r);
  const pkg = {
    name: `@acme/${f.hacker.noun().replace(/\W/g, '-')}`,
    version: f.system.semver(),
    description: f.hacker.phrase(),
    author: r.chance(0.6) ? `${dev.name} <${dev.email}>` : { name: dev.name, email: dev.email },
    license: r.pick(['MIT', 'Apache-2.0', 'UNLICENSED']),
    type: 'module',
    scripts: { build: 'tsc -p .', test: 'vitest run' },
    dependencies: Object.fromEntries(
      Array.from({ length: r.int(2, 8) }, () => [
        f.hacker.noun().replace(/\W/g, '-'),
        `^${f.system.semver()}`,
      ]),
    ),
  };
  return {
    name: 'package.json',
    content: `${JSON.stringify(pkg, null, 2)}\n`,
    entities: { 'person-name': 1, 'email-address': 1 },
    records: 0,
    note: 'one author name and email: an isolated identifier, not a file about people',
  };
}

/** A .env file with one administrator email (contains-pii). */
/** @type {import('./types.mjs').Generator} */
export function envFile(ctx) {
  const { r } = ctx;
  const f = r.faker;
  const dev = developer(r);
  const text = [
    `NODE_ENV=${r.pick(['production', 'staging'])}`,
    `DB_HOST=10.0.${r.int(0, 9)}.${r.int(2, 250)}`,
    `DB_PORT=${r.pick([5432, 3306])}`,
    `DB_NAME=${r.pick(['plans', 'orders', 'crm'])}_prod`,
    `SESSION_TTL=${r.int(600, 86400)}`,
    `FEATURE_FLAGS=${f.hacker.noun()},${f.hacker.noun()}`,
    `BUILD_SHA=${f.git.commitSha()}`,
    `ADMIN_EMAIL=${dev.email}`,
    `LOG_LEVEL=${r.pick(['info', 'debug', 'warn'])}`,
  ].join('\n');
  return {
    name: '.env',
    content: `${text}\n`,
    entities: { 'email-address': 1 },
    records: 0,
    note: 'one administrator email in configuration: an isolated identifier',
  };
}

/** `git log` output: the same one or two developers on every commit (contains-pii). */
/** @type {import('./types.mjs').Generator} */
export function gitLog(ctx) {
  const { r } = ctx;
  const devs = [developer(r), developer(r)].slice(0, r.int(1, 2));
  const out = [];
  /** @type {Record<string, number>} */
  const entities = {};
  for (let i = r.int(3, 25); i > 0; i--) {
    const dev = r.pick(devs);
    const d = randomDate(r, 2022, 2024);
    out.push(
      `commit ${r.faker.git.commitSha()}`,
      `Author: ${dev.name} <${dev.email}>`,
      `Date:   ${formatDate('d Mon yyyy', d)} ${r.int(8, 18)}:${r.int(10, 59)}:00 +0000`,
      '',
      `    ${r.faker.git.commitMessage()}`,
      '',
    );
    entities['person-name'] = (entities['person-name'] ?? 0) + 1;
    entities['email-address'] = (entities['email-address'] ?? 0) + 1;
  }
  return {
    name: 'git-log.txt',
    content: `${out.join('\n')}\n`,
    entities,
    records: 0,
    note: 'commit authors (one or two developers, repeated): names the people who wrote code, describes none of them',
  };
}

/** Service configuration in YAML: hosts, ports, UUIDs, cron, versions. */
/** @type {import('./types.mjs').Generator} */
export function configYaml(ctx) {
  const { r } = ctx;
  const f = r.faker;
  const out = [
    'service:',
    `  name: ${f.hacker.noun().replace(/\W/g, '-')}`,
    `  version: ${f.system.semver()}`,
    `  id: ${f.string.uuid()}`,
    'upstreams:',
  ];
  for (let i = r.int(1, 5); i > 0; i--)
    out.push(`  - host: 10.0.${r.int(0, 9)}.${r.int(2, 250)}`, `    port: ${r.int(1024, 9999)}`);
  out.push('jobs:');
  for (let i = r.int(1, 4); i > 0; i--) {
    out.push(
      `  - name: ${f.hacker.verb()}`,
      `    cron: "${r.int(0, 59)} ${r.int(0, 23)} * * *"`,
      `    since: ${iso(randomDate(r, 2021, 2024))}`,
    );
  }
  return { name: 'config.yaml', content: `${out.join('\n')}\n`, entities: {}, records: 0 };
}

// Positive kinds: the same customer, patient and staff tables in every layout a restore or export leaves
// behind: delimited text, fixed width, JSON, NDJSON, XML, SQL dumps, and Windows encodings.
import { fitsWin1252, utf16le, win1252 } from '../lib/encode.mjs';
import { buildTable, keyOf, SCHEMAS } from './schemas.mjs';

/** @typedef {import('./types.mjs').Ctx} Ctx */
/** @typedef {import('./types.mjs').Made} Made */
/** @typedef {import('./schemas.mjs').Table} Table */

/**
 * One delimited line; fields holding the delimiter, a quote or a newline are quoted (all fields when asked).
 * @param {string[]} fields
 * @param {string} delim
 * @param {boolean} quoteAll
 */
function delimited(fields, delim, quoteAll) {
  return fields
    .map((f) => (quoteAll || f.includes(delim) || f.includes('"') ? `"${f.replace(/"/g, '""')}"` : f))
    .join(delim);
}

/**
 * @param {Table} t
 * @param {{ delim: string, quoteAll?: boolean, header?: boolean, eol?: string }} o
 */
function renderDelimited(t, o) {
  const eol = o.eol ?? '\n';
  const lines = t.rows.map((row) => delimited(row, o.delim, o.quoteAll ?? false));
  if (o.header !== false) lines.unshift(delimited(t.headers, o.delim, o.quoteAll ?? false));
  return lines.join(eol) + eol;
}

/**
 * @param {Table} t
 * @param {string} name
 * @param {string | Buffer} content
 * @returns {Made}
 */
function made(t, name, content) {
  /** @type {Made} */
  const m = { name, content, entities: t.entities, records: t.rows.length };
  if (t.hasDob) m.dobFormat = t.style.dobFormat;
  return m;
}

/** @param {Ctx} ctx */
const rows = (ctx) => ctx.r.pick([ctx.r.int(3, 12), ctx.r.int(12, 60), ctx.r.int(40, 150)]);

/** @type {import('./types.mjs').Generator} */
export function csvComma(ctx) {
  const t = buildTable(ctx, rows(ctx));
  return made(t, `${t.schema.file}.csv`, renderDelimited(t, { delim: ',' }));
}

/** Every field quoted; addresses carry commas ("14 Larkspur Close, Headingley, Leeds"). */
/** @type {import('./types.mjs').Generator} */
export function csvQuoted(ctx) {
  const schema = ctx.r.pick(SCHEMAS.filter((s) => s.columns.some((c) => c.headers.includes('home_address'))));
  const t = buildTable(ctx, rows(ctx), { schema });
  return made(t, `${t.schema.file}_quoted.csv`, renderDelimited(t, { delim: ',', quoteAll: true }));
}

/** @type {import('./types.mjs').Generator} */
export function csvSemicolon(ctx) {
  const t = buildTable(ctx, rows(ctx));
  return made(t, `${t.schema.file}_eu.csv`, renderDelimited(t, { delim: ';' }));
}

/** @type {import('./types.mjs').Generator} */
export function csvPipe(ctx) {
  const t = buildTable(ctx, rows(ctx));
  return made(t, `${t.schema.file}.psv`, renderDelimited(t, { delim: '|' }));
}

/** No header row: nothing names the columns. */
/** @type {import('./types.mjs').Generator} */
export function csvNoHeader(ctx) {
  const t = buildTable(ctx, rows(ctx));
  return made(t, `${t.schema.file}_noheader.csv`, renderDelimited(t, { delim: ',', header: false }));
}

/** @type {import('./types.mjs').Generator} */
export function tsv(ctx) {
  const t = buildTable(ctx, rows(ctx));
  return made(t, `${t.schema.file}.tsv`, renderDelimited(t, { delim: '\t' }));
}

/** Header + exactly two rows: the smallest table with two people. */
/** @type {import('./types.mjs').Generator} */
export function csvTiny(ctx) {
  const t = buildTable(ctx, 2);
  return made(t, `${t.schema.file}_sample.csv`, renderDelimited(t, { delim: ctx.r.pick([',', ',', ';']) }));
}

/** Space-padded columns, a header and a dashed rule, as a mainframe or report writer exports them. */
/** @type {import('./types.mjs').Generator} */
export function fixedWidth(ctx) {
  const t = buildTable(ctx, rows(ctx), { titleCase: false });
  const widths = t.headers.map(
    (h, i) => Math.max(h.length, ...t.rows.map((row) => (row[i] ?? '').length)) + 2,
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('')
      .trimEnd();
  const header = line(t.headers.map((h) => h.toUpperCase()));
  const rule = widths
    .map((w) => '-'.repeat(w - 2).padEnd(w))
    .join('')
    .trimEnd();
  const body = t.rows.map(line);
  return made(t, `${t.schema.file}.txt`, `${[header, rule, ...body].join('\n')}\n`);
}

/**
 * @param {Table} t
 * @param {boolean} camel
 */
function objects(t, camel) {
  const keys = t.headers.map((h) => keyOf(h, camel));
  return t.rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])));
}

/** A JSON array of objects: pretty-printed, or all on one line. */
/** @type {import('./types.mjs').Generator} */
export function jsonArray(ctx) {
  const t = buildTable(ctx, rows(ctx));
  const list = objects(t, ctx.r.chance(0.4));
  const text = ctx.r.chance(0.7) ? JSON.stringify(list, null, 2) : JSON.stringify(list);
  return made(t, `${t.schema.file}.json`, `${text}\n`);
}

/** @type {import('./types.mjs').Generator} */
export function ndjson(ctx) {
  const t = buildTable(ctx, rows(ctx));
  const text = objects(t, ctx.r.chance(0.4))
    .map((o) => JSON.stringify(o))
    .join('\n');
  return made(t, `${t.schema.file}.ndjson`, `${text}\n`);
}

/** @param {string} s */
const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<customers><customer><name>…</name>…</customer></customers>` */
/** @type {import('./types.mjs').Generator} */
export function xml(ctx) {
  const t = buildTable(ctx, rows(ctx));
  const keys = t.headers.map((h) => keyOf(h, ctx.r.chance(0.3)));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<${t.schema.table} exported="2024-05-14">`];
  t.rows.forEach((row, i) => {
    out.push(`  <${t.schema.row} seq="${i + 1}">`);
    keys.forEach((k, j) => {
      out.push(`    <${k}>${xmlEscape(row[j] ?? '')}</${k}>`);
    });
    out.push(`  </${t.schema.row}>`);
  });
  out.push(`</${t.schema.table}>`);
  return made(t, `${t.schema.file}.xml`, `${out.join('\n')}\n`);
}

/** @param {string} v */
const sqlString = (v) => (/^\d{1,9}$/.test(v) ? v : `'${v.replace(/'/g, "''")}'`);

/** mysqldump: CREATE TABLE, then one multi-row INSERT (all tuples on one line, or one tuple per line). */
/** @type {import('./types.mjs').Generator} */
export function sqlMysql(ctx) {
  const t = buildTable(ctx, rows(ctx));
  const cols = t.headers.map((h) => keyOf(h, false));
  const tuples = t.rows.map((row) => `(${row.map(sqlString).join(',')})`);
  const oneLine = ctx.r.chance(0.5);
  const out = [
    '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)',
    '--',
    `-- Host: 10.0.3.12    Database: ${t.schema.table}_prod`,
    '-- ------------------------------------------------------',
    '/*!40101 SET NAMES utf8mb4 */;',
    '',
    `DROP TABLE IF EXISTS \`${t.schema.table}\`;`,
    `CREATE TABLE \`${t.schema.table}\` (`,
    ...cols.map((c, i) => `  \`${c}\` varchar(${64 + (i % 3) * 32}) DEFAULT NULL,`),
    `  PRIMARY KEY (\`${cols[0]}\`)`,
    ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    '',
    `LOCK TABLES \`${t.schema.table}\` WRITE;`,
    `INSERT INTO \`${t.schema.table}\` (${cols.map((c) => `\`${c}\``).join(',')}) VALUES ${oneLine ? tuples.join(',') : `\n${tuples.join(',\n')}`};`,
    'UNLOCK TABLES;',
    '-- Dump completed on 2024-05-14  9:12:07',
  ];
  return made(t, `${t.schema.table}_dump.sql`, `${out.join('\n')}\n`);
}

/** pg_dump: `COPY public.t (cols) FROM stdin;`, tab-separated rows, `\.` */
/** @type {import('./types.mjs').Generator} */
export function sqlPgCopy(ctx) {
  const t = buildTable(ctx, rows(ctx));
  const cols = t.headers.map((h) => keyOf(h, false));
  const out = [
    '--',
    '-- PostgreSQL database dump',
    '--',
    '',
    '-- Dumped from database version 15.6',
    "SET client_encoding = 'UTF8';",
    '',
    `CREATE TABLE public.${t.schema.table} (`,
    cols.map((c) => `    ${c} text`).join(',\n'),
    ');',
    '',
    `COPY public.${t.schema.table} (${cols.join(', ')}) FROM stdin;`,
    ...t.rows.map((row) => row.join('\t')),
    '\\.',
    '',
    '--',
    '-- PostgreSQL database dump complete',
    '--',
  ];
  return made(t, `${t.schema.table}.pgdump.sql`, `${out.join('\n')}\n`);
}

/**
 * A CSV as Excel "Unicode text" writes it: UTF-16LE, CRLF, with or without the byte-order mark.
 * @param {boolean} bom
 * @returns {import('./types.mjs').Generator}
 */
export function csvUtf16(bom) {
  return (ctx) => {
    const t = buildTable(ctx, rows(ctx), { accented: 0.3 });
    const delim = ctx.r.pick([',', '\t']);
    const text = renderDelimited(t, { delim, eol: '\r\n' });
    return made(
      t,
      `${t.schema.file}_${bom ? 'unicode' : 'utf16'}.${delim === ',' ? 'csv' : 'txt'}`,
      utf16le(text, bom),
    );
  };
}

/** windows-1252 bytes, CRLF, accented names, £ amounts: not valid UTF-8. */
/** @type {import('./types.mjs').Generator} */
export function csvWin1252(ctx) {
  for (;;) {
    const t = buildTable(ctx, rows(ctx), { accented: 0.35 });
    const text = renderDelimited(t, { delim: ',', eol: '\r\n' }).replace(/,(\d+\.\d\d)(?=,|\r)/g, ',£$1');
    // Redrawn until every name fits the code page and at least one character is outside ASCII.
    if (fitsWin1252(text) && /[\u0080-\uffff]/.test(text))
      return made(t, `${t.schema.file}_win.csv`, win1252(text));
  }
}

// The corpus plan: which kinds of file, how many at scale 1, where they live on the "contractor's server",
// and the label each carries. buildCorpus() is pure (in memory); writeCorpus() puts it on disk.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as business from '../kinds/business.mjs';
import * as code from '../kinds/code.mjs';
import * as logs from '../kinds/logs.mjs';
import * as prose from '../kinds/prose.mjs';
import * as tables from '../kinds/tables.mjs';
import { person } from './people.mjs';
import { mixSeed, rand } from './rand.mjs';

/** @typedef {'personal-data' | 'contains-pii' | 'clean'} Verdict */

/**
 * @typedef {object} PlanItem
 * @property {string} kind        file-type label
 * @property {Verdict} verdict
 * @property {number} count       files at scale 1
 * @property {string[]} dirs      where such files are left
 * @property {boolean} [project]  keep the generator's exact file name, one project folder per file
 * @property {import('../kinds/types.mjs').Generator} make
 */

const PD = 'personal-data';
const PII = 'contains-pii';
const CLEAN = 'clean';

/** @type {PlanItem[]} */
export const PLAN = [
  // Positives: records about people, in every layout.
  {
    kind: 'csv-comma',
    verdict: PD,
    count: 14,
    dirs: ['home/dev/restore', 'exports', 'backups'],
    make: tables.csvComma,
  },
  {
    kind: 'csv-quoted',
    verdict: PD,
    count: 10,
    dirs: ['exports', 'home/dev/restore'],
    make: tables.csvQuoted,
  },
  { kind: 'csv-semicolon', verdict: PD, count: 8, dirs: ['exports', 'tmp'], make: tables.csvSemicolon },
  { kind: 'csv-pipe', verdict: PD, count: 8, dirs: ['exports', 'backups'], make: tables.csvPipe },
  {
    kind: 'csv-no-header',
    verdict: PD,
    count: 8,
    dirs: ['tmp', 'home/dev/restore'],
    make: tables.csvNoHeader,
  },
  { kind: 'csv-tiny', verdict: PD, count: 8, dirs: ['tmp', 'home/dev'], make: tables.csvTiny },
  { kind: 'tsv', verdict: PD, count: 10, dirs: ['exports', 'home/dev/restore'], make: tables.tsv },
  {
    kind: 'fixed-width',
    verdict: PD,
    count: 8,
    dirs: ['exports', 'backups/mainframe'],
    make: tables.fixedWidth,
  },
  {
    kind: 'json-array',
    verdict: PD,
    count: 10,
    dirs: ['backups', 'tmp', 'home/dev/.cache'],
    make: tables.jsonArray,
  },
  { kind: 'ndjson', verdict: PD, count: 10, dirs: ['tmp', 'var/log/app'], make: tables.ndjson },
  { kind: 'xml', verdict: PD, count: 8, dirs: ['exports', 'backups'], make: tables.xml },
  { kind: 'sql-mysql', verdict: PD, count: 8, dirs: ['backups', 'home/dev/restore'], make: tables.sqlMysql },
  {
    kind: 'sql-pg-copy',
    verdict: PD,
    count: 8,
    dirs: ['backups', 'home/dev/restore'],
    make: tables.sqlPgCopy,
  },
  {
    kind: 'csv-utf16le-bom',
    verdict: PD,
    count: 5,
    dirs: ['exports', 'home/dev/restore'],
    make: tables.csvUtf16(true),
  },
  {
    kind: 'csv-utf16le-nobom',
    verdict: PD,
    count: 5,
    dirs: ['exports', 'tmp'],
    make: tables.csvUtf16(false),
  },
  {
    kind: 'csv-windows-1252',
    verdict: PD,
    count: 6,
    dirs: ['exports', 'home/dev/restore'],
    make: tables.csvWin1252,
  },
  { kind: 'log-debug-kv', verdict: PD, count: 10, dirs: ['var/log/app', 'tmp'], make: logs.debugLog('kv') },
  { kind: 'log-debug-json', verdict: PD, count: 10, dirs: ['var/log/app'], make: logs.debugLog('json') },
  { kind: 'chat-transcript', verdict: PD, count: 10, dirs: ['support/chats'], make: prose.chatTranscript },
  { kind: 'letter', verdict: PD, count: 16, dirs: ['letters', 'letters/sent'], make: prose.letter },
  {
    kind: 'care-notes',
    verdict: PD,
    count: 12,
    dirs: ['care/notes', 'home/dev/restore/care'],
    make: prose.careNotes,
  },
  { kind: 'kv-blocks', verdict: PD, count: 6, dirs: ['docs', 'tmp'], make: prose.kvBlocks },
  { kind: 'support-email', verdict: PD, count: 6, dirs: ['support/mail'], make: prose.supportEmail },
  // Hard negatives, clean: numbers, dates, places and companies that look like personal data.
  {
    kind: 'invoice',
    verdict: CLEAN,
    count: 20,
    dirs: ['finance/invoices', 'docs/invoices'],
    make: business.invoice,
  },
  {
    kind: 'catalogue',
    verdict: CLEAN,
    count: 14,
    dirs: ['catalogue', 'srv/www/data'],
    make: business.catalogue,
  },
  {
    kind: 'sensor-log',
    verdict: CLEAN,
    count: 14,
    dirs: ['var/log/iot', 'var/log/app'],
    make: logs.sensorLog,
  },
  {
    kind: 'branch-directory',
    verdict: CLEAN,
    count: 8,
    dirs: ['docs', 'srv/www/data'],
    make: business.branchDirectory,
  },
  {
    kind: 'luhn-fail-csv',
    verdict: CLEAN,
    count: 10,
    dirs: ['exports/warehouse', 'tmp'],
    make: business.luhnFailing,
  },
  {
    kind: 'source-code',
    verdict: CLEAN,
    count: 30,
    dirs: ['srv/www/src', 'home/dev/src'],
    make: code.sourceCode,
  },
  { kind: 'novel', verdict: CLEAN, count: 10, dirs: ['home/dev/books', 'docs/misc'], make: business.novel },
  {
    kind: 'street-list',
    verdict: CLEAN,
    count: 10,
    dirs: ['srv/www/data', 'docs'],
    make: business.streetList,
  },
  { kind: 'minified-js', verdict: CLEAN, count: 10, dirs: ['srv/www/public/js'], make: code.minifiedJs },
  { kind: 'changelog', verdict: CLEAN, count: 12, dirs: ['srv/www'], project: true, make: logs.changelog },
  { kind: 'metrics-csv', verdict: CLEAN, count: 16, dirs: ['var/log/metrics', 'tmp'], make: logs.metricsCsv },
  { kind: 'runbook', verdict: CLEAN, count: 12, dirs: ['docs/ops'], project: true, make: business.runbook },
  {
    kind: 'config-yaml',
    verdict: CLEAN,
    count: 12,
    dirs: ['srv/www', 'etc/app'],
    project: true,
    make: code.configYaml,
  },
  // Isolated identifiers: contains-pii.
  { kind: 'package-json', verdict: PII, count: 14, dirs: ['srv/www'], project: true, make: code.packageJson },
  {
    kind: 'server-log-one-email',
    verdict: PII,
    count: 16,
    dirs: ['var/log/app', 'var/log/nginx'],
    make: logs.serverLogOneEmail,
  },
  {
    kind: 'notes-one-phone',
    verdict: PII,
    count: 10,
    dirs: ['home/dev', 'docs/ops'],
    project: true,
    make: business.notesOnePhone,
  },
  {
    kind: 'source-author-header',
    verdict: PII,
    count: 14,
    dirs: ['srv/www/src', 'home/dev/src'],
    make: code.sourceWithAuthor,
  },
  { kind: 'env-file', verdict: PII, count: 8, dirs: ['srv/www'], project: true, make: code.envFile },
  { kind: 'git-log', verdict: PII, count: 6, dirs: ['home/dev'], project: true, make: code.gitLog },
];

/** Kinds that must appear in every corpus: the hard positives the benchmark exists for. */
export const POSITIVE_KINDS = PLAN.filter((p) => p.verdict === PD).map((p) => p.kind);

/**
 * @typedef {object} Label
 * @property {string} path       relative to the corpus root, POSIX
 * @property {Verdict} verdict
 * @property {string} kind
 * @property {number} records    people described (personal-data files)
 * @property {Record<string, number>} entities  person identifiers planted, by category
 * @property {string} [dobFormat]
 * @property {string} [note]
 */

/**
 * @typedef {object} Corpus
 * @property {{ path: string, content: Buffer, label: Label }[]} files  sorted by path
 * @property {Record<string, string[]>} registry  every identifier handed to a fabricated person
 */

/** @param {string} s FNV-1a, for stable per-kind seeds */
function hash32(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** "customers_export.csv" + 7 → "customers_export-007.csv" */
function indexed(/** @type {string} */ name, /** @type {number} */ i) {
  const n = String(i).padStart(3, '0');
  const dot = name.indexOf('.', 1);
  return dot === -1 ? `${name}-${n}` : `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
}

/**
 * Builds the whole corpus in memory.
 * @param {{ seed?: number, scale?: number }} [opts]
 * @returns {Corpus}
 */
export function buildCorpus(opts = {}) {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 1;
  /** @type {Record<string, string[]>} */
  const registry = {};
  /** @type {Corpus['files']} */
  const files = [];
  for (const item of PLAN) {
    const count = Math.max(1, Math.round(item.count * scale));
    for (let i = 1; i <= count; i++) {
      const r = rand(mixSeed(seed, hash32(item.kind), i));
      const made = item.make({ r, person: (o) => person(r, registry, o) });
      const dir = r.pick(item.dirs);
      const path = item.project
        ? `${dir}/app${String(i).padStart(3, '0')}/${made.name}`
        : `${dir}/${indexed(made.name, i)}`;
      /** @type {Label} */
      const label = {
        path,
        verdict: item.verdict,
        kind: item.kind,
        records: made.records,
        entities: made.entities,
      };
      if (made.dobFormat && made.entities['date-of-birth']) label.dobFormat = made.dobFormat;
      if (made.note) label.note = made.note;
      const content = typeof made.content === 'string' ? Buffer.from(made.content, 'utf8') : made.content;
      files.push({ path, content, label });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    if (files[i]?.path === files[i - 1]?.path) throw new Error(`duplicate path ${files[i]?.path}`);
  }
  return { files, registry };
}

/**
 * sha256 over every file (path, NUL, length, NUL, bytes) in path order, plus totals.
 * @param {Corpus} corpus
 */
export function manifest(corpus) {
  const h = createHash('sha256');
  let bytes = 0;
  /** @type {Record<string, number>} */
  const verdicts = {};
  for (const f of corpus.files) {
    h.update(`${f.path}\0${f.content.length}\0`);
    h.update(f.content);
    bytes += f.content.length;
    verdicts[f.label.verdict] = (verdicts[f.label.verdict] ?? 0) + 1;
  }
  const labels = createHash('sha256').update(labelsJson(corpus)).digest('hex');
  return { files: corpus.files.length, bytes, verdicts, sha256: h.digest('hex'), labelsSha256: labels };
}

/** @param {Corpus} corpus labels.json text */
export function labelsJson(corpus) {
  return `${JSON.stringify({ version: 1, root: 'corpus', files: corpus.files.map((f) => f.label) }, null, 2)}\n`;
}

/**
 * Writes the tree to OUT/corpus and the labels to OUT/labels.json (outside the scanned tree). An existing
 * OUT/corpus is replaced only when OUT/labels.json shows it is an earlier corpus.
 * @param {string} out
 * @param {Corpus} corpus
 * @returns {string} the corpus root
 */
export function writeCorpus(out, corpus) {
  const root = join(out, 'corpus');
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(out, 'labels.json'))) {
      throw new Error(
        `${root} exists and is not a corpus written by generate.mjs (no labels.json beside it)`,
      );
    }
    rmSync(root, { recursive: true });
  }
  for (const f of corpus.files) {
    const target = join(root, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  writeFileSync(join(out, 'labels.json'), labelsJson(corpus));
  return root;
}

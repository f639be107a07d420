// Scores a residue JSON report against labels.json: the personal-data verdict as a binary classifier,
// a confusion matrix over the three verdicts, entity recall per category and per date-of-birth format,
// recall per file kind, and the misses and false alarms. Pure functions; run.mjs does the I/O.

/** @typedef {'personal-data' | 'contains-pii' | 'clean'} Verdict */
/** @typedef {Verdict | 'error'} Outcome */

/**
 * @typedef {object} Label
 * @property {string} path
 * @property {Verdict} verdict
 * @property {string} kind
 * @property {number} [records]
 * @property {Record<string, number>} entities
 * @property {string} [dobFormat]
 * @property {string} [note]
 */

/**
 * The parts of residue's JSON report the scorer reads.
 * @typedef {object} Report
 * @property {{ path: string, verdict: Verdict, records: number, counts: Record<string, number> }[]} files
 * @property {{ path: string, code: string, message: string }[]} [errors]
 * @property {{ durationMs?: number }} [summary]
 */

/**
 * @typedef {object} Ratio
 * @property {number} hit
 * @property {number} total
 * @property {number | null} rate   hit / total, null when total is 0
 */

/**
 * @typedef {object} FileOutcome
 * @property {string} path
 * @property {string} kind
 * @property {Verdict} label
 * @property {Outcome} reported
 * @property {number} records        linking records residue reported
 * @property {number} [labelledRecords]
 * @property {Record<string, number>} counts  reported findings per category
 * @property {Record<string, number>} entities planted
 * @property {string} [note]
 */

/**
 * @typedef {object} Score
 * @property {number} files
 * @property {Record<Verdict, Record<Outcome, number>>} confusion  rows: label, columns: reported
 * @property {{ tp: number, fp: number, fn: number, tn: number, precision: number | null, recall: number | null, f1: number | null }} personalData
 * @property {{ labelled: number, reported: number, exact: Ratio }} records  people in files labelled personal-data:
 *   labelled vs linking records reported, and in how many of those files the two agree
 * @property {Record<string, Ratio>} entities      per category: planted vs found (capped per file)
 * @property {Record<string, Ratio>} dobFormats    date-of-birth entities per written format
 * @property {{ kind: string, verdict: Verdict, files: number, reported: Record<Outcome, number>, personalData: Ratio, exact: Ratio }[]} kinds
 * @property {FileOutcome[]} misses       labelled personal-data, reported otherwise
 * @property {FileOutcome[]} falseAlarms  reported personal-data, labelled otherwise
 * @property {string[]} unlabelled        reported files with no label
 * @property {{ path: string, code: string, message: string }[]} errors
 * @property {number | null} scanMs
 */

export const VERDICTS = /** @type {const} */ (['personal-data', 'contains-pii', 'clean']);
export const OUTCOMES = /** @type {const} */ ([...VERDICTS, 'error']);

/** @returns {Record<Outcome, number>} */
const zeroRow = () => ({ 'personal-data': 0, 'contains-pii': 0, clean: 0, error: 0 });

/** @param {number} hit @param {number} total @returns {Ratio} */
export const ratio = (hit, total) => ({ hit, total, rate: total === 0 ? null : hit / total });

/**
 * @param {Record<string, Ratio>} map
 * @param {string} key
 * @param {number} hit
 * @param {number} total
 */
function add(map, key, hit, total) {
  const prev = map[key] ?? ratio(0, 0);
  map[key] = ratio(prev.hit + hit, prev.total + total);
}

/** The file on disk that a member or part belongs to: `mail.eml!/body.txt` → `mail.eml`. */
function topLevel(path) {
  const cut = path.indexOf('!/');
  return cut === -1 ? path : path.slice(0, cut);
}

const VERDICT_RANK = { clean: 0, 'contains-pii': 1, 'personal-data': 2 };

/**
 * Labels are per file on disk; a report lists each member or part of a container (an email's headers, body
 * and attachments) on its own. Each container gets its members' highest verdict and summed records and counts.
 * @param {Report['files']} files
 */
function rollUp(files) {
  /** @type {Map<string, Report['files'][number]>} */
  const out = new Map();
  for (const f of files) {
    const path = topLevel(f.path);
    const prev = out.get(path);
    if (!prev) {
      out.set(path, { ...f, path, counts: { ...f.counts } });
      continue;
    }
    if (VERDICT_RANK[f.verdict] > VERDICT_RANK[prev.verdict]) prev.verdict = f.verdict;
    prev.records += f.records;
    for (const [k, n] of Object.entries(f.counts)) prev.counts[k] = (prev.counts[k] ?? 0) + n;
  }
  return out;
}

/**
 * @param {Label[]} labels
 * @param {Report} report
 * @returns {Score}
 */
export function score(labels, report) {
  const reported = rollUp(report.files);
  const failed = new Map((report.errors ?? []).map((e) => [topLevel(e.path), e]));
  const labelled = new Set(labels.map((l) => l.path));
  /** @type {Score['confusion']} */
  const confusion = { 'personal-data': zeroRow(), 'contains-pii': zeroRow(), clean: zeroRow() };
  /** @type {Record<string, Ratio>} */
  const entities = {};
  /** @type {Record<string, Ratio>} */
  const dobFormats = {};
  /** @type {Map<string, Score['kinds'][number]>} */
  const kinds = new Map();
  /** @type {FileOutcome[]} */
  const misses = [];
  /** @type {FileOutcome[]} */
  const falseAlarms = [];
  const records = { labelled: 0, reported: 0, exactFiles: 0, files: 0 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;

  for (const label of labels) {
    const found = reported.get(label.path);
    /** @type {Outcome} */
    const outcome = failed.has(label.path) ? 'error' : (found?.verdict ?? 'clean');
    const counts = found?.counts ?? {};
    confusion[label.verdict][outcome]++;

    const isPd = label.verdict === 'personal-data';
    const saysPd = outcome === 'personal-data';
    if (isPd && label.records !== undefined) {
      records.files++;
      records.labelled += label.records;
      records.reported += found?.records ?? 0;
      if ((found?.records ?? 0) === label.records) records.exactFiles++;
    }
    if (isPd && saysPd) tp++;
    else if (saysPd) fp++;
    else if (isPd) fn++;
    else tn++;

    for (const [category, planted] of Object.entries(label.entities)) {
      const hit = Math.min(planted, counts[category] ?? 0);
      add(entities, category, hit, planted);
      if (category === 'date-of-birth' && label.dobFormat) add(dobFormats, label.dobFormat, hit, planted);
    }

    let k = kinds.get(label.kind);
    if (!k) {
      k = {
        kind: label.kind,
        verdict: label.verdict,
        files: 0,
        reported: zeroRow(),
        personalData: ratio(0, 0),
        exact: ratio(0, 0),
      };
      kinds.set(label.kind, k);
    }
    k.files++;
    k.reported[outcome]++;
    k.personalData = ratio(k.personalData.hit + (saysPd ? 1 : 0), k.files);
    k.exact = ratio(k.exact.hit + (outcome === label.verdict ? 1 : 0), k.files);

    if (isPd !== saysPd) {
      /** @type {FileOutcome} */
      const o = {
        path: label.path,
        kind: label.kind,
        label: label.verdict,
        reported: outcome,
        records: found?.records ?? 0,
        counts,
        entities: label.entities,
      };
      if (label.records !== undefined) o.labelledRecords = label.records;
      if (label.note) o.note = label.note;
      (isPd ? misses : falseAlarms).push(o);
    }
  }

  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  return {
    files: labels.length,
    confusion,
    personalData: { tp, fp, fn, tn, precision, recall, f1 },
    records: {
      labelled: records.labelled,
      reported: records.reported,
      exact: ratio(records.exactFiles, records.files),
    },
    entities: sortKeys(entities),
    dobFormats: sortKeys(dobFormats),
    kinds: [...kinds.values()],
    misses,
    falseAlarms,
    unlabelled: [...reported.keys()].filter((p) => !labelled.has(p)),
    errors: (report.errors ?? []).map((e) => ({ path: e.path, code: e.code, message: e.message })),
    scanMs: report.summary?.durationMs ?? null,
  };
}

/**
 * @template T
 * @param {Record<string, T>} o
 * @returns {Record<string, T>}
 */
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** @param {number | null} x */
const pct = (x) => (x === null ? '  n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** @param {Record<string, number>} counts "person-name 3, postcode 1" */
const countList = (counts) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'nothing';

/**
 * The human-readable report.
 * @param {Score} s
 * @param {{ wallMs?: number }} [extra]
 */
export function formatText(s, extra = {}) {
  const out = [];
  const pd = s.personalData;
  out.push(`residue detection quality: ${s.files} labelled files`, '');
  out.push('personal-data verdict (positive class):');
  out.push(`  precision ${pct(pd.precision)}   recall ${pct(pd.recall)}   F1 ${pct(pd.f1)}`);
  out.push(`  TP ${pd.tp}  FP ${pd.fp}  FN ${pd.fn}  TN ${pd.tn}`, '');
  out.push(
    `people in personal-data files: labelled ${s.records.labelled}, reported ${s.records.reported} linking records; ` +
      `count exact in ${s.records.exact.hit} of ${s.records.exact.total} files`,
    '',
  );

  out.push('confusion (rows: label, columns: reported):');
  out.push(`  ${''.padEnd(15)}${OUTCOMES.map((o) => o.padStart(15)).join('')}`);
  for (const v of VERDICTS)
    out.push(`  ${v.padEnd(15)}${OUTCOMES.map((o) => String(s.confusion[v][o]).padStart(15)).join('')}`);
  out.push('');

  out.push('entity recall per category (found / planted, capped per file):');
  for (const [c, r] of Object.entries(s.entities))
    out.push(`  ${c.padEnd(17)}${pct(r.rate)}  ${r.hit} / ${r.total}`);
  out.push('', 'date-of-birth recall per written format:');
  for (const [f, r] of Object.entries(s.dobFormats))
    out.push(`  ${f.padEnd(21)}${pct(r.rate)}  ${r.hit} / ${r.total}`);
  out.push('');

  out.push('per kind (personal-data kinds: recall; others: false-alarm rate = reported personal-data):');
  out.push(
    `  ${'kind'.padEnd(22)}${'label'.padEnd(15)}${'files'.padStart(6)}${'rate'.padStart(8)}   reported pd / pii / clean / error`,
  );
  for (const k of [...s.kinds].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict))) {
    const r = k.reported;
    out.push(
      `  ${k.kind.padEnd(22)}${k.verdict.padEnd(15)}${String(k.files).padStart(6)}${pct(k.personalData.rate).padStart(8)}   ${r['personal-data']} / ${r['contains-pii']} / ${r.clean} / ${r.error}`,
    );
  }
  out.push('');

  out.push(`misses (labelled personal-data, reported otherwise): ${s.misses.length}`);
  for (const m of s.misses) {
    out.push(
      `  ${m.path}  [${m.kind}] reported ${m.reported}, ${m.records} of ${m.labelledRecords ?? '?'} records linked; found: ${countList(m.counts)}`,
    );
  }
  out.push('', `false alarms (reported personal-data, labelled otherwise): ${s.falseAlarms.length}`);
  for (const m of s.falseAlarms) {
    out.push(
      `  ${m.path}  [${m.kind}] labelled ${m.label}, ${m.records} linking records; found: ${countList(m.counts)}`,
    );
  }
  if (s.unlabelled.length > 0) out.push('', `reported but unlabelled: ${s.unlabelled.join(', ')}`);
  if (s.errors.length > 0) {
    out.push('', `scan errors: ${s.errors.length}`);
    for (const e of s.errors) out.push(`  ${e.path}: ${e.code} ${e.message}`);
  }
  out.push('');
  const wall = extra.wallMs === undefined ? '' : `, ${extra.wallMs} ms wall clock for the whole scan command`;
  out.push(`scan time: ${s.scanMs ?? '?'} ms (report durationMs)${wall}`);
  return `${out.join('\n')}\n`;
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, type Label, manifest, PLAN, POSITIVE_KINDS } from '../../bench/quality/lib/corpus.mjs';
import { DOB_FORMAT_NAMES, formatDate } from '../../bench/quality/lib/dates.mjs';
import { formatText, type Report, score } from '../../bench/quality/score.mjs';
import { sortCode, ukBankAccount } from '../../src/engine/detect/validators/bank-details.js';
import { modulusCheck } from '../../src/engine/detect/validators/bank-modulus.js';
import { drivingLicence } from '../../src/engine/detect/validators/driving-licence.js';
import { drivingLicenceMatches } from '../../src/engine/detect/validators/driving-licence-match.js';
import { emailAddress } from '../../src/engine/detect/validators/email-address.js';
import { iban } from '../../src/engine/detect/validators/iban.js';
import { luhn } from '../../src/engine/detect/validators/luhn.js';
import { nhsMod11 } from '../../src/engine/detect/validators/nhs-number.js';
import { nino } from '../../src/engine/detect/validators/nino.js';
import { ukPassport } from '../../src/engine/detect/validators/passport.js';
import { paymentCard } from '../../src/engine/detect/validators/payment-card.js';
import type { Validator } from '../../src/engine/detect/validators/types.js';
import { ukPhone } from '../../src/engine/detect/validators/uk-phone.js';
import { ukPostcode } from '../../src/engine/detect/validators/uk-postcode.js';
import { CATEGORIES } from '../../src/model/vocabulary.js';

// The detection-quality benchmark (bench/quality/): the generator must be deterministic and its labels
// complete; the identifiers it plants must pass residue's own validators; the scorer's arithmetic is checked
// on a hand-made labels/report pair.

const GENERATE = resolve(import.meta.dirname, '../../bench/quality/generate.mjs');

const corpus = buildCorpus({ seed: 1, scale: 1 });
const labels = corpus.files.map((f) => f.label);

describe('generator', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'residue-quality-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('gives the same corpus for the same seed and a different one for another seed', () => {
    const a = manifest(buildCorpus({ seed: 7, scale: 0.3 }));
    const b = manifest(buildCorpus({ seed: 7, scale: 0.3 }));
    const c = manifest(buildCorpus({ seed: 8, scale: 0.3 }));
    expect(b).toEqual(a);
    expect(c.sha256).not.toBe(a.sha256);
    expect(c.labelsSha256).not.toBe(a.labelsSha256);
  });

  it('writes exactly the labelled files, outside of which it writes only labels.json', () => {
    const out = join(tmp, 'run');
    const printed = JSON.parse(
      execFileSync(process.execPath, [GENERATE, '--out', out, '--seed', '3', '--scale', '0.2'], {
        encoding: 'utf8',
      }),
    );
    const root = join(out, 'corpus');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name)).split('\\').join('/')],
      );
    const written = walk(root).sort();
    const writtenLabels: Label[] = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8')).files;
    expect(writtenLabels.map((l) => l.path).sort()).toEqual(written);
    expect(readdirSync(out).sort()).toEqual(['corpus', 'labels.json']);
    expect(printed.files).toBe(written.length);

    // The printed hash is the hash of what is on disk (path, NUL, length, NUL, bytes, in path order).
    const h = createHash('sha256');
    for (const path of written) {
      const bytes = readFileSync(join(root, path));
      h.update(`${path}\0${bytes.length}\0`);
      h.update(bytes);
    }
    expect(h.digest('hex')).toBe(printed.sha256);
    expect(printed.sha256).toBe(manifest(buildCorpus({ seed: 3, scale: 0.2 })).sha256);

    // A second run over the same directory replaces the tree and gives the same bytes.
    const again = JSON.parse(
      execFileSync(process.execPath, [GENERATE, '--out', out, '--seed', '3', '--scale', '0.2'], {
        encoding: 'utf8',
      }),
    );
    expect(again.sha256).toBe(printed.sha256);
    expect(existsSync(join(root, 'labels.json'))).toBe(false);
  });

  it('labels every file with a plan kind, a verdict, known categories and whole counts', () => {
    const kinds = new Set(PLAN.map((p) => p.kind));
    const categories = new Set<string>(CATEGORIES);
    for (const l of labels) {
      expect(kinds.has(l.kind), l.path).toBe(true);
      expect(['personal-data', 'contains-pii', 'clean']).toContain(l.verdict);
      for (const [c, n] of Object.entries(l.entities)) {
        expect(categories.has(c), `${l.path}: ${c}`).toBe(true);
        expect(Number.isInteger(n) && n > 0).toBe(true);
      }
      if (l.verdict === 'personal-data') expect(l.records).toBeGreaterThanOrEqual(1);
      else expect(l.records).toBe(0);
      if (l.verdict === 'clean') expect(l.entities).toEqual({});
      if (l.verdict === 'contains-pii') expect(Object.keys(l.entities).length).toBeGreaterThan(0);
    }
    expect(new Set(labels.map((l) => l.kind))).toEqual(kinds);
  });

  it('covers every hard positive layout, even at a small scale', () => {
    const required = [
      'csv-comma',
      'csv-semicolon',
      'csv-pipe',
      'csv-quoted',
      'csv-no-header',
      'tsv',
      'json-array',
      'ndjson',
      'xml',
      'sql-mysql',
      'sql-pg-copy',
      'fixed-width',
      'csv-utf16le-bom',
      'csv-utf16le-nobom',
      'csv-windows-1252',
      'csv-tiny',
      'log-debug-kv',
      'log-debug-json',
      'chat-transcript',
      'letter',
      'care-notes',
    ];
    expect(POSITIVE_KINDS).toEqual(expect.arrayContaining(required));
    const small = new Set(buildCorpus({ seed: 2, scale: 0.05 }).files.map((f) => f.label.kind));
    for (const kind of PLAN.map((p) => p.kind)) expect(small.has(kind), kind).toBe(true);
    for (const l of labels.filter((x) => x.kind === 'csv-tiny')) expect(l.records).toBe(2);
  });

  it('holds roughly 45% personal-data, 40% clean and 15% contains-pii files', () => {
    const share = (v: string) => labels.filter((l) => l.verdict === v).length / labels.length;
    expect(labels.length).toBeGreaterThanOrEqual(300);
    expect(labels.length).toBeLessThanOrEqual(600);
    expect(share('personal-data')).toBeCloseTo(0.45, 1);
    expect(share('clean')).toBeCloseTo(0.4, 1);
    expect(share('contains-pii')).toBeCloseTo(0.15, 1);
  });

  it('writes the Windows encodings as bytes, not UTF-8', () => {
    const bytesOf = (kind: string) => corpus.files.filter((f) => f.label.kind === kind).map((f) => f.content);
    for (const b of bytesOf('csv-utf16le-bom')) expect([b[0], b[1]]).toEqual([0xff, 0xfe]);
    for (const b of bytesOf('csv-utf16le-nobom')) expect([b[1], b[3]]).toEqual([0, 0]);
    const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
    for (const b of bytesOf('csv-windows-1252')) expect(() => strictUtf8.decode(b)).toThrow();
  });

  it('writes dates of birth in the 15 formats', () => {
    const v = { y: 1961, m: 4, d: 3 };
    expect(DOB_FORMAT_NAMES.map((f) => formatDate(f, v))).toEqual([
      '03/04/1961',
      '3/4/1961',
      '03-04-1961',
      '03.04.1961',
      '1961-04-03',
      '1961/04/03',
      '19610403',
      '03/04/61',
      '3 April 1961',
      '3rd April 1961',
      '3 Apr 1961',
      'April 3, 1961',
      'Apr 3 1961',
      '03-Apr-1961',
      '1961-04-03T00:00:00',
    ]);
    const used = new Set(labels.map((l) => l.dobFormat).filter(Boolean));
    expect([...used].sort()).toEqual([...DOB_FORMAT_NAMES].sort());
  });
});

describe('planted identifiers pass residue validators', () => {
  const planted = (category: string): string[] => {
    const values = corpus.registry[category] ?? [];
    expect(values.length, category).toBeGreaterThan(100);
    return values;
  };
  const failing = (values: string[], v: Validator) => values.filter((x) => !v(x).ok);

  it('NHS numbers: mod-11 valid, in 400-499 or 600-799 million, some in the 999 test range', () => {
    const values = planted('nhs-number');
    expect(failing(values, nhsMod11)).toEqual([]);
    const heads = values.map((v) => Number(v.slice(0, 3)));
    expect(heads.filter((h) => !((h >= 400 && h <= 499) || (h >= 600 && h <= 799) || h === 999))).toEqual([]);
    expect(values.filter((v) => nhsMod11(v).testData).length).toBeGreaterThan(0);
  });

  it('cards pass Luhn and the issuer check; IBANs pass mod-97; NINOs obey the prefix rules', () => {
    expect(failing(planted('payment-card'), luhn)).toEqual([]);
    expect(failing(planted('payment-card'), paymentCard)).toEqual([]);
    expect(failing(planted('iban'), iban)).toEqual([]);
    expect(planted('iban').every((v) => v.startsWith('GB'))).toBe(true);
    expect(failing(planted('ni-number'), nino)).toEqual([]);
  });

  it('postcodes, drama phone numbers, emails, bank details, passports and licences are well formed', () => {
    expect(failing(planted('postcode'), ukPostcode)).toEqual([]);
    expect(planted('phone-number').filter((v) => ukPhone(v).testData !== true)).toEqual([]);
    expect(failing(planted('email-address'), emailAddress)).toEqual([]);
    expect(planted('email-address').filter((v) => !/@example\.(com|co\.uk|org)$/.test(v))).toEqual([]);
    expect(failing(planted('sort-code'), sortCode)).toEqual([]);
    expect(failing(planted('bank-account'), ukBankAccount)).toEqual([]);
    expect(failing(planted('passport-number'), ukPassport)).toEqual([]);
    expect(failing(planted('driving-licence'), drivingLicence)).toEqual([]);
  });

  it('sort code and account pairs pass the Vocalink modulus check; licences agree with their holders', () => {
    const pairs = planted('bank-pair').map((p) => p.split(' ') as [string, string]);
    expect(pairs.filter(([sc, acc]) => modulusCheck(sc, acc) !== 'valid')).toEqual([]);
    const holders = planted('licence-holder').map((h) => h.split('|'));
    const disagree = holders.filter(
      ([licence, surname, y, m, d, sex]) =>
        drivingLicenceMatches(licence as string, {
          surname: surname as string,
          dob: { year: Number(y), month: Number(m), day: Number(d) },
          female: sex === 'female',
        }) !== true,
    );
    expect(disagree).toEqual([]);
  });
});

describe('scorer: containers', () => {
  it('scores a mail by its parts together: highest verdict, summed records and counts', () => {
    const labels: Label[] = [
      {
        path: 'm.eml',
        verdict: 'personal-data',
        kind: 'support-email',
        records: 2,
        entities: { 'person-name': 2 },
      },
    ];
    const report: Report = {
      files: [
        { path: 'm.eml!/headers', verdict: 'contains-pii', records: 0, counts: { 'email-address': 1 } },
        { path: 'm.eml!/body.txt', verdict: 'personal-data', records: 2, counts: { 'person-name': 2 } },
      ],
      errors: [],
      summary: { durationMs: 1 },
    };
    const s = score(labels, report);
    expect(s.personalData).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.records).toMatchObject({ labelled: 2, reported: 2 });
    expect(s.unlabelled).toEqual([]);
  });
});

describe('scorer', () => {
  const handLabels: Label[] = [
    {
      path: 'a.csv',
      verdict: 'personal-data',
      kind: 'csv',
      records: 2,
      entities: { 'person-name': 4, 'date-of-birth': 2 },
      dobFormat: 'dd/mm/yyyy',
    },
    {
      path: 'b.txt',
      verdict: 'personal-data',
      kind: 'letter',
      records: 1,
      entities: { 'person-name': 1, postcode: 1 },
    },
    { path: 'c.log', verdict: 'contains-pii', kind: 'log', records: 0, entities: { 'email-address': 1 } },
    { path: 'd.csv', verdict: 'clean', kind: 'catalogue', records: 0, entities: {} },
    { path: 'e.csv', verdict: 'clean', kind: 'catalogue', records: 0, entities: {} },
    { path: 'f.txt', verdict: 'personal-data', kind: 'notes', records: 3, entities: { 'nhs-number': 3 } },
  ];
  const report: Report = {
    files: [
      {
        path: 'a.csv',
        verdict: 'personal-data',
        records: 2,
        counts: { 'person-name': 5, 'date-of-birth': 1 },
      },
      { path: 'b.txt', verdict: 'contains-pii', records: 0, counts: { 'person-name': 1 } },
      { path: 'c.log', verdict: 'contains-pii', records: 0, counts: { 'email-address': 1 } },
      { path: 'd.csv', verdict: 'personal-data', records: 2, counts: { postcode: 3 } },
      { path: 'z.txt', verdict: 'personal-data', records: 1, counts: { 'person-name': 2 } },
    ],
    errors: [{ path: 'f.txt', code: 'EACCES', message: 'permission denied' }],
    summary: { durationMs: 42 },
  };
  const s = score(handLabels, report);

  it('computes precision, recall and F1 of the personal-data verdict', () => {
    expect(s.personalData).toMatchObject({ tp: 1, fp: 1, fn: 2, tn: 2 });
    expect(s.personalData.precision).toBe(0.5);
    expect(s.personalData.recall).toBeCloseTo(1 / 3, 12);
    expect(s.personalData.f1).toBeCloseTo(0.4, 12);
  });

  it('fills the confusion matrix, an unread file counting as error', () => {
    expect(s.confusion).toEqual({
      'personal-data': { 'personal-data': 1, 'contains-pii': 1, clean: 0, error: 1 },
      'contains-pii': { 'personal-data': 0, 'contains-pii': 1, clean: 0, error: 0 },
      clean: { 'personal-data': 1, 'contains-pii': 0, clean: 1, error: 0 },
    });
  });

  it('caps entity counts per file and splits dates of birth by format', () => {
    expect(s.entities).toEqual({
      'date-of-birth': { hit: 1, total: 2, rate: 0.5 },
      'email-address': { hit: 1, total: 1, rate: 1 },
      'nhs-number': { hit: 0, total: 3, rate: 0 },
      'person-name': { hit: 5, total: 5, rate: 1 },
      postcode: { hit: 0, total: 1, rate: 0 },
    });
    expect(s.dobFormats).toEqual({ 'dd/mm/yyyy': { hit: 1, total: 2, rate: 0.5 } });
    expect(s.records).toEqual({ labelled: 6, reported: 2, exact: { hit: 1, total: 3, rate: 1 / 3 } });
  });

  it('scores each kind and lists misses, false alarms, unlabelled files and errors', () => {
    const kind = (k: string) => s.kinds.find((x) => x.kind === k);
    expect(kind('catalogue')).toMatchObject({
      files: 2,
      personalData: { hit: 1, total: 2, rate: 0.5 },
      exact: { hit: 1, total: 2, rate: 0.5 },
    });
    expect(kind('csv')?.personalData.rate).toBe(1);
    expect(kind('letter')?.personalData.rate).toBe(0);
    expect(s.misses.map((m) => [m.path, m.reported])).toEqual([
      ['b.txt', 'contains-pii'],
      ['f.txt', 'error'],
    ]);
    expect(s.falseAlarms.map((m) => [m.path, m.label, m.records])).toEqual([['d.csv', 'clean', 2]]);
    expect(s.unlabelled).toEqual(['z.txt']);
    expect(s.errors).toEqual([{ path: 'f.txt', code: 'EACCES', message: 'permission denied' }]);
    expect(s.scanMs).toBe(42);
  });

  it('prints the headline figures', () => {
    const text = formatText(s);
    expect(text).toContain('precision  50.0%   recall  33.3%   F1  40.0%');
    expect(text).toContain('TP 1  FP 1  FN 2  TN 2');
    expect(text).toContain('misses (labelled personal-data, reported otherwise): 2');
    expect(text).toContain('false alarms (reported personal-data, labelled otherwise): 1');
  });
});

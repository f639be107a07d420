import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { OwnerPrints } from '../../src/engine/classify/owner-pack.js';
import { bufferSource } from '../../src/engine/extract/byte-source.js';
import { type FileOutcome, scanSource } from '../../src/engine/scan-file.js';
import type { FileResult } from '../../src/model/finding.js';
import { builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';
import { buildPack, ownerPrints } from '../../src/workflow/pack.js';
import { parseColumns } from '../../src/workflow/pack-columns.js';
import { odf, odsTable, xlsx, zip } from '../engine/extract/formats/office-build.js';

// The engine hook behind `scan --fingerprints`: the owner's pack, built from one export, finds its records
// again in other files however they were re-written.

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const dir = mkdtempSync(join(tmpdir(), 'residue-match-'));

const OWNER_CSV = [
  'id,surname,forename,dob,postcode,notes',
  '1,Bennett,Graham,22/12/1957,BD23 4UP,ok',
  '2,Whitfield,Priya,03/04/1961,LS1 4AB,',
  '3,Okonkwo,Chidi,17/09/1980,M1 1AE,call back',
  '',
].join('\n');
/** The same people, re-exported by someone else: columns reordered, ISO dates, no postcode space, upper case. */
const REFORMATTED = [
  'POSTCODE,Date of Birth,Name,ref',
  'BD234UP,1957-12-22,GRAHAM BENNETT,A1',
  'LS14AB,1961-04-03,"WHITFIELD, PRIYA",A2',
  'M11AE,1980-09-17,CHIDI OKONKWO,A3',
  '',
].join('\n');
const STRANGERS = [
  'surname,dob,postcode',
  'Hartley,01/02/1970,YO1 7HH',
  'Fenwick,09/10/1966,NE1 4ST',
  '',
].join('\n');

const source = join(dir, 'owner.csv');
writeFileSync(source, OWNER_CSV);
const pack = await buildPack({
  sources: [source],
  columns: parseColumns('surname,dob,postcode'),
  key: 'd'.repeat(64),
});
const prints: OwnerPrints = ownerPrints(pack);
const options = {
  minConfidence: 0.5,
  showValues: false,
  maxFindings: 1000,
  timeBudgetMs: 60_000,
  fingerprintKey: 'e'.repeat(64),
  ownerPrints: prints,
};

const scan = (name: string, bytes: Uint8Array | string): Promise<FileOutcome> =>
  scanSource(name, bufferSource(typeof bytes === 'string' ? Buffer.from(bytes) : bytes), rules, options);

function byRule(r: FileResult | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of r?.findings ?? [])
    if (f.ruleId.startsWith('fingerprint.')) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

describe('scan with an owner fingerprint pack', () => {
  it('finds every owner record re-formatted into another CSV', async () => {
    const { results } = await scan('copy.csv', REFORMATTED);
    const r = results[0];
    expect(r?.verdict).toBe('personal-data');
    expect(byRule(r)['fingerprint.record']).toBe(3);
    const record = r?.findings.find((f) => f.ruleId === 'fingerprint.record');
    expect(record).toMatchObject({
      line: 2,
      confidence: 1,
      category: 'person-name',
      excerpt: expect.not.stringContaining('BENNETT'),
    });
    const values = r?.findings.filter((f) => f.ruleId === 'fingerprint.value') ?? [];
    expect(new Set(values.map((f) => f.category))).toEqual(
      new Set(['postcode', 'date-of-birth', 'person-name']),
    );
    expect(
      values.every((f) => f.confidence === 1 && f.reasons[0] === "matches the owner's fingerprint pack"),
    ).toBe(true);
    // Reported the same however many times the file is scanned: prints are keyed, not positional.
    const again = await scan('copy.csv', REFORMATTED);
    expect(again.results[0]?.findings.map((f) => f.fingerprint)).toEqual(
      r?.findings.map((f) => f.fingerprint),
    );
  });

  it('finds a copy of the handed-over file by its content, at line 1 column 1', async () => {
    const { results } = await scan('renamed.bak', OWNER_CSV);
    const file = results[0]?.findings.find((f) => f.ruleId === 'fingerprint.file');
    expect(file).toMatchObject({ line: 1, column: 1, confidence: 1 });
    expect(results[0]?.verdict).toBe('personal-data');
    expect(byRule(results[0])['fingerprint.record']).toBe(3);
  });

  it('finds the records inside a zip member and an xlsx sheet', async () => {
    const zipped = await scan('bundle.zip', zip({ 'exports/copy.csv': REFORMATTED }));
    expect(zipped.results.map((r) => [r.path, byRule(r)['fingerprint.record']])).toEqual([
      ['bundle.zip!/exports/copy.csv', 3],
    ]);
    const rows = REFORMATTED.trim()
      .split('\n')
      .map((l) => l.replace('"WHITFIELD, PRIYA"', 'PRIYA WHITFIELD').split(','));
    const book = await scan('book.xlsx', xlsx([{ name: 'Sheet1', rows }]));
    expect(book.results.map((r) => byRule(r)['fingerprint.record'] ?? 0).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("counts a sheet whose CSV text is the handed-over file as a copy of it, under the sheet's path", async () => {
    const rows = OWNER_CSV.trim()
      .split('\n')
      .map((l) => l.split(','));
    const book = await scan('pasted.xlsx', xlsx([{ name: 'Owner', rows }]));
    expect(book.results.map((r) => [r.path, byRule(r)['fingerprint.file'] ?? 0])).toEqual([
      ['pasted.xlsx!/Owner', 1],
    ]);
    // An .ods table is a sheet too.
    const ods = await scan('pasted.ods', odf('spreadsheet', odsTable('Owner', rows)));
    expect(ods.results.map((r) => [r.path, byRule(r)['fingerprint.file'] ?? 0])).toEqual([
      ['pasted.ods!/Owner', 1],
    ]);
  });

  it('reports one owner record alone as personal-data, and a lone owner surname as a value', async () => {
    const one = await scan('note.txt', 'Visited Mr Graham Bennett (born 22/12/1957) at BD23 4UP today.\n');
    expect(byRule(one.results[0])).toMatchObject({ 'fingerprint.record': 1 });
    expect(one.results[0]?.verdict).toBe('personal-data');
    const surname = await scan('memo.txt', 'Ask Priya Whitfield about the rota.\n');
    expect(byRule(surname.results[0])).toEqual({ 'fingerprint.value': 1 });
    expect(surname.results[0]?.verdict).not.toBe('clean');
  });

  it('lists a database copied whole under its own path, above its tables', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE customers (surname TEXT, dob TEXT, postcode TEXT)');
    db.run(
      "INSERT INTO customers VALUES ('Bennett', '22/12/1957', 'BD23 4UP'), ('Whitfield', '03/04/1961', 'LS1 4AB')",
    );
    const bytes = db.export();
    db.close();
    const path = join(dir, 'owner.sqlite');
    writeFileSync(path, bytes);
    const dbPack = await buildPack({
      sources: [path],
      columns: parseColumns('surname,dob,postcode'),
      key: 'f'.repeat(64),
    });
    const outcome = await scanSource('copy.db', bufferSource(bytes), rules, {
      ...options,
      ownerPrints: ownerPrints(dbPack),
    });
    const whole = outcome.results.find((r) => r.path === 'copy.db');
    expect(whole).toMatchObject({ verdict: 'personal-data', inspection: 'sqlite' });
    expect(whole?.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['fingerprint.file', 1, 1]]);
    expect(byRule(outcome.results.find((r) => r.path === 'copy.db!/customers'))['fingerprint.record']).toBe(
      2,
    );
  });

  it('finds nothing of the owner among other people', async () => {
    const { results } = await scan('others.csv', STRANGERS);
    expect(byRule(results[0])).toEqual({});
    expect(results[0]?.verdict).toBe('personal-data');
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDiff } from '../../src/workflow/diff.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import {
  CORRUPT_GZIP,
  DEMO,
  exportSurnames,
  keyFile,
  makeTree,
  OTHER_KEY,
  scanToFile,
  workDir,
} from '../helpers/workflow-trees.js';

// Before and after vendor maintenance: the customer export was renamed to archive/, copied twice more
// (once byte for byte, once re-exported as TSV), the debug log deleted, a letter added; the care file untouched.

const BEFORE_TREE = {
  'db/export.csv': DEMO.export,
  'keep/care.tsv': DEMO.care,
  'old/debug.log': DEMO.log,
  'src/app.js': DEMO.app,
  'catalogue/products.csv': DEMO.catalogue,
};

function tsvOf(path: string): { text: string } {
  return { text: readFileSync(path, 'utf8').replaceAll(',', '\t') };
}

let dir: string;
let key: string;
let beforeJson: string;
let afterJson: string;

beforeAll(async () => {
  dir = workDir('diff');
  key = keyFile(dir);
  makeTree(join(dir, 'before'), BEFORE_TREE);
  makeTree(join(dir, 'after'), {
    'archive/customers-2023.csv': DEMO.export,
    'tmp/x.csv': DEMO.export,
    'vendor/export-copy.csv': DEMO.export,
    'vendor/export.tsv': tsvOf(DEMO.export),
    'keep/care.tsv': DEMO.care,
    'letters/new-letter.txt': DEMO.letter,
    'src/app.js': DEMO.app,
    'catalogue/products.csv': DEMO.catalogue,
  });
  beforeJson = join(dir, 'before.json');
  afterJson = join(dir, 'after.json');
  expect((await scanToFile(join(dir, 'before'), key, beforeJson)).code).toBe(1);
  expect((await scanToFile(join(dir, 'after'), key, afterJson)).code).toBe(1);
});

async function diffJson(...args: string[]): Promise<{ code: number; diff: ReportDiff; stderr: string }> {
  const r = await runCli(['diff', ...args, '--format', 'json']);
  if (r.stdout === '') throw new Error(`no diff (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, diff: JSON.parse(r.stdout) as ReportDiff, stderr: r.stderr };
}

describe('residue diff: before and after maintenance', () => {
  it('classifies every path exactly and exits 1', async () => {
    const { code, diff, stderr } = await diffJson(beforeJson, afterJson);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(diff.files.map((f) => [f.status, f.path, f.from ?? null, f.match ?? null, f.appeared])).toEqual([
      ['new', 'letters/new-letter.txt', null, null, true],
      ['copy', 'tmp/x.csv', 'db/export.csv', 'content', true],
      ['copy', 'vendor/export-copy.csv', 'db/export.csv', 'content', true],
      ['copy', 'vendor/export.tsv', 'db/export.csv', 'findings', true],
      ['move', 'archive/customers-2023.csv', 'db/export.csv', 'content', true],
      ['gone', 'old/debug.log', null, null, false],
      ['unchanged', 'keep/care.tsv', null, null, false],
      ['unchanged', 'src/app.js', null, null, false],
    ]);
    expect(diff.summary).toEqual({
      new: 1,
      copy: 3,
      move: 1,
      changed: 0,
      unread: 0,
      gone: 1,
      unchanged: 2,
      appeared: true,
      complete: true,
    });
    expect(diff.diffVersion).toBe(1);
    expect(diff.keyId).toMatch(/^[0-9a-f]{32}$/);
    expect(diff.incomplete).toEqual({ before: [], after: [] });
  });

  it('gives each file its verdicts, records and findings added or removed by category', async () => {
    const { diff } = await diffJson(beforeJson, afterJson);
    const byPath = new Map(diff.files.map((f) => [f.path, f]));
    const moved = byPath.get('archive/customers-2023.csv');
    expect(moved?.before).toEqual(moved?.after);
    expect(moved?.after).toMatchObject({ verdict: 'personal-data', records: 40 });
    expect(moved?.added).toEqual({});
    expect(moved?.removed).toEqual({});
    expect(moved?.notes).toEqual(['db/export.csv now appears at 4 new paths']);

    const reexport = byPath.get('vendor/export.tsv');
    expect(reexport?.notes[0]).toBe(
      'same findings as the original, different bytes (re-exported, re-encoded or edited)',
    );
    expect(reexport?.after?.records).toBe(40);

    const letter = byPath.get('letters/new-letter.txt');
    expect(letter?.before).toBeNull();
    expect(letter?.after).toMatchObject({ verdict: 'personal-data', records: 1 });
    expect(letter?.added['date-of-birth']).toBe(1);
    expect(letter?.removed).toEqual({});

    const gone = byPath.get('old/debug.log');
    expect(gone?.before).toMatchObject({ verdict: 'personal-data', records: 6 });
    expect(gone?.after).toBeNull();
    expect(gone?.removed['date-of-birth']).toBe(6);

    const app = byPath.get('src/app.js');
    expect(app?.before).toEqual({ verdict: 'contains-pii', records: 0, counts: app?.after?.counts });
  });

  it('prints sections for people, with paths and counts but no values', async () => {
    const r = await runCli(['diff', beforeJson, afterJson]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('NEW: personal data at a path that had none (1)');
    expect(lines).toContain('COPIED: the same data now also at another path (3)');
    expect(lines).toContain(
      '  > archive/customers-2023.csv  moved from db/export.csv (same content); personal-data, 40 records',
    );
    expect(lines).toContain(
      '  + vendor/export.tsv  copy of db/export.csv (same findings); personal-data, 40 records',
    );
    expect(lines).toContain('  - old/debug.log  was personal-data, 6 records');
    expect(lines).toContain('  = keep/care.tsv  personal-data, 25 records');
    expect(lines.at(-2)).toBe('personal data appeared: 1 new, 3 copied, 1 moved, 1 gone, 2 unchanged');
    expect(exportSurnames()).toHaveLength(40);
    for (const surname of exportSurnames()) expect(r.stdout).not.toMatch(new RegExp(`\\b${surname}\\b`));
    expect(r.stdout).not.toContain('*');
  });

  it('writes the diff to --output with mode 0600', async () => {
    const out = join(dir, 'diff.json');
    const r = await runCli(['diff', beforeJson, afterJson, '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as ReportDiff).summary.move).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('exits 0 with everything unchanged when the trees are identical', async () => {
    const again = join(dir, 'before-again.json');
    await scanToFile(join(dir, 'before'), key, again);
    const { code, diff } = await diffJson(beforeJson, again);
    expect(code).toBe(0);
    expect(diff.files.map((f) => [f.status, f.path])).toEqual([
      ['unchanged', 'db/export.csv'],
      ['unchanged', 'keep/care.tsv'],
      ['unchanged', 'old/debug.log'],
      ['unchanged', 'src/app.js'],
    ]);
    expect(diff.summary.appeared).toBe(false);
    const text = await runCli(['diff', beforeJson, again]);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('no personal data appeared: 4 unchanged');
    expect(text.stdout).toContain(`before  ${beforeJson}: ${join(dir, 'before')} scanned `);
    expect(text.stdout).not.toContain('different roots');
    // These two scans are of different folders: said, since paths are compared relative to each root.
    const other = await runCli(['diff', beforeJson, afterJson]);
    expect(other.stdout.split('\n')).toContain(
      'warning: the two scans have different roots; paths are compared as they stand',
    );
  });

  it('exits 0 when personal data only went away', async () => {
    const cleaned = join(dir, 'cleaned');
    makeTree(cleaned, { 'keep/care.tsv': DEMO.care });
    const cleanedJson = join(dir, 'cleaned.json');
    await scanToFile(cleaned, key, cleanedJson);
    const gone = await diffJson(beforeJson, cleanedJson);
    expect(gone.code).toBe(0);
    expect(gone.diff.files.map((f) => [f.status, f.path])).toEqual([
      ['gone', 'db/export.csv'],
      ['gone', 'old/debug.log'],
      ['gone', 'src/app.js'],
      ['unchanged', 'keep/care.tsv'],
    ]);
  });

  it('reports a changed file with more records as personal data appearing', async () => {
    const grown = join(dir, 'grown');
    const rows = readFileSync(join(dir, 'before/db/export.csv'), 'utf8').trim().split('\n');
    makeTree(grown, { ...BEFORE_TREE, 'db/export.csv': { text: `${rows.slice(0, 21).join('\n')}\n` } });
    const fewer = join(dir, 'fewer.json');
    await scanToFile(grown, key, fewer);
    const shrank = await diffJson(beforeJson, fewer);
    expect(shrank.code).toBe(0);
    const entry = shrank.diff.files.find((f) => f.path === 'db/export.csv');
    expect(entry).toMatchObject({ status: 'changed', appeared: false, added: {} });
    expect([entry?.before?.records, entry?.after?.records]).toEqual([40, 20]);
    expect(entry?.removed['date-of-birth']).toBe(20);

    const grew = await diffJson(fewer, beforeJson);
    expect(grew.code).toBe(1);
    const back = grew.diff.files.find((f) => f.path === 'db/export.csv');
    expect(back).toMatchObject({ status: 'changed', appeared: true, removed: {} });
    expect(back?.added['date-of-birth']).toBe(20);
    const text = await runCli(['diff', fewer, beforeJson]);
    expect(text.stdout).toContain('  ~ db/export.csv  personal-data, records 20 → 40\n');
  });

  it('says so when either scan could not read every file', async () => {
    const broken = join(dir, 'broken');
    makeTree(broken, { ...BEFORE_TREE, 'keep/care.tsv': CORRUPT_GZIP });
    const brokenJson = join(dir, 'broken.json');
    await scanToFile(broken, key, brokenJson);
    const { code, diff } = await diffJson(beforeJson, brokenJson);
    expect(code).toBe(0);
    expect(diff.files.find((f) => f.path === 'keep/care.tsv')).toMatchObject({
      status: 'unread',
      appeared: false,
      notes: ['not fully read in AFTER: cannot say whether it is gone'],
    });
    expect(diff.incomplete.before).toEqual([]);
    expect(diff.incomplete.after.map((e) => [e.path, e.code])).toEqual([['keep/care.tsv', 'CORRUPT']]);
    expect(diff.summary.complete).toBe(false);
    expect(diff.after.complete).toBe(false);

    const text = await runCli(['diff', beforeJson, brokenJson]);
    expect(text.stdout).toContain(
      'INCOMPLETE: 1 file not fully read in AFTER; the diff cannot speak for it\n  ! keep/care.tsv  not fully inspected: corrupt or truncated',
    );
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      'no personal data appeared: 1 not fully read, 3 unchanged; scans incomplete',
    );
    expect((await runCli(['diff', beforeJson, brokenJson, '--fail-on-incomplete'])).code).toBe(3);
    // The other way round the file is new, and the note says BEFORE could not read it.
    const reverse = await diffJson(brokenJson, beforeJson);
    expect(reverse.code).toBe(1);
    expect(reverse.diff.files.find((f) => f.path === 'keep/care.tsv')?.notes).toEqual([
      'not fully read in BEFORE: it may have been there already',
    ]);
  });
});

describe('residue diff: refusals (exit 2, one line)', () => {
  it('refuses reports made with different keys', async () => {
    const otherKey = keyFile(dir, OTHER_KEY, 'other.key');
    const other = join(dir, 'other-key.json');
    await scanToFile(join(dir, 'before'), otherKey, other);
    const before = JSON.parse(readFileSync(beforeJson, 'utf8')) as { fingerprints: { keyId: string } };
    const after = JSON.parse(readFileSync(other, 'utf8')) as { fingerprints: { keyId: string } };
    const r = await runCli(['diff', beforeJson, other]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `residue: ${beforeJson} and ${other} were made with different fingerprint keys (keyId ${before.fingerprints.keyId} vs ${after.fingerprints.keyId}): their fingerprints cannot be compared; scan both with the same --key-file\n`,
    );
  });

  it('refuses a report without a key id, of another schema version, or not JSON', async () => {
    const report = JSON.parse(readFileSync(beforeJson, 'utf8')) as Record<string, unknown>;
    const noKey = join(dir, 'no-key.json');
    writeFileSync(noKey, JSON.stringify({ ...report, fingerprints: undefined }));
    const v2 = join(dir, 'v2.json');
    writeFileSync(v2, JSON.stringify({ ...report, schemaVersion: 2 }));
    const text = join(dir, 'not.json');
    writeFileSync(text, 'not json');
    const cases: [string[], string][] = [
      [
        [noKey, afterJson],
        `residue: report ${noKey} has no fingerprints.keyId, so its files and findings cannot be matched (scan again with this version of residue)\n`,
      ],
      [
        [beforeJson, v2],
        `residue: cannot use report ${v2}: schemaVersion is 2, expected 1 (expected a JSON report from "residue scan --format json")\n`,
      ],
      [
        [text, afterJson],
        `residue: cannot use report ${text}: not valid JSON (expected a JSON report from "residue scan --format json")\n`,
      ],
      [
        [join(dir, 'missing.json'), afterJson],
        `residue: cannot use report ${join(dir, 'missing.json')}: cannot read (ENOENT) (expected a JSON report from "residue scan --format json")\n`,
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = await runCli(['diff', ...args]);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr });
    }
  });

  it('is a usage error without two reports or with an unknown format', async () => {
    const one = await runCli(['diff', beforeJson]);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe("residue: missing required argument 'after' (see --help)\n");
    const format = await runCli(['diff', beforeJson, afterJson, '--format', 'sarif']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^residue: option '--format <format>' argument 'sarif' is invalid/);
  });

  it('runs from the real bin with the documented exit code', () => {
    const r = spawnCli(['diff', beforeJson, afterJson, '--format', 'json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ReportDiff).summary.copy).toBe(3);
  });
});

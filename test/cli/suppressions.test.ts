import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { DEMO, keyFile, makeTree, OTHER_KEY, scanToFile, workDir } from '../helpers/workflow-trees.js';
import { schemaErrors } from '../report/report-schema.js';

const TREE = {
  'db/export.csv': DEMO.export,
  'keep/care.tsv': DEMO.care,
  'src/app.js': DEMO.app,
  'letters/letter.txt': DEMO.letter,
};
const FOREVER = '2999-12-31';
const ABSENT = 'ab'.repeat(16);

let dir: string;
let key: string;
let tree: string;
let plain: Report;

beforeAll(async () => {
  dir = workDir('suppress');
  key = keyFile(dir);
  tree = makeTree(join(dir, 'tree'), TREE);
  plain = (await scanToFile(tree, key, join(dir, 'plain.json'))).report;
});

function file(report: Report, path: string): FileResult {
  const f = [...report.files].find((x) => x.path === path);
  if (!f) throw new Error(`${path} not in report`);
  return f;
}

/** Distinct finding fingerprints of one category in a file of the unsuppressed scan. */
function prints(path: string, category: string): string[] {
  return [
    ...new Set(
      file(plain, path).findings.flatMap((f) => (f.category === category ? [f.fingerprint as string] : [])),
    ),
  ];
}

interface Entry {
  fingerprint: string;
  path?: string;
  reason?: string;
  owner?: string;
  expires?: string;
}

function suppressionsFile(name: string, entries: Entry[]): string {
  const path = join(dir, name);
  const yaml = entries
    .map((e) =>
      [
        `  - fingerprint: ${e.fingerprint}`,
        ...(e.path ? [`    path: "${e.path}"`] : []),
        `    reason: ${e.reason ?? 'synthetic test data'}`,
        `    owner: ${e.owner ?? 'ops-team'}`,
        `    expires: ${e.expires ?? FOREVER}`,
      ].join('\n'),
    )
    .join('\n');
  writeFileSync(path, `suppressions:\n${yaml}\n`);
  return path;
}

async function scanWith(
  target: string,
  ...args: string[]
): Promise<{ code: number; report: Report; stderr: string }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  return scanToFile(target, key, out, args);
}

describe('residue scan --suppressions', () => {
  it('leaves out a whole file by content and single findings by value, and recounts verdicts', async () => {
    const care = file(plain, 'keep/care.tsv').fingerprint as string;
    const email = prints('src/app.js', 'email-address');
    const names = prints('letters/letter.txt', 'person-name');
    const dob = prints('letters/letter.txt', 'date-of-birth');
    expect([email.length, names.length, dob.length]).toEqual([1, 2, 1]);
    const s = suppressionsFile('active.yaml', [
      { fingerprint: care, reason: 'synthetic care fixture', owner: 'care-team' },
      { fingerprint: email[0] as string, path: 'src/**', reason: 'maintainer address' },
      ...[...names, ...dob].map((fingerprint) => ({
        fingerprint,
        path: 'letters/*.txt',
        reason: 'sample letter',
      })),
    ]);
    const { code, report, stderr } = await scanWith(tree, '--suppressions', s);
    expect(code).toBe(1);
    expect(schemaErrors(report)).toEqual([]);
    expect([...report.files].map((f) => [f.path, f.verdict, f.records, f.counts])).toEqual([
      ['db/export.csv', 'personal-data', 40, file(plain, 'db/export.csv').counts],
      ['letters/letter.txt', 'contains-pii', 0, { 'postal-address': 1, postcode: 1, 'policy-number': 1 }],
    ]);
    expect(file(report, 'letters/letter.txt').findings.map((f) => f.category)).toEqual([
      'postal-address',
      'postcode',
      'policy-number',
    ]);
    const exportFindings = Object.values(file(plain, 'db/export.csv').counts).reduce((a, b) => a + b, 0);
    expect(report.summary).toMatchObject({
      filesScanned: 4,
      verdicts: { clean: 2, 'contains-pii': 1, 'personal-data': 1 },
      records: 40,
      findings: exportFindings + 3,
    });
    expect(report.suppressed).toEqual([
      {
        path: 'keep/care.tsv',
        kind: 'file',
        fingerprint: care,
        findings: 150,
        reason: 'synthetic care fixture',
        owner: 'care-team',
        expires: FOREVER,
        source: 'suppressions',
      },
      {
        path: 'letters/letter.txt',
        kind: 'finding',
        fingerprint: names[0],
        category: 'person-name',
        findings: 1,
        reason: 'sample letter',
        owner: 'ops-team',
        expires: FOREVER,
        source: 'suppressions',
      },
      {
        path: 'letters/letter.txt',
        kind: 'finding',
        fingerprint: dob[0],
        category: 'date-of-birth',
        findings: 1,
        reason: 'sample letter',
        owner: 'ops-team',
        expires: FOREVER,
        source: 'suppressions',
      },
      {
        path: 'letters/letter.txt',
        kind: 'finding',
        fingerprint: names[1],
        category: 'person-name',
        findings: 1,
        reason: 'sample letter',
        owner: 'ops-team',
        expires: FOREVER,
        source: 'suppressions',
      },
      {
        path: 'src/app.js',
        kind: 'finding',
        fingerprint: email[0],
        category: 'email-address',
        findings: 1,
        reason: 'maintainer address',
        owner: 'ops-team',
        expires: FOREVER,
        source: 'suppressions',
      },
    ]);
    expect(report.suppressions).toEqual({ file: s, active: 5, expired: [], unused: [] });
    expect(stderr).toBe(
      'residue: suppressed 154 findings in 3 files (1 whole by content); the JSON report lists them under "suppressed"\n',
    );
  });

  it('lists expired entries (which suppress nothing) and unused ones; --strict-suppressions makes them exit 1', async () => {
    const care = file(plain, 'keep/care.tsv').fingerprint as string;
    const exported = file(plain, 'db/export.csv').fingerprint as string;
    const s = suppressionsFile('stale.yaml', [
      { fingerprint: exported, reason: 'was to be deleted', owner: 'vendor', expires: '2000-01-01' },
      { fingerprint: care, path: 'elsewhere/**', reason: 'wrong folder' },
      { fingerprint: ABSENT, reason: 'nothing like it' },
    ]);
    const { code, report, stderr } = await scanWith(tree, '--suppressions', s, '--fail-on', 'never');
    expect(code).toBe(0);
    expect([...report.files].map((f) => f.path)).toEqual(Object.keys(TREE).sort());
    expect(report.suppressed).toEqual([]);
    expect(report.suppressions).toEqual({
      file: s,
      active: 2,
      expired: [
        {
          fingerprint: exported,
          reason: 'was to be deleted',
          owner: 'vendor',
          expires: '2000-01-01',
          line: 2,
        },
      ],
      unused: [
        {
          fingerprint: care,
          path: 'elsewhere/**',
          reason: 'wrong folder',
          owner: 'ops-team',
          expires: FOREVER,
          line: 6,
        },
        { fingerprint: ABSENT, reason: 'nothing like it', owner: 'ops-team', expires: FOREVER, line: 11 },
      ],
    });
    expect(stderr.split('\n')).toEqual([
      'residue: suppressed 0 findings in 0 files; the JSON report lists them under "suppressed"',
      `residue: warning: ${s}:2: suppression of ${exported} (owner vendor) expired on 2000-01-01 and no longer suppresses anything`,
      `residue: warning: ${s}:6: suppression of ${care} (owner ops-team) matched nothing in this scan`,
      `residue: warning: ${s}:11: suppression of ${ABSENT} (owner ops-team) matched nothing in this scan`,
      '',
    ]);
    const strict = await scanWith(tree, '--suppressions', s, '--fail-on', 'never', '--strict-suppressions');
    expect(strict.code).toBe(1);
  });

  it('exits 0 when everything is suppressed and, under --strict-suppressions, only when every entry is used and current', async () => {
    const small = makeTree(join(dir, 'small'), { 'keep/care.tsv': DEMO.care });
    const care = file(plain, 'keep/care.tsv').fingerprint as string;
    const used = suppressionsFile('used.yaml', [{ fingerprint: care }]);
    const r1 = await scanWith(small, '--suppressions', used, '--strict-suppressions');
    expect([r1.code, r1.report.files.length, r1.report.summary.verdicts.clean]).toEqual([0, 0, 1]);

    const unused = suppressionsFile('unused.yaml', [{ fingerprint: care }, { fingerprint: ABSENT }]);
    expect((await scanWith(small, '--suppressions', unused)).code).toBe(0);
    expect((await scanWith(small, '--suppressions', unused, '--strict-suppressions')).code).toBe(1);

    const expired = suppressionsFile('expired.yaml', [
      { fingerprint: care },
      { fingerprint: ABSENT, expires: '2001-02-03' },
    ]);
    expect((await scanWith(small, '--suppressions', expired)).code).toBe(0);
    expect((await scanWith(small, '--suppressions', expired, '--strict-suppressions')).code).toBe(1);

    const lapsed = suppressionsFile('lapsed.yaml', [{ fingerprint: care, expires: '2001-02-03' }]);
    const r2 = await scanWith(small, '--suppressions', lapsed);
    expect([r2.code, [...r2.report.files].map((f) => f.path)]).toEqual([1, ['keep/care.tsv']]);
  });
});

describe('residue scan --suppressions: a bad file is exit 2 with file:line:column', () => {
  const fp = 'cd'.repeat(16);
  const cases: [string, string, string][] = [
    [
      'syntax',
      'suppressions:\n  - fingerprint: [unclosed\n',
      '3:1: invalid suppressions file: invalid YAML (BAD_INDENT)',
    ],
    [
      'missing reason',
      `suppressions:\n  - fingerprint: ${fp}\n    owner: ops\n    expires: 2030-01-01\n`,
      '2:5: invalid suppressions file: missing required key "reason"',
    ],
    [
      'impossible date',
      `suppressions:\n  - fingerprint: ${fp}\n    reason: r\n    owner: o\n    expires: 2030-02-30\n`,
      '5:14: invalid suppressions file: "expires" must be a date written YYYY-MM-DD',
    ],
    [
      'unknown key',
      `suppressions:\n  - fingerprint: ${fp}\n    reason: r\n    owner: o\n    expires: 2030-01-01\n    reviewer: x\n`,
      '6:5: invalid suppressions file: unknown key "reviewer" (expected fingerprint, path, reason, owner, expires)',
    ],
    [
      'short fingerprint',
      'suppressions:\n  - fingerprint: abc123\n    reason: r\n    owner: o\n    expires: 2030-01-01\n',
      '2:18: invalid suppressions file: "fingerprint" must be 32 hex digits, as in a JSON report',
    ],
    [
      'empty reason',
      `suppressions:\n  - fingerprint: ${fp}\n    reason: ""\n    owner: o\n    expires: 2030-01-01\n`,
      '3:13: invalid suppressions file: "reason" must be a non-empty string',
    ],
    [
      'a bare list',
      `- fingerprint: ${fp}\n`,
      '1:1: invalid suppressions file: expected a mapping with a "suppressions" list',
    ],
  ];

  it.each(cases)('%s', async (name, yaml, message) => {
    const path = join(dir, `bad-${name.replace(/ /g, '-')}.yaml`);
    writeFileSync(path, yaml);
    const r = await runCli(['scan', tree, '--key-file', key, '--threads', '0', '--suppressions', path]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `residue: ${path}:${message}\n`,
    });
  });

  it('a missing file', async () => {
    const path = join(dir, 'nope.yaml');
    const r = await runCli(['scan', tree, '--key-file', key, '--threads', '0', '--suppressions', path]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `residue: ${path}: invalid suppressions file: cannot read (ENOENT)\n`,
    ]);
  });
});

describe('residue scan --baseline', () => {
  it('suppresses everything an earlier report of the same tree knew: no findings, exit 0', async () => {
    const base = join(dir, 'plain.json');
    const { code, report, stderr } = await scanWith(tree, '--baseline', base);
    expect(code).toBe(0);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.files).toEqual([]);
    expect(report.summary).toMatchObject({
      filesScanned: 4,
      verdicts: { clean: 4, 'contains-pii': 0, 'personal-data': 0 },
    });
    expect(report.suppressed?.map((s) => [s.path, s.kind, s.source, s.reason])).toEqual(
      Object.keys(TREE)
        .sort()
        .map((p) => [p, 'file', 'baseline', `in baseline report ${base}`]),
    );
    expect(report.suppressions).toEqual({ baseline: base, active: 0, expired: [], unused: [] });
    expect(stderr).toBe(
      'residue: suppressed 434 findings in 4 files (4 whole by content); the JSON report lists them under "suppressed"\n',
    );
  });

  it('reports only what is new: a new file, not a known file cut down', async () => {
    const rows = readFileSync(join(tree, 'db/export.csv'), 'utf8').trim().split('\n');
    const grown = makeTree(join(dir, 'grown'), {
      ...TREE,
      'db/export.csv': { text: `${rows.slice(0, 21).join('\n')}\n` },
      'tmp/debug.log': DEMO.log,
    });
    const { code, report } = await scanWith(grown, '--baseline', join(dir, 'plain.json'));
    expect(code).toBe(1);
    expect([...report.files].map((f) => [f.path, f.verdict, f.records])).toEqual([
      ['tmp/debug.log', 'personal-data', 6],
    ]);
    // The cut-down export has new bytes, but every value in it is known: each finding is suppressed.
    const unsuppressed = await scanWith(grown);
    const cut = report.suppressed?.filter((s) => s.path === 'db/export.csv') ?? [];
    expect(cut.every((s) => s.kind === 'finding' && s.source === 'baseline')).toBe(true);
    const cutCounts = Object.values(file(unsuppressed.report, 'db/export.csv').counts);
    expect(cut.reduce((n, s) => n + s.findings, 0)).toBe(cutCounts.reduce((a, b) => a + b, 0));
    expect(report.suppressed?.filter((s) => s.kind === 'file').map((s) => s.path)).toEqual([
      'keep/care.tsv',
      'letters/letter.txt',
      'src/app.js',
    ]);
  });

  it('refuses a baseline made with another key, or one that is not a report (exit 2)', async () => {
    const other = join(dir, 'other.json');
    await scanToFile(tree, keyFile(dir, OTHER_KEY, 'other.key'), other);
    const r = await runCli(['scan', tree, '--key-file', key, '--threads', '0', '--baseline', other]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^residue: baseline ${other} and this scan were made with different fingerprint keys \\(keyId [0-9a-f]{32} vs ${plain.fingerprints?.keyId}\\): their fingerprints cannot be compared; scan both with the same --key-file\\n$`,
      ),
    );
    const missing = await runCli([
      'scan',
      tree,
      '--key-file',
      key,
      '--threads',
      '0',
      '--baseline',
      join(dir, 'x.json'),
    ]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `residue: cannot use report ${join(dir, 'x.json')}: cannot read (ENOENT) (expected a JSON report from "residue scan --format json")\n`,
    ]);
  });
});

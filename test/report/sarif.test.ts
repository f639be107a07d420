import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { DEFAULT_RENDER_OPTIONS, renderPieces } from '../../src/report/reporter.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA_URI, sarifLog, sarifReporter } from '../../src/report/sarif.js';
import { RAW_VALUES, rawValuesIn, scanDemo } from './demo-scan.js';
import { cleanReport, sampleReport } from './report-fixture.js';
import { SARIF_SCHEMA, sarifSchemaErrors } from './sarif-schema.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, read by path in assertions
type Json = Record<string, any>;

function render(report: Report): Json {
  return JSON.parse(sarifReporter.render(report, DEFAULT_RENDER_OPTIONS)) as Json;
}

/** A member of an archive, a file whose name needs percent-encoding, fingerprints, and two errors. */
function richReport(): Report<FileResult[]> {
  const report = sampleReport();
  const member: FileResult = {
    path: 'backups/2024.zip!/export/people.csv',
    size: 900,
    verdict: 'personal-data',
    records: 2,
    inspection: 'text',
    encoding: 'utf-8',
    counts: { 'ni-number': 1 },
    fingerprint: 'f'.repeat(32),
    findings: [
      {
        category: 'ni-number',
        ruleId: 'uk.ni-number',
        severity: 'critical',
        line: 7,
        column: 3,
        confidence: 0.9,
        excerpt: 'QQ ** ** ** C',
        reasons: ['pattern'],
        fingerprint: 'a'.repeat(32),
      },
    ],
  };
  const odd: FileResult = {
    ...(report.files[1] as FileResult),
    path: 'odd/a b#1?%25 é:x.csv',
    findings: [{ ...((report.files[1] as FileResult).findings[0] as FileResult['findings'][number]) }],
  };
  return {
    ...report,
    files: [...report.files, member, odd],
    errors: [
      { path: 'locked/db.sqlite', code: 'EACCES', message: 'permission denied' },
      {
        path: 'backups/2024.zip!/secret.zip',
        code: 'ENCRYPTED',
        message: 'not inspected: encrypted (zip)',
      },
    ],
  };
}

function run(log: Json): Json {
  return (log.runs as Json[])[0] as Json;
}

describe('sarif reporter', () => {
  it('is valid against the official SARIF 2.1.0 schema (OASIS, errata 01)', () => {
    expect(SARIF_SCHEMA.id).toBe(SARIF_SCHEMA_URI);
    for (const report of [sampleReport(), richReport(), cleanReport()]) {
      const log = render(report);
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.$schema).toBe(SARIF_SCHEMA_URI);
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
    }
  });

  it('the schema check catches what GitHub would reject', () => {
    const log = render(sampleReport());
    const result = (run(log).results as Json[])[0] as Json;
    result.level = 'fatal';
    delete result.message;
    (run(log).invocations as Json[])[0] = {};
    const errors = sarifSchemaErrors(log);
    expect(errors.some((e) => e.includes('/results/0/level'))).toBe(true);
    expect(errors.some((e) => e.includes('message'))).toBe(true);
    expect(errors.some((e) => e.includes('executionSuccessful'))).toBe(true);
  });

  it('describes the tool and one rule per rule id seen, with severity mapped for code scanning', () => {
    const driver = run(render(richReport())).tool.driver as Json;
    expect(driver.name).toBe('residue');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const rules = driver.rules as Json[];
    expect(rules.map((r) => r.id)).toEqual([
      'uk.date-of-birth',
      'uk.email-address',
      'uk.nhs-number',
      'uk.ni-number',
      'uk.person-name',
      'uk.postcode',
    ]);
    const nhs = rules.find((r) => r.id === 'uk.nhs-number') as Json;
    expect(nhs.name).toBe('UkNhsNumber');
    expect(nhs.shortDescription.text).toBe('NHS number found');
    expect(nhs.fullDescription.text).toMatch(/NHS number/);
    expect(nhs.help.text).toMatch(/suppressions file/);
    expect(nhs.properties.tags).toEqual(['security', 'personal-data', 'nhs-number']);
    expect(nhs.properties['security-severity']).toBe('8.0');
    expect(nhs.defaultConfiguration.level).toBe('error');
    const ni = rules.find((r) => r.id === 'uk.ni-number') as Json;
    expect(ni.properties['security-severity']).toBe('9.5');
    const name = rules.find((r) => r.id === 'uk.person-name') as Json;
    expect(name.properties['security-severity']).toBe('5.5');
    expect(name.defaultConfiguration.level).toBe('warning');
  });

  it('gives one result per finding: rule, level, message with category, masked excerpt and confidence', () => {
    const report = richReport();
    const r = run(render(report));
    const findings = report.files.flatMap((f) => f.findings);
    const results = r.results as Json[];
    expect(results).toHaveLength(findings.length);
    const rules = (r.tool.driver.rules as Json[]).map((x) => x.id);
    for (const [i, res] of results.entries()) {
      expect(rules[res.ruleIndex]).toBe(res.ruleId);
      expect(res.ruleId).toBe(findings[i]?.ruleId);
    }
    const nhs = results.find((x) => x.ruleId === 'uk.nhs-number') as Json;
    expect(nhs.level).toBe('error');
    expect(nhs.message.text).toBe('nhs-number: 999 *** **19 (confidence 0.95, file verdict contains-pii)');
    expect(nhs.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.js' },
      region: { startLine: 12, startColumn: 5 },
    });
    expect(nhs.properties).toMatchObject({ category: 'nhs-number', confidence: 0.95, testData: true });
    expect(nhs.partialFingerprints).toBeUndefined();
  });

  it('uses the keyed finding fingerprint as a partial fingerprint when there is one', () => {
    const results = run(render(richReport())).results as Json[];
    const ni = results.find((x) => x.ruleId === 'uk.ni-number') as Json;
    expect(FINGERPRINT_KEY).toBe('residueFingerprint/v1');
    expect(ni.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'a'.repeat(32) });
  });

  it('locates a finding in an archive member on the file on disk, naming the member and its line', () => {
    const results = run(render(richReport())).results as Json[];
    const ni = results.find((x) => x.ruleId === 'uk.ni-number') as Json;
    expect(ni.level).toBe('error');
    expect(ni.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'backups/2024.zip' },
      region: { startLine: 1 },
    });
    expect(ni.locations[0].message.text).toBe(
      'archive member or document part export/people.csv, line 7, column 3',
    );
    expect(ni.message.text).toContain('in export/people.csv (line 7, column 3)');
    expect(ni.properties).toMatchObject({ path: 'backups/2024.zip!/export/people.csv', line: 7, column: 3 });
  });

  it('percent-encodes paths into URI references', () => {
    const results = run(render(richReport())).results as Json[];
    const uris = results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri as string);
    expect(uris).toContain('odd/a%20b%231%3F%2525%20%C3%A9%3Ax.csv');
    expect(decodeURIComponent('odd/a%20b%231%3F%2525%20%C3%A9%3Ax.csv')).toBe('odd/a b#1?%25 é:x.csv');
  });

  it('lists every file not fully inspected as a notification of a successful invocation', () => {
    const invocation = (run(render(richReport())).invocations as Json[])[0] as Json;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.startTimeUtc).toBe('2024-05-01T09:00:00.000Z');
    const notes = invocation.toolExecutionNotifications as Json[];
    expect(notes).toHaveLength(2);
    expect(notes[0]).toEqual({
      level: 'error',
      message: { text: 'not fully inspected: locked/db.sqlite: permission denied' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'locked/db.sqlite' } } }],
      properties: { path: 'locked/db.sqlite', code: 'EACCES' },
    });
    expect(notes[1]?.level).toBe('warning');
    expect(notes[1]?.locations[0].physicalLocation.artifactLocation.uri).toBe('backups/2024.zip');
    expect(notes[1]?.message.text).toContain('backups/2024.zip!/secret.zip');
  });

  it('carries the summary and never a value field', () => {
    const report = richReport();
    const withValue = {
      ...report,
      files: report.files.map((f) => ({
        ...f,
        findings: f.findings.map((x) => ({ ...x, value: 'RAW-VALUE' })),
      })),
    };
    const out = sarifReporter.render(withValue, DEFAULT_RENDER_OPTIONS);
    expect(out).not.toContain('RAW-VALUE');
    const props = run(JSON.parse(out) as Json).properties as Json;
    expect(props.summary).toMatchObject({ filesScanned: 57, notInspected: 1, complete: false });
  });

  it('escapes control and bidi characters in messages', () => {
    const report = richReport();
    const file = report.files[0] as FileResult;
    (file.findings[0] as FileResult['findings'][number]).excerpt = 'x\u001b[31m\u202ey';
    const text = (run(render(report)).results as Json[])[0]?.message.text as string;
    expect(text).toContain('x\\x1b[31m\\u202ey');
  });
});

function pieces(report: Report): string[] {
  return [...renderPieces(sarifReporter, report, DEFAULT_RENDER_OPTIONS)];
}

/** Files scanned, none with a finding: results empty, but not because there were no files. */
function noFindingsReport(): Report<FileResult[]> {
  const report = sampleReport();
  return {
    ...report,
    files: report.files.map((f) => ({ ...f, verdict: 'clean', counts: {}, findings: [] })),
  };
}

/** `n` files of one finding each, copied from the sample's first file. */
function manyFilesReport(n: number): Report<FileResult[]> {
  const report = sampleReport();
  const file = report.files[0] as FileResult;
  const files = Array.from({ length: n }, (_, i) => ({ ...file, path: `many/${i}.js` }));
  return { ...report, files };
}

describe('sarif reporter in pieces (logs larger than one string can be)', () => {
  const reports: [string, () => Report][] = [
    ['several files and findings', sampleReport],
    ['archive members, odd paths and errors', richReport],
    ['no files', cleanReport],
    ['files without findings', noFindingsReport],
  ];

  for (const [name, make] of reports) {
    it(`joined, the pieces equal render() and JSON.stringify(sarifLog) plus a newline: ${name}`, () => {
      const report = make();
      const text = pieces(report).join('');
      expect(text).toBe(sarifReporter.render(report, DEFAULT_RENDER_OPTIONS));
      expect(text).toBe(`${JSON.stringify(sarifLog(report), null, 2)}\n`);
    });
  }

  it('prints an empty results list as JSON.stringify does, on the results line', () => {
    for (const report of [cleanReport(), noFindingsReport()]) {
      const text = pieces(report).join('');
      expect(text).toContain('\n      "results": [],\n      "properties": {');
      expect(run(JSON.parse(text) as Json).results).toEqual([]);
    }
  });

  it('gives one piece per result, each holding exactly one result', () => {
    const report = richReport();
    const count = report.files.reduce((n, f) => n + f.findings.length, 0);
    expect(count).toBeGreaterThan(3);
    const list = pieces(report);
    // The shell before the results, their closing bracket, the shell after them.
    expect(list).toHaveLength(count + 3);
    const results = list.slice(1, -2);
    expect(results.every((p) => p.match(/"ruleId"/g)?.length === 1)).toBe(true);
    expect(results.map((p) => /"ruleId": "([^"]+)"/.exec(p)?.[1])).toEqual(
      report.files.flatMap((f) => f.findings.map((x) => x.ruleId)),
    );
  });

  it('grows by one piece per result, not by size of text', () => {
    const small = pieces(manyFilesReport(10));
    const large = pieces(manyFilesReport(200));
    const perFile = (sampleReport().files[0] as FileResult).findings.length;
    expect(perFile).toBeGreaterThan(0);
    expect(large.length - small.length).toBe(190 * perFile);
    expect(large.join('')).toBe(`${JSON.stringify(sarifLog(manyFilesReport(200)), null, 2)}\n`);
  });

  it('is not misled by a root or path that spells out the results slot', () => {
    const report = richReport();
    const decoy = '\n      "results": "\u0000results\u0000"';
    const file = report.files[0] as FileResult;
    const tricky: Report<FileResult[]> = {
      ...report,
      roots: [decoy, ...report.roots],
      files: [{ ...file, path: decoy }, ...report.files],
      // Notifications come before the results in the log.
      errors: [{ path: decoy, code: 'EACCES', message: decoy }, ...report.errors],
    };
    expect(pieces(tricky).join('')).toBe(`${JSON.stringify(sarifLog(tricky), null, 2)}\n`);
  });
});

describe('residue scan --format sarif', () => {
  it('scans fixtures/demo into a schema-valid log with masked values only', () => {
    const r = scanDemo('sarif');
    expect(r.code).toBe(0);
    expect(RAW_VALUES.every((v) => v.length >= 4)).toBe(true);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    expect(rawValuesIn(r.stderr)).toEqual([]);
    const log = JSON.parse(r.stdout) as Json;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = run(log).results as Json[];
    expect(results.length).toBeGreaterThan(100);
    expect(results.every((x) => typeof x.partialFingerprints?.[FINGERPRINT_KEY] === 'string')).toBe(true);
    expect(r.stdout).toMatch(/\*\*\*/);
  });

  it('--show-values alone keeps SARIF masked and says so', () => {
    const r = scanDemo('sarif', ['--show-values']);
    expect(r.code).toBe(0);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    expect(r.stderr).toContain('add --show-values-in-files');
  });

  it('--show-values --show-values-in-files unmasks the excerpts', () => {
    const r = scanDemo('sarif', ['--show-values', '--show-values-in-files']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning/);
    expect(rawValuesIn(r.stdout).length).toBeGreaterThan(0);
    expect(sarifSchemaErrors(JSON.parse(r.stdout))).toEqual([]);
  });

  it('--show-values-in-files without --show-values is a usage error', () => {
    const r = scanDemo('sarif', ['--show-values-in-files']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('residue: --show-values-in-files is given without --show-values\n');
  });
});

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import type { FailOn } from '../../src/model/vocabulary.js';
import { junitReporter, MAX_JUNIT_EXCERPTS } from '../../src/report/junit.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { RAW_VALUES, rawValuesIn, scanDemo } from './demo-scan.js';
import { cleanReport, sampleReport } from './report-fixture.js';

interface Case {
  classname: string;
  name: string;
  failure?: { type: string; message: string; '#text'?: string };
  error?: { type: string; message: string; '#text'?: string };
  'system-out'?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  testcase: Case[];
}

/** Checks the XML is well-formed (strictly), then parses it back; attributes unprefixed. */
function parse(xml: string): { suites: Record<string, string>; suite: Suite } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'testcase',
  });
  const doc = parser.parse(xml) as { testsuites: Record<string, unknown> & { testsuite: Suite } };
  const suite = doc.testsuites.testsuite;
  return {
    suites: doc.testsuites as unknown as Record<string, string>,
    suite: { ...suite, testcase: suite.testcase ?? [] },
  };
}

function render(report: Report, failOn?: FailOn): string {
  return junitReporter.render(report, { ...DEFAULT_RENDER_OPTIONS, ...(failOn ? { failOn } : {}) });
}

describe('junit reporter', () => {
  it('has one suite, a failing case per file with findings and an error case per file not inspected', () => {
    const xml = render(sampleReport());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { suites, suite } = parse(xml);
    expect(suites.name).toBe('residue');
    expect(suite.name).toBe('residue');
    expect([suite.tests, suite.failures, suite.errors]).toEqual(['4', '3', '1']);
    expect(suite.testcase.map((c) => [c.classname, c.name])).toEqual([
      ['contains-pii', 'src/app.js'],
      ['personal-data', 'exports/customers.csv'],
      ['personal-data', 'archive/letter.bin'],
      ['not-inspected', 'locked/db.sqlite'],
    ]);
    const customers = suite.testcase[1] as Case;
    expect(customers.failure?.type).toBe('personal-data');
    expect(customers.failure?.message).toBe(
      'personal-data: 412 records; person-name 412 · date-of-birth 412 · postcode 410',
    );
    expect(customers.failure?.['#text']?.split('\n')).toEqual([
      '2:1  person-name  0.90  J*** S****',
      '2:12  date-of-birth  0.88  **/**/**84',
      '2:23  postcode  0.80  LS1 ***',
      '3:1  person-name  0.90  A** B*****',
      '… and 1,230 more findings',
    ]);
    const locked = suite.testcase[3] as Case;
    expect(locked.error).toEqual({
      type: 'EACCES',
      message: 'permission denied',
      '#text': 'locked/db.sqlite: permission denied',
    });
  });

  it('fails a case only when its verdict reaches --fail-on, as the exit code does', () => {
    const byFailOn = (failOn: FailOn) => parse(render(sampleReport(), failOn)).suite;
    expect(byFailOn('personal-data').failures).toBe('2');
    const app = byFailOn('personal-data').testcase[0] as Case;
    expect(app.failure).toBeUndefined();
    expect(app['system-out']).toContain('999 *** **19  (test data)');
    expect(byFailOn('never').failures).toBe('0');
    expect(byFailOn('contains-pii').failures).toBe('3');
  });

  it('lists at most MAX_JUNIT_EXCERPTS excerpts and counts the rest', () => {
    const report = sampleReport();
    const file = report.files[1] as FileResult;
    const one = file.findings[0] as Finding;
    const many = { ...file, counts: { 'person-name': 30 }, findings: Array.from({ length: 30 }, () => one) };
    const body = parse(render({ ...report, files: [many] })).suite.testcase[0]?.failure?.['#text'] ?? '';
    const lines = body.split('\n');
    expect(lines).toHaveLength(MAX_JUNIT_EXCERPTS + 1);
    expect(lines.at(-1)).toBe(`… and ${30 - MAX_JUNIT_EXCERPTS} more findings`);
  });

  it('escapes markup and neutralises characters XML 1.0 cannot hold', () => {
    const report = sampleReport();
    const nasty = `dir/<&"'>\u0000\u001b[2J\u202e\uffff\ud800.csv`;
    const file = { ...(report.files[0] as FileResult), path: nasty };
    (file.findings[0] as Finding).excerpt = ']]></failure><x>&amp;';
    const errors = [
      { path: `<&"'>.zip`, code: 'CORRUPT', message: 'not fully inspected: "bad" <header> & more' },
    ];
    const xml = render({ ...report, files: [file], errors });
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toContain('\u001b');
    const { suite } = parse(xml);
    expect(suite.testcase[0]?.name).toBe(`dir/<&"'>\\x00\\x1b[2J\\u202e\uFFFD\uFFFD.csv`);
    expect(suite.testcase[0]?.failure?.['#text']).toContain(']]></failure><x>&amp;');
    expect(suite.testcase[1]?.name).toBe(`<&"'>.zip`);
    expect(suite.testcase[1]?.error?.message).toBe('not fully inspected: "bad" <header> & more');
  });

  it('renders an empty suite for a clean, complete scan', () => {
    const { suite } = parse(render(cleanReport()));
    expect([suite.tests, suite.failures, suite.errors]).toEqual(['0', '0', '0']);
    expect(suite.testcase).toEqual([]);
  });
});

describe('residue scan --format junit', () => {
  it('scans fixtures/demo into parseable XML with masked values only', () => {
    const r = spawnDemo([]);
    expect(RAW_VALUES.every((v) => v.length >= 4)).toBe(true);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    const { suite } = parse(r.stdout);
    expect(suite.testcase).toHaveLength(7);
    expect(suite.failures).toBe('0');
    expect(suite.testcase.filter((c) => c.classname === 'personal-data')).toHaveLength(5);
    expect(r.stdout).toMatch(/\*\*\*/);
  });

  it('follows --fail-on', () => {
    const { suite } = parse(spawnDemo(['--fail-on', 'personal-data']).stdout);
    expect(suite.failures).toBe('5');
  });

  it('stays masked with --show-values alone; unmasks with --show-values-in-files too', () => {
    expect(rawValuesIn(spawnDemo(['--show-values']).stdout)).toEqual([]);
    const shown = spawnDemo(['--show-values', '--show-values-in-files']).stdout;
    expect(rawValuesIn(shown).length).toBeGreaterThan(0);
    parse(shown);
  });
});

/** The demo scan; the last --fail-on given wins (scanDemo passes `never`). */
function spawnDemo(args: string[]) {
  const r = scanDemo('junit', args);
  expect(r.stderr.includes('Error')).toBe(false);
  return r;
}

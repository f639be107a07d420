import { describe, expect, it } from 'vitest';
import { CATEGORIES, ENCODINGS, INSPECTIONS, SEVERITIES, VERDICTS } from '../../src/model/vocabulary.js';
import { jsonReporter } from '../../src/report/json.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { cleanReport, sampleReport } from './report-fixture.js';
import { REPORT_SCHEMA, schemaErrors } from './report-schema.js';

type Json = Record<string, unknown>;
const defs = REPORT_SCHEMA.$defs as Record<string, Json>;

/** The rendered JSON report, parsed back: what a consumer of the schema would validate. */
function rendered(): Json {
  return JSON.parse(jsonReporter.render(sampleReport(), DEFAULT_RENDER_OPTIONS)) as Json;
}

function firstFile(report: Json): Json {
  return (report.files as Json[])[0] as Json;
}

describe('schema/report.schema.json vocabularies', () => {
  // The schema is a static file; these make it impossible for it to drift from src/model/vocabulary.ts.
  it.each([
    ['category', CATEGORIES],
    ['severity', SEVERITIES],
    ['verdict', VERDICTS],
    ['inspection', INSPECTIONS],
    ['encoding', ENCODINGS],
  ] as const)('$defs/%s enum equals the vocabulary array', (name, values) => {
    expect(defs[name]?.enum).toEqual([...values]);
  });

  it('summary.verdicts has exactly one required count per verdict', () => {
    const verdicts = ((defs.summary as Json).properties as Record<string, Json>).verdicts as Json;
    expect(Object.keys(verdicts.properties as Json)).toEqual([...VERDICTS]);
    expect(verdicts.required).toEqual([...VERDICTS]);
  });

  it('pins schemaVersion to 1 and is draft 2020-12', () => {
    expect(REPORT_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((REPORT_SCHEMA.properties as Record<string, Json>).schemaVersion).toEqual({ const: 1 });
  });

  it('closes every object: additionalProperties false, or a typed map with constrained keys', () => {
    const open: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) visit(n, `${where}/${i}`);
      }
      if (node === null || typeof node !== 'object') return;
      const schema = node as Json;
      if (schema.type === 'object') {
        const closed = schema.additionalProperties === false;
        const map = schema.propertyNames !== undefined && typeof schema.additionalProperties === 'object';
        if (!closed && !map) open.push(where);
      }
      for (const [k, v] of Object.entries(schema)) visit(v, `${where}/${k}`);
    };
    visit(REPORT_SCHEMA, '#');
    expect(open).toEqual([]);
  });
});

describe('the JSON rendering validates against the schema', () => {
  it('accepts the sample report and a clean report', () => {
    expect(schemaErrors(rendered())).toEqual([]);
    expect(schemaErrors(JSON.parse(jsonReporter.render(cleanReport(), DEFAULT_RENDER_OPTIONS)))).toEqual([]);
  });

  it('accepts the optional fields: value, testData, truncated', () => {
    const report = rendered();
    const file = firstFile(report);
    file.truncated = true;
    (file.findings as Json[])[0] = { ...((file.findings as Json[])[0] as Json), value: '9990000019' };
    expect(schemaErrors(report)).toEqual([]);
  });

  it('rejects an unknown category on a finding', () => {
    const report = rendered();
    ((firstFile(report).findings as Json[])[0] as Json).category = 'shoe-size';
    expect(schemaErrors(report)).toContain(
      '/files/0/findings/0/category must be equal to one of the allowed values',
    );
  });

  it('rejects an unknown category as a count key', () => {
    const report = rendered();
    ((report.summary as Json).byCategory as Json)['shoe-size'] = 1;
    expect(schemaErrors(report)).toContain('/summary/byCategory property name must be valid');
  });

  it('rejects an unknown verdict, severity, inspection and encoding', () => {
    const report = rendered();
    const file = firstFile(report);
    file.verdict = 'maybe';
    file.inspection = 'ocr';
    file.encoding = 'ebcdic';
    ((file.findings as Json[])[0] as Json).severity = 'urgent';
    const errors = schemaErrors(report);
    for (const path of [
      '/files/0/verdict',
      '/files/0/inspection',
      '/files/0/encoding',
      '/files/0/findings/0/severity',
    ]) {
      expect(errors).toContain(`${path} must be equal to one of the allowed values`);
    }
  });

  it('rejects extra properties, a missing field, another schemaVersion and a bad timestamp', () => {
    const report = rendered();
    report.extra = true;
    report.schemaVersion = 2;
    report.startedAt = 'yesterday';
    delete (report.summary as Json).complete;
    ((report.errors as Json[])[0] as Json).stack = 'at …';
    const errors = schemaErrors(report);
    expect(errors).toContain('/ must NOT have additional properties');
    expect(errors).toContain('/schemaVersion must be equal to constant');
    expect(errors).toContain('/startedAt must match format "date-time"');
    expect(errors).toContain("/summary must have required property 'complete'");
    expect(errors).toContain('/errors/0 must NOT have additional properties');
  });

  it('rejects out-of-range numbers', () => {
    const report = rendered();
    const finding = (firstFile(report).findings as Json[])[0] as Json;
    finding.confidence = 1.5;
    finding.line = 0;
    firstFile(report).records = -1;
    const errors = schemaErrors(report);
    expect(errors).toContain('/files/0/findings/0/confidence must be <= 1');
    expect(errors).toContain('/files/0/findings/0/line must be >= 1');
    expect(errors).toContain('/files/0/records must be >= 0');
  });
});

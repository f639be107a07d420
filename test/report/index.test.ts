import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import { REPORT_FORMATS } from '../../src/model/vocabulary.js';
import { ARTIFACT_FORMATS, getReporter, REPORTERS } from '../../src/report/index.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { sampleReport } from './report-fixture.js';

describe('reporter registry', () => {
  it('has exactly one reporter per REPORT_FORMATS entry, named after its key', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual([...REPORT_FORMATS].sort());
    for (const format of REPORT_FORMATS) {
      expect(REPORTERS[format].name).toBe(format);
      expect(getReporter(format)).toBe(REPORTERS[format]);
    }
  });

  it('rejects an unknown format with a usage error', () => {
    expect(() => getReporter('xml')).toThrow(ResidueError);
    try {
      getReporter('xml');
    } catch (e) {
      expect((e as ResidueError).code).toBe('USAGE');
      expect((e as ResidueError).data).toEqual({
        detail: 'unknown report format "xml" (expected text, json, sarif, junit, csv, jsonl, markdown)',
      });
    }
  });

  it('names only real formats as artefact formats (kept masked without --show-values-in-files)', () => {
    expect(ARTIFACT_FORMATS.every((f) => (REPORT_FORMATS as readonly string[]).includes(f))).toBe(true);
    expect([...ARTIFACT_FORMATS].sort()).toEqual(['csv', 'junit', 'markdown', 'sarif']);
  });

  it.each(REPORT_FORMATS)('%s lists every file not fully inspected', (format) => {
    const errors = ['locked/alpha', 'locked/beta', 'locked/gamma'].map((path) => ({
      path,
      code: 'EACCES',
      message: 'permission denied',
    }));
    const out = getReporter(format).render({ ...sampleReport(), errors }, DEFAULT_RENDER_OPTIONS);
    for (const e of errors) expect(out).toContain(e.path);
  });
});

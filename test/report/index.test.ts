import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import { REPORT_FORMATS } from '../../src/model/vocabulary.js';
import { getReporter, REPORTERS } from '../../src/report/index.js';

describe('reporter registry', () => {
  it('has exactly one reporter per REPORT_FORMATS entry, named after its key', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual([...REPORT_FORMATS].sort());
    for (const format of REPORT_FORMATS) {
      expect(REPORTERS[format].name).toBe(format);
      expect(getReporter(format)).toBe(REPORTERS[format]);
    }
  });

  it('rejects an unknown format with a usage error', () => {
    expect(() => getReporter('sarif')).toThrow(ResidueError);
    try {
      getReporter('sarif');
    } catch (e) {
      expect((e as ResidueError).code).toBe('USAGE');
      expect((e as ResidueError).data).toEqual({
        detail: 'unknown report format "sarif" (expected text, json)',
      });
    }
  });
});

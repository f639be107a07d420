import { describe, expect, it } from 'vitest';
import { crossCheckLicences } from '../../../src/engine/classify/licence-check.js';
import type { RawMatch } from '../../../src/engine/detect/detect.js';

function match(category: RawMatch['category'], value: string, confidence = 0.55): RawMatch {
  return {
    ruleId: `uk.${category}`,
    category,
    severity: 'high',
    start: 0,
    end: value.length,
    line: 1,
    column: 1,
    value,
    confidence,
    reasons: ['pattern matched'],
    testData: false,
  };
}

// MORGA 6 57 05 4 …: surname Morgan, born 5 July 1964, a woman (month + 50).
const LICENCE = 'MORGA657054SM9IJ';

describe('crossCheckLicences', () => {
  it("raises a driver number that encodes the record's surname and date of birth", () => {
    const [, , licence] = crossCheckLicences([
      match('person-name', 'Sarah Morgan'),
      match('date-of-birth', '05/07/1964'),
      match('driving-licence', LICENCE),
    ]);
    expect(licence?.confidence).toBe(0.65);
    expect(licence?.reasons.at(-1)).toBe("matches the record's surname and date of birth +0.1");
  });

  it('reads "SURNAME, Forename" and an ISO date', () => {
    const out = crossCheckLicences([
      match('person-name', 'MORGAN, Sarah'),
      match('date-of-birth', '1964-07-05'),
      match('driving-licence', LICENCE),
    ]);
    expect(out[2]?.confidence).toBe(0.65);
  });

  it("lowers one that encodes neither pairing (someone else's number, or a look-alike)", () => {
    for (const [name, dob] of [
      ['Peter Smith', '05/07/1964'],
      ['Sarah Morgan', '03/04/1961'],
    ] as const) {
      const out = crossCheckLicences([
        match('person-name', name),
        match('date-of-birth', dob),
        match('driving-licence', LICENCE),
      ]);
      expect(out[2]?.confidence).toBe(0.45);
      expect(out[2]?.reasons.at(-1)).toBe("does not encode the record's surname or date of birth -0.1");
    }
  });

  it('leaves the number alone without both a name and a date to compare', () => {
    const onlyName = [match('person-name', 'Peter Smith'), match('driving-licence', LICENCE)];
    expect(crossCheckLicences(onlyName)).toBe(onlyName);
    const noLicence = [match('person-name', 'Peter Smith'), match('date-of-birth', '03/04/1961')];
    expect(crossCheckLicences(noLicence)).toBe(noLicence);
  });
});

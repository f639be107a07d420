import { describe, expect, it } from 'vitest';
import { fileVerdict, recordShape } from '../../../src/engine/classify/verdict.js';

describe('recordShape', () => {
  it('name + email links but is not strong (an author header)', () => {
    expect(recordShape(['person-name', 'email-address'])).toEqual({
      groups: 2,
      linking: true,
      strong: false,
      contactOnly: true,
    });
  });
  it('name + date of birth is strong', () => {
    expect(recordShape(['person-name', 'date-of-birth']).strong).toBe(true);
  });
  it('postcode + address are one group', () => {
    expect(recordShape(['postcode', 'postal-address'])).toEqual({
      groups: 1,
      linking: false,
      strong: false,
      contactOnly: false,
    });
  });
  it('company address + phone + bank details do not link without a person anchor', () => {
    expect(recordShape(['postal-address', 'phone-number', 'bank-account']).linking).toBe(false);
  });
  it('three groups with an anchor are strong', () => {
    expect(recordShape(['person-name', 'postal-address', 'phone-number']).strong).toBe(true);
  });
});

describe('fileVerdict', () => {
  it.each([
    [{ linkingRecords: 0, contactRecords: 0, strongRecord: false, findings: 0 }, 'clean'],
    [{ linkingRecords: 0, contactRecords: 0, strongRecord: false, findings: 3 }, 'contains-pii'],
    [{ linkingRecords: 1, contactRecords: 0, strongRecord: false, findings: 2 }, 'contains-pii'],
    [{ linkingRecords: 1, contactRecords: 0, strongRecord: true, findings: 4 }, 'personal-data'],
    [{ linkingRecords: 2, contactRecords: 0, strongRecord: false, findings: 4 }, 'personal-data'],
    // Two authors credited by name and email: contains-pii; a list of three or more: personal-data.
    [{ linkingRecords: 2, contactRecords: 2, strongRecord: false, findings: 4 }, 'contains-pii'],
    [{ linkingRecords: 3, contactRecords: 3, strongRecord: false, findings: 6 }, 'personal-data'],
    [{ linkingRecords: 2, contactRecords: 1, strongRecord: false, findings: 5 }, 'personal-data'],
  ] as const)('%o → %s', (tally, verdict) => {
    expect(fileVerdict(tally)).toBe(verdict);
  });
});

import { describe, expect, it } from 'vitest';
import { POSTCODE_AREA_COUNT, ukPostcode } from '../../../../src/engine/detect/validators/uk-postcode.js';

describe('ukPostcode', () => {
  it.each([
    ['SW1A 1AA', 'AA9A 9AA'],
    ['sw1a 1aa', 'lower case'],
    ['SW1A1AA', 'no space'],
    ['LS1 4AP', 'AA9 9AA'],
    ['M1 1AE', 'A9 9AA'],
    ['B33 8TH', 'A99 9AA'],
    ['CF10 1EP', 'AA99 9AA'],
    ['W1A 0AX', 'A9A 9AA'],
    ['EC1A 1BB', 'AA9A 9AA'],
    ['EH1 1YZ', 'Scotland'],
    ['BT1 5GS', 'Northern Ireland'],
    ['ZE1 0AA', 'Shetland'],
    ['JE2 3AB', 'Jersey'],
    ['GIR 0AA', 'the Girobank special case'],
  ])('accepts %s (%s)', (value) => {
    expect(ukPostcode(value)).toEqual({ ok: true });
  });

  it.each([
    ['QX1 2AB', 'QX is not a postcode area'],
    ['XY12 3AB', 'XY is not a postcode area'],
    ['BF1 3AA', 'BFPO is non-geographic'],
    ['BX1 1LT', 'BX is non-geographic'],
    ['SW1A 1CA', 'C is not an inward letter'],
    ['LS1 4AI', 'I is not an inward letter'],
    ['M1 1AK', 'K is not an inward letter'],
    ['M1 1MA', 'M is not an inward letter'],
    ['M1 1OA', 'O is not an inward letter'],
    ['M1 1AV', 'V is not an inward letter'],
    ['W1I 0AX', 'I is not a third-position letter'],
    ['EC1C 1BB', 'C is not a fourth-position letter'],
    ['SW1 1A', 'inward code too short'],
    ['SW1A 1AAA', 'inward code too long'],
    ['SWA 1AA', 'no district digit'],
    ['SW123 1AA', 'outward code too long'],
    ['SW1 A1AA', 'space in the wrong place'],
    ['1SW 1AA', 'starts with a digit'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(ukPostcode(value)).toEqual({ ok: false });
  });

  it('knows the 121 UK areas and the three Crown dependencies', () => {
    expect(POSTCODE_AREA_COUNT).toBe(124);
  });
});

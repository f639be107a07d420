import { describe, expect, it } from 'vitest';
import { ukPassport } from '../../../../src/engine/detect/validators/passport.js';

describe('ukPassport', () => {
  it.each(['531276849', '702814365', '648203917', '925481736', '012345679'])('accepts %s', (value) => {
    expect(ukPassport(value)).toEqual({ ok: true });
  });

  it.each([
    ['000000000', 'all zeros'],
    ['111111111', 'one repeated digit'],
    ['123456789', 'ascending run'],
    ['987654321', 'descending run'],
    ['12345678', 'eight digits'],
    ['5312768490', 'ten digits'],
    ['A53127684', 'a letter'],
    ['531 276 849', 'spaces'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(ukPassport(value)).toEqual({ ok: false });
  });
});

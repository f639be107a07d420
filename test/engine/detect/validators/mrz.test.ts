import { describe, expect, it } from 'vitest';
import { mrzTd3 } from '../../../../src/engine/detect/validators/mrz.js';

// The ICAO 9303 Part 4 specimen passport (Anna Maria Eriksson, Utopia), line 2.
const ICAO_SPECIMEN = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';

describe('mrzTd3', () => {
  it.each([
    [ICAO_SPECIMEN, 'the ICAO specimen'],
    ['1234567897GBR6104036F3101012<<<<<<<<<<<<<<02', 'empty optional data, check digit 0'],
    ['9876543213GBR8509174M2905121<<<<<<<<<<<<<<06', 'another fabricated line'],
    ['C01X00T478D<<6408125F2701312<<<<<<<<<<<<<<<8', "nationality D<<, optional check digit '<'"],
    ['1234567897GBR0002299F3101012<<<<<<<<<<<<<<00', 'born 29 February 2000'],
  ])('accepts %s (%s)', (value) => {
    expect(mrzTd3(value)).toEqual({ ok: true });
  });

  it.each([
    ['L898902C37UTO7408122F1204159ZE184226B<<<<<10', 'document number check digit'],
    ['L898902C36UTO7408123F1204159ZE184226B<<<<<10', 'birth date check digit'],
    ['L898902C36UTO7408122F1204158ZE184226B<<<<<10', 'expiry check digit'],
    ['L898902C36UTO7408122F1204159ZE184226B<<<<<20', 'optional data check digit'],
    ['L898902C36UTO7408122F1204159ZE184226B<<<<<11', 'composite check digit'],
    ['1234567897GBR6104036F3101012<<<<<<<<<<<<<<03', 'composite check digit'],
    ['1234567897GBR6104037F3101012<<<<<<<<<<<<<<02', 'birth date check digit'],
    ['C01X00T478D<<6413121F2701312<<<<<<<<<<<<<<08', 'all checks hold but month 13'],
    ['1234567897GBR0102292F3101012<<<<<<<<<<<<<<00', 'all checks hold but 29 February 2001'],
    ['1234567897GBR6104313F3101012<<<<<<<<<<<<<<02', 'all checks hold but 31 April'],
    ['L898902C36UTO7408122Q1204159ZE184226B<<<<<10', 'sex Q'],
    ['L898902C36U1O7408122F1204159ZE184226B<<<<<10', 'digit in the nationality'],
    ['l898902c36uto7408122f1204159ze184226b<<<<<10', 'lower case'],
    ['L898902C36UTO7408122F1204159ZE184226B<<<<<1', '43 characters'],
    ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'line 1, not line 2'],
  ])('rejects %s (%s)', (value) => {
    expect(mrzTd3(value)).toEqual({ ok: false });
  });

  // Every position covered by a check digit (document number, birth date, expiry, optional data, the check
  // digits themselves): changing one digit of the specimen to any other digit must break a 7-3-1 check.
  const CHECKED = [...range(0, 10), ...range(13, 20), ...range(21, 44)].filter((i) =>
    /\d/.test(ICAO_SPECIMEN[i] ?? ''),
  );
  it.each(CHECKED)('rejects every one-digit change of the specimen at position %i', (i) => {
    const accepted: string[] = [];
    for (let d = 0; d <= 9; d++) {
      if (String(d) === ICAO_SPECIMEN[i]) continue;
      const mutated = `${ICAO_SPECIMEN.slice(0, i)}${d}${ICAO_SPECIMEN.slice(i + 1)}`;
      if (mrzTd3(mutated).ok) accepted.push(mutated);
    }
    expect(accepted).toEqual([]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

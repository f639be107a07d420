import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/*
 * The 121 geographic postcode areas of the UK (Royal Mail), plus the Crown dependencies that share the
 * scheme (GY Guernsey, JE Jersey, IM Isle of Man). The non-geographic BF (BFPO) and BX areas are left out:
 * they never point at a home.
 */
const AREAS: ReadonlySet<string> = new Set(
  (
    'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN ' +
    'EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG ' +
    'NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ ' +
    'TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE GY JE IM'
  ).split(' '),
);

export const POSTCODE_AREA_COUNT = AREAS.size;

// BS 7666: the letter after the district digit (A9A) and after the two-letter district (AA9A), and the
// two inward letters, each come from a restricted alphabet.
const THIRD_LETTERS = 'ABCDEFGHJKPSTUW';
const FOURTH_LETTERS = 'ABEHMNPRVWXY';
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && c >= 'A' && c <= 'Z';
}

/**
 * A full UK postcode in one of the BS 7666 shapes (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA,
 * plus GIR 0AA), space optional, any case, whose area letters name a real postcode area.
 */
export const ukPostcode: Validator = (value) => {
  const v = value.trim().toUpperCase();
  const space = v.indexOf(' ');
  const compact = space === -1 ? v : v.slice(0, space) + v.slice(space + 1);
  const n = compact.length;
  if (n < 5 || n > 7 || compact.includes(' ')) return REJECT;
  if (compact === 'GIR0AA') return ACCEPT;
  if (space !== -1 && space !== n - 3) return REJECT;
  const inward = n - 3;
  if (!isDigit(compact[inward])) return REJECT;
  if (
    !INWARD_LETTERS.includes(compact[inward + 1] ?? '#') ||
    !INWARD_LETTERS.includes(compact[inward + 2] ?? '#')
  ) {
    return REJECT;
  }
  // Outward code: one or two area letters, a district digit, then an optional digit or letter.
  const areaLength = isLetter(compact[1]) ? 2 : 1;
  if (!isLetter(compact[0]) || !AREAS.has(compact.slice(0, areaLength))) return REJECT;
  if (!isDigit(compact[areaLength])) return REJECT;
  const rest = inward - areaLength - 1;
  if (rest === 0) return ACCEPT;
  if (rest !== 1) return REJECT;
  const last = compact[areaLength + 1];
  if (isDigit(last)) return ACCEPT;
  const letters = areaLength === 1 ? THIRD_LETTERS : FOURTH_LETTERS;
  return letters.includes(last ?? '#') ? ACCEPT : REJECT;
};

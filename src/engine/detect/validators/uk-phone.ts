import { allSameDigit } from './not-repeated.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT, TEST_DATA } from './verdicts.js';

/*
 * Ofcom's numbers reserved for TV and radio drama, as the first seven digits of the national significant
 * number (no trunk 0); each block is the thousand numbers that follow. Northern Ireland appears twice: the
 * older 028 9018 0xxx block and the current 028 9649 6xxx one.
 */
const DRAMA_BLOCKS: ReadonlySet<string> = new Set([
  '7700900', // 07700 900000-900999 mobile
  '1632960', // 01632 960000-960999 no area
  '2079460', // 020 7946 0000-0999 London
  '1134960', // 0113 496 0xxx Leeds
  '1144960', // 0114 Sheffield
  '1154960', // 0115 Nottingham
  '1164960', // 0116 Leicester
  '1174960', // 0117 Bristol
  '1184960', // 0118 Reading
  '1214960', // 0121 Birmingham
  '1314960', // 0131 Edinburgh
  '1414960', // 0141 Glasgow
  '1514960', // 0151 Liverpool
  '1614960', // 0161 Manchester
  '1914980', // 0191 498 0xxx Tyneside, Durham, Sunderland
  '2890180', // 028 9018 0xxx Northern Ireland (older block)
  '2896496', // 028 9649 6xxx Northern Ireland
  '2920180', // 029 2018 0xxx Cardiff
  '8081570', // 0808 157 0xxx freephone
  '9098790', // 0909 879 0xxx premium rate
  '3069990', // 03069 990xxx UK-wide
]);

/**
 * The national significant number (digits after +44 / 0044 / the trunk 0, a "(0)" dropped), or null when
 * the text is not written as a UK number. Allows spaces, dashes, dots and brackets between digits.
 */
function nationalNumber(value: string): string | null {
  let digits = '';
  let plus = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '+' && i === 0) plus = true;
    else if (c !== ' ' && c !== '-' && c !== '(' && c !== ')' && c !== '.') return null;
  }
  let rest: string;
  if (plus) {
    if (!digits.startsWith('44')) return null;
    rest = digits.slice(2);
  } else if (digits.startsWith('0044')) {
    rest = digits.slice(4);
  } else if (digits.startsWith('0') && !digits.startsWith('00')) {
    return digits.slice(1);
  } else {
    return null;
  }
  // "+44 (0)20 …": the bracketed trunk 0 is written but never dialled.
  return rest.startsWith('0') ? rest.slice(1) : rest;
}

/**
 * A table's cell of 9 or 10 digits under a phone header, as a spreadsheet or a numeric column keeps a number
 * typed in: the number with its trunk 0 dropped (07700 900123 is stored as 7700900123). Not a key's value in
 * a log or JSON pair, where such a number is written as it was given (`user_phone=2125551234` is not UK).
 */
function spreadsheetNumber(value: string): string | null {
  return /^[1-9]\d{8,9}$/.test(value) ? value : null;
}

/**
 * A UK phone number, national (0…) or international (+44, 0044, +44 (0)…). After the trunk 0 it must
 * start 1 or 8 (9-10 digits) or 2, 3 or 7 (10 digits, so mobiles are 11 digits nationally). 04, 05, 06
 * and 09 (premium rate) are rejected, as is a number of one repeated digit. Ofcom's drama ranges pass
 * with `testData`. In a table's cell, the number may have lost its trunk 0 (spreadsheetNumber).
 */
export const ukPhone: Validator = (value, _cell = false, column = false) => {
  const nsn = nationalNumber(value) ?? (column ? spreadsheetNumber(value) : null);
  if (nsn === null) return REJECT;
  const length = nsn.length;
  if (length === 10 && DRAMA_BLOCKS.has(nsn.slice(0, 7))) return TEST_DATA;
  if (allSameDigit(nsn)) return REJECT;
  switch (nsn[0]) {
    case '1':
    case '8':
      return length === 9 || length === 10 ? ACCEPT : REJECT;
    case '2':
    case '3':
    case '7':
      return length === 10 ? ACCEPT : REJECT;
    default:
      return REJECT;
  }
};

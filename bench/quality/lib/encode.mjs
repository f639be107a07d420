// Byte encodings that Windows tools write: UTF-16LE with or without a byte-order mark, and windows-1252.

/** windows-1252 bytes 0x80-0x9F that differ from Latin-1. */
const CP1252_HIGH = new Map([
  ['€', 0x80],
  ['‚', 0x82],
  ['„', 0x84],
  ['…', 0x85],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['–', 0x96],
  ['—', 0x97],
]);

/** @param {string} text true when every character has a windows-1252 byte */
export function fitsWin1252(text) {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (!(c < 0x80 || (c >= 0xa0 && c <= 0xff) || CP1252_HIGH.has(ch))) return false;
  }
  return true;
}

/** @param {string} text @returns {Buffer} */
export function win1252(text) {
  const out = Buffer.alloc(text.length);
  let i = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_HIGH.get(ch);
    if (b === undefined) throw new Error(`not encodable in windows-1252: ${ch}`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

/** @param {string} text @param {boolean} bom @returns {Buffer} */
export function utf16le(text, bom) {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/report/sanitize.js';

describe('sanitize', () => {
  it('leaves printable text alone, including non-ASCII letters and symbols', () => {
    for (const text of ['exports/customers.csv', 'Zoë Ó Briain/notes £ € 日本.txt', 'a\\x1b literal', '']) {
      expect(sanitize(text)).toBe(text);
    }
  });

  it('escapes ESC and the rest of C0, and DEL', () => {
    expect(sanitize('\u001b[2J')).toBe('\\x1b[2J');
    expect(sanitize('a\nb\rc\td\u0000e\u0007f\u007f')).toBe('a\\x0ab\\x0dc\\x09d\\x00e\\x07f\\x7f');
  });

  it('escapes C1 controls, including the one-byte CSI and OSC', () => {
    expect(sanitize('\u009b31m\u009d0;title\u009c\u0085')).toBe('\\x9b31m\\x9d0;title\\x9c\\x85');
  });

  it('escapes bidi overrides, isolates and the Unicode line separators', () => {
    expect(sanitize('invoice\u202efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(sanitize('\u2066a\u2069\u200e\u200f\u061c\u2028\u2029')).toBe(
      '\\u2066a\\u2069\\u200e\\u200f\\u061c\\u2028\\u2029',
    );
  });

  it('escapes every code point from U+0000 to U+009F that is not printable ASCII, and nothing else there', () => {
    for (let cp = 0; cp <= 0x9f; cp++) {
      const c = String.fromCodePoint(cp);
      const printable = cp >= 0x20 && cp < 0x7f;
      expect(sanitize(c)).toBe(printable ? c : `\\x${cp.toString(16).padStart(2, '0')}`);
    }
  });

  it('output contains no control characters whatever the input', () => {
    const all = Array.from({ length: 0x300 }, (_, i) => String.fromCodePoint(i)).join('');
    expect(sanitize(all)).not.toMatch(/\p{Cc}/u);
  });
});

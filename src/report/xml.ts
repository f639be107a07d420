import { wellFormed } from './paths.js';
import { sanitize } from './sanitize.js';

// Text from scanned files (paths, excerpts, error details) inside XML. XML 1.0 cannot carry most control
// characters at all, even as character references, so they are first written as visible `\xNN` escapes (as the
// text report does); what XML still forbids (U+FFFE, U+FFFF, lone surrogates) becomes U+FFFD.

/** Characters outside XML 1.0's Char production, after sanitize() has escaped every control character. */
const NOT_XML_CHAR = /[\uFFFE\uFFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or a double- or single-quoted attribute. */
export function xmlText(text: string): string {
  return wellFormed(sanitize(text))
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `<name a="1" b="x">`: attributes in the order given, values escaped; undefined values left out. */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');
}

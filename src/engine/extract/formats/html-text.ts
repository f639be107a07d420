/** Elements that stand apart as paragraphs, and elements that only start a new line, in an HTML mail body. */
const PARAGRAPH =
  /^(?:address|article|aside|blockquote|caption|dl|fieldset|figure|footer|form|h[1-6]|header|hr|main|nav|ol|p|pre|section|table|ul)$/i;
const LINE = /^(?:br|dd|div|dt|figcaption|li|tbody|tfoot|thead|tr)$/i;
const CELL = /^(?:td|th)$/i;

// Placeholders while tags are replaced; runs of them (with the spaces between) become one break.
const LINE_MARK = '\uE000';
const PARAGRAPH_MARK = '\uE001';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  copy: '©',
  reg: '®',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
};

/**
 * The readable text of an HTML mail body: scripts, styles and comments dropped, a line break at each block
 * element, a tab between table cells (so a table in a mail reads as a tab-separated table), entities decoded.
 */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/[\s\uE000\uE001]+/g, ' ')
    .replace(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi, (_tag, closing: string, name: string) => {
      if (PARAGRAPH.test(name)) return PARAGRAPH_MARK;
      if (LINE.test(name)) return LINE_MARK;
      return CELL.test(name) && closing === '' ? '\t' : '';
    })
    .replace(/<[^>]*>/g, '')
    // A break swallows the spaces and the first cell's tab next to it.
    .replace(/[ \t]*[\uE000\uE001][\uE000\uE001 \t]*/g, (run) =>
      run.includes(PARAGRAPH_MARK) ? '\n\n' : '\n',
    );
  return decodeEntities(marked)
    .split('\n')
    .map((line) =>
      line
        .replace(/ *\t */g, '\t')
        .replace(/ {2,}/g, ' ')
        .trim(),
    )
    .join('\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (dec || hex) {
      const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[(name as string).toLowerCase()] ?? whole;
  });
}

/**
 * A small push reader for the machine-written XML inside office documents: tags, text and CDATA, fed in
 * chunks so a large sheet is never held as one string. No DTDs and no custom entities (so no entity
 * expansion), only the five predefined entities and character references. Names are reported without their
 * prefix (`w:p` → `p`): writers differ in the prefixes they pick (`x:row` and `row` are the same element).
 * It is lenient (reads on past a problem) but notes the first well-formedness problem it meets, so a caller
 * can say a part is corrupt while still scanning what it could read.
 */

export interface XmlHandler {
  /** A start tag (or an empty-element tag, followed at once by `close`). `attrs` is the raw attribute text. */
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** Character data between tags, entities decoded. */
  text(text: string): void;
}

/** Where the XML first stopped being well-formed; never quotes the content. */
export interface XmlProblem {
  offset: number;
  reason: 'unclosed element' | 'mismatched end tag' | 'malformed markup' | 'no root element';
}

/** A tag may be longer than one chunk, but past this many characters an unfinished one is malformed. */
const MAX_MARKUP = 1 << 20;
/**
 * Text longer than this with no markup after it yet is handed over in pieces: held longer, the buffer would
 * be joined again with each chunk that comes (a 50-million-character string read a chunk at a time).
 */
const TEXT_PIECE = 1 << 16;
/** What reading a tag found when it did not find a whole tag. */
const INCOMPLETE = -1;
const MALFORMED = -2;

export class XmlReader {
  private buffer = '';
  private consumed = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private problemAt: XmlProblem | null = null;
  /** The last tag read: its qualified name, raw attributes and whether it was an empty-element tag. */
  private tagName = '';
  private tagAttrs = '';
  private tagEmpty = false;

  constructor(private readonly handler: XmlHandler) {}

  get problem(): XmlProblem | null {
    return this.problemAt;
  }

  /** Reads every complete token in `chunk` (and what was left over from the last one). */
  feed(chunk: string): void {
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    this.run(false);
  }

  /** Reads what is left and checks that every element was closed. */
  end(): XmlProblem | null {
    this.run(true);
    if (this.stack.length > 0) this.fail(this.consumed, 'unclosed element');
    else if (!this.sawRoot) this.fail(this.consumed, 'no root element');
    return this.problemAt;
  }

  private run(final: boolean): void {
    const buf = this.buffer;
    const h = this.handler;
    let i = 0;
    while (i < buf.length) {
      if (buf.charCodeAt(i) !== 0x3c /* < */) {
        const lt = buf.indexOf('<', i);
        if (lt === -1 && !final) {
          // A long text with no markup yet: hand over what is safe (no split reference or CRLF), keep the rest.
          if (buf.length - i >= TEXT_PIECE) i = this.partialText(buf, i);
          break;
        }
        const end = lt === -1 ? buf.length : lt;
        if (this.stack.length > 0) h.text(decodeXmlText(buf.slice(i, end)));
        i = end;
        continue;
      }
      const next = buf.charCodeAt(i + 1);
      let after: number;
      if (next === 0x2f /* / */) {
        after = this.endTag(buf, i);
        if (after > 0) this.closeTag(this.tagName, i);
      } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        after = this.special(buf, i, final);
      } else {
        after = this.startTag(buf, i);
        if (after > 0) {
          const qname = this.tagName;
          const name = localName(qname);
          if (this.stack.length === 0) {
            if (this.sawRoot) this.fail(this.consumed + i, 'malformed markup');
            this.sawRoot = true;
          }
          h.open(name, this.tagAttrs);
          if (this.tagEmpty) h.close(name);
          else this.stack.push(qname);
        }
      }
      if (after > 0) {
        i = after;
        continue;
      }
      // Not a whole tag: wait for more input, unless there can be no more or it is not a tag at all.
      if (after === INCOMPLETE && !final && buf.length - i < MAX_MARKUP) break;
      this.fail(this.consumed + i, 'malformed markup');
      if (this.stack.length > 0) h.text('<');
      i++;
    }
    this.consumed += i;
    this.buffer = i === 0 ? buf : buf.slice(i);
  }

  /** Emits the text from `i` up to a safe cut near the buffer's end; returns the cut. */
  private partialText(buf: string, i: number): number {
    let cut = buf.length;
    const amp = buf.lastIndexOf('&');
    if (amp >= i && amp > cut - 12 && buf.indexOf(';', amp) === -1) cut = amp;
    if (buf.charCodeAt(cut - 1) === 0x0d) cut--;
    if (this.stack.length > 0) this.handler.text(decodeXmlText(buf.slice(i, cut)));
    return cut;
  }

  /** `<name attr="v" …>` or `<name … />` at `i`: the index after it, INCOMPLETE or MALFORMED. */
  private startTag(buf: string, i: number): number {
    const len = buf.length;
    let j = i + 1;
    if (j >= len) return INCOMPLETE;
    if (!isNameStart(buf.charCodeAt(j))) return MALFORMED;
    while (j < len && isNameChar(buf.charCodeAt(j))) j++;
    if (j >= len) return INCOMPLETE;
    const nameEnd = j;
    let c = buf.charCodeAt(j);
    if (c !== 0x3e /* > */ && c !== 0x2f /* / */ && !isSpace(c)) return MALFORMED;
    let quote = 0;
    for (; j < len; j++) {
      c = buf.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
      else if (c === 0x3c) return MALFORMED;
    }
    if (j >= len) return INCOMPLETE;
    this.tagName = buf.slice(i + 1, nameEnd);
    this.tagEmpty = buf.charCodeAt(j - 1) === 0x2f && j - 1 >= nameEnd;
    this.tagAttrs = buf.slice(nameEnd, this.tagEmpty ? j - 1 : j);
    return j + 1;
  }

  /** `</name>` at `i`: the index after it, INCOMPLETE or MALFORMED. */
  private endTag(buf: string, i: number): number {
    const len = buf.length;
    let j = i + 2;
    if (j >= len) return INCOMPLETE;
    if (!isNameStart(buf.charCodeAt(j))) return MALFORMED;
    while (j < len && isNameChar(buf.charCodeAt(j))) j++;
    const nameEnd = j;
    while (j < len && isSpace(buf.charCodeAt(j))) j++;
    if (j >= len) return INCOMPLETE;
    if (buf.charCodeAt(j) !== 0x3e) return MALFORMED;
    this.tagName = buf.slice(i + 2, nameEnd);
    return j + 1;
  }

  /** Comments, processing instructions, CDATA and a DOCTYPE; returns where reading resumes, -1 to wait. */
  private special(buf: string, i: number, final: boolean): number {
    let close: string;
    let from = i + 2;
    if (buf.startsWith('<![CDATA[', i)) {
      close = ']]>';
      from = i + 9;
    } else if (buf.startsWith('<!--', i)) {
      close = '-->';
      from = i + 4;
    } else if (buf.charCodeAt(i + 1) === 0x3f) close = '?>';
    else if (!final && buf.length - i < 9) return -1;
    else close = '>';
    const end = buf.indexOf(close, from);
    if (end === -1) {
      if (!final && buf.length - i < MAX_MARKUP) return -1;
      this.fail(this.consumed + i, 'malformed markup');
      return buf.length;
    }
    if (close === ']]>' && this.stack.length > 0) this.handler.text(buf.slice(from, end));
    return end + close.length;
  }

  private closeTag(qname: string, at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === qname) {
      this.stack.pop();
      this.handler.close(localName(qname));
      return;
    }
    this.fail(this.consumed + at, 'mismatched end tag');
    // Recover as a browser would: close up to the matching element if it is open, else ignore the tag.
    const index = this.stack.lastIndexOf(qname);
    if (index === -1) return;
    while (this.stack.length > index) this.handler.close(localName(this.stack.pop() as string));
  }

  private fail(offset: number, reason: XmlProblem['reason']): void {
    if (!this.problemAt) this.problemAt = { offset, reason };
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** XML name characters, generously: ASCII letters, `_`, `:` and anything beyond ASCII may start a name. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

const ENTITY = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the predefined entities and character references; anything else (`&nbsp;`, a bare `&`) is left as
 * written. A reference to a code point XML does not allow (NUL and most controls, a surrogate, FFFE/FFFF,
 * beyond U+10FFFF) becomes U+FFFD.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string) => {
    if (name) return NAMED[name] as string;
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec as string, 10);
    if (!isXmlChar(cp)) return '\uFFFD';
    return String.fromCodePoint(cp);
  });
}

/** A code point XML 1.0 allows in a document (tab, line ends, and the rest of Unicode but for surrogates, NUL and FFFE/FFFF). */
function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Character data as the XML spec delivers it: line ends normalised to `\n`, entities decoded. */
export function decodeXmlText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return decodeEntities(text);
}

/**
 * Calls `visit` with each attribute of a tag's raw attribute text (qualified name, value as written: entities
 * not yet decoded). Stops at the first thing that is not `name="value"` or `name='value'`.
 */
export function eachAttribute(raw: string, visit: (qname: string, rawValue: string) => void): void {
  const len = raw.length;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(raw.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < len && isNameChar(raw.charCodeAt(i))) i++;
    if (i === nameStart) return;
    const nameEnd = i;
    while (i < len && isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 0x3d /* = */) return;
    i++;
    while (i < len && isSpace(raw.charCodeAt(i))) i++;
    const quote = raw.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return;
    const close = raw.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (close === -1) return;
    visit(raw.slice(nameStart, nameEnd), raw.slice(i + 1, close));
    i = close + 1;
  }
}

/** An attribute value as XML delivers it: literal whitespace as spaces, then references decoded. */
export function decodeAttribute(raw: string): string {
  return decodeEntities(/[\t\n\r]/.test(raw) ? raw.replace(/[\t\n\r]/g, ' ') : raw);
}

/**
 * Attributes by qualified name (`r:id`) and by local name (`id`; where two share one, the first written wins),
 * values decoded.
 */
export function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (raw.length === 0) return out;
  eachAttribute(raw, (qname, rawValue) => {
    const value = decodeAttribute(rawValue);
    out[qname] = value;
    const name = localName(qname);
    if (name !== qname && !(name in out)) out[name] = value;
  });
  return out;
}

/** A relationship id attribute (`r:id`, whatever the prefix), as opposed to an unprefixed `id`. */
export function relationshipId(attrs: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(attrs)) if (k.endsWith(':id')) return v;
  return undefined;
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Excel's escape for characters XML cannot hold (`_x000D_` is a carriage return, `_x005F_` an underscore). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(OOXML_ESCAPE, (_m, hex: string) => {
    const cp = Number.parseInt(hex, 16);
    // Control characters are what the escape exists for; a lone surrogate or FFFE/FFFF is not text.
    return cp < 0x20 || isXmlChar(cp) ? String.fromCharCode(cp) : '\uFFFD';
  });
}

/**
 * decodeOoxmlEscapes for a text that comes in parts (a comment read a chunk of XML at a time), written on as
 * it comes: the end of a part that may hold the start of an escape waits for the next, so the parts written,
 * joined, are the decoding of the parts added, joined.
 */
export class OoxmlEscapeStream {
  private tail = '';

  constructor(private readonly write: (text: string) => void) {}

  add(part: string): void {
    const text = this.tail.length === 0 ? part : this.tail + part;
    const cut = escapeSafeCut(text);
    this.tail = text.slice(cut);
    if (cut > 0) this.write(decodeOoxmlEscapes(text.slice(0, cut)));
  }

  /** The text is over: what waited is decoded too. */
  end(): void {
    if (this.tail.length > 0) this.write(decodeOoxmlEscapes(this.tail));
    this.tail = '';
  }
}

/**
 * Where `text` can be cut with no escape across the cut: past the last escape found, and at least six
 * characters from the end (an escape is seven). Decoding each side alone then gives what decoding the whole
 * would, as escapes are found left to right without overlap.
 */
export function escapeSafeCut(text: string): number {
  let cut = Math.max(0, text.length - 6);
  if (!text.includes('_x')) return cut;
  for (const m of text.matchAll(OOXML_ESCAPE)) cut = Math.max(cut, m.index + 7);
  return cut;
}

/**
 * Feeds a stream of UTF-8 bytes (an XML part) to a handler; returns the first well-formedness problem, or
 * null. A UTF-16 part (allowed, never seen from Office itself) is recognised by its byte-order mark.
 */
export async function readXml(
  chunks: AsyncIterable<Uint8Array>,
  handler: XmlHandler,
): Promise<XmlProblem | null> {
  const steps = xmlSteps(chunks, handler);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

/**
 * readXml, pausing after each chunk it reads: the caller can hand on what the handler made of that chunk (a
 * sheet's rows) before more is read, or stop reading.
 */
export async function* xmlSteps(
  chunks: AsyncIterable<Uint8Array>,
  handler: XmlHandler,
): AsyncGenerator<void, XmlProblem | null> {
  const reader = new XmlReader(handler);
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  for await (const chunk of chunks) {
    if (!decoder) decoder = new TextDecoder(utf16(chunk) ?? 'utf-8');
    reader.feed(decoder.decode(chunk, { stream: true }));
    yield;
  }
  if (decoder) reader.feed(decoder.decode());
  return reader.end();
}

function utf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

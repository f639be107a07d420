/**
 * Record boundaries, found as the text streams by. A record is what one person's data sits in together:
 * a line of a table, log or NDJSON file; an element object of a JSON array; a short paragraph of prose (a
 * letter's address block, a `Key: value` block); the repeated element of an XML export. Paragraphs longer than PARAGRAPH_LINES fall back to
 * one record per line, so memory stays bounded however long a file runs without a blank line.
 */

export const RECORD_MODES = ['lines', 'paragraphs', 'json', 'xml', 'sql'] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export const PARAGRAPH_LINES = 12;

/** [start, end) in stream offsets. */
export interface Span {
  start: number;
  end: number;
  /** A prose paragraph of several lines: it may turn out to list several people (see classify). */
  paragraph?: boolean;
  /**
   * A record inside the record still open (an object in an array within a JSON record: the orders of a page
   * of an API dump). Taken as a record of its own only if the record around it proves too big to be one
   * person's (see classify); otherwise the record around it is the record.
   */
  inner?: boolean;
}

export interface RecordTracker {
  /** Consumes text[from, until) (stream offset of text[0] is `base`); returns the records it closed. */
  feed(text: string, from: number, until: number, base: number): Span[];
  /** Closes whatever is open at the end of the stream. */
  finish(): Span[];
}

/** `firstText` is the start of the stream: XML needs it to find which element is the record. */
export function createRecordTracker(mode: RecordMode, firstText = ''): RecordTracker {
  if (mode === 'json') return new JsonRecords();
  if (mode === 'sql') return new SqlRecords();
  if (mode === 'xml') {
    const tag = xmlRecordTag(firstText);
    if (tag) return new XmlRecords(tag);
  }
  return new LineRecords(mode === 'paragraphs' ? PARAGRAPH_LINES : 1);
}

/** Picks the record mode from the first text of a stream. */
export function sniffRecordMode(firstText: string, tabular: boolean): RecordMode {
  if (tabular) return 'lines';
  const head = firstText.trimStart();
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('<') && xmlRecordTag(head) !== null) return 'xml';
  if (SQL_ROWS.test(head)) return 'sql';
  const lines = head.split('\n', 21).filter((l) => l.trim().length > 0);
  if (head.startsWith('{')) {
    const objectLines = lines.filter((l) => l.trimStart().startsWith('{')).length;
    return objectLines >= Math.min(3, lines.length) && lines.length > 1 ? 'lines' : 'json';
  }
  const logLike = lines.filter((l) => LOG_LINE.test(l)).length;
  return lines.length > 0 && logLike / lines.length >= 0.5 ? 'lines' : 'paragraphs';
}

/** SQL dumps: a row per line (an INSERT, a COPY block), or many rows on one line (see SqlRecords). */
const SQL_ROWS = /^\s*(?:insert\s+into\s|copy\s+[\w."]+\s*\([^)]*\)\s*from\s+stdin)/im;

const LOG_LINE =
  /^\s*(?:\[?\d{4}-\d{2}-\d{2}[ T]\d|\[?\d{2}[:/]\d{2}[:/]\d{2,4}|\w{3} +\d{1,2} \d{2}:|(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b)/;

class LineRecords implements RecordTracker {
  private paraStart = -1;
  private lineStarts: number[] = [];
  private lineStart = -1;
  private lineHasText = false;
  private pos = 0;

  constructor(private readonly maxParagraph: number) {}

  feed(text: string, from: number, until: number, base: number): Span[] {
    const out: Span[] = [];
    let i = from;
    while (i < until) {
      if (this.lineStart < 0) {
        this.lineStart = base + i;
        this.lineHasText = false;
      }
      const nl = text.indexOf('\n', i);
      const end = nl === -1 || nl >= until ? until : nl;
      if (!this.lineHasText && /\S/.test(text.slice(i, end))) this.lineHasText = true;
      if (end === until && (nl === -1 || nl >= until)) {
        i = until;
        break;
      }
      this.endLine(base + nl + 1, out);
      i = nl + 1;
    }
    this.pos = base + until;
    return out;
  }

  private endLine(next: number, out: Span[]): void {
    const start = this.lineStart;
    this.lineStart = -1;
    if (!this.lineHasText) {
      this.closeParagraph(start, out);
      return;
    }
    if (this.maxParagraph <= 1) {
      out.push({ start, end: next });
      return;
    }
    if (this.paraStart < 0) this.paraStart = start;
    this.lineStarts.push(start);
    if (this.lineStarts.length > this.maxParagraph) {
      // Too long to be one person's block: every line so far, and every later line, is its own record.
      const starts = this.lineStarts;
      for (let k = 0; k < starts.length; k++)
        out.push({ start: starts[k] as number, end: starts[k + 1] ?? next });
      this.lineStarts = [];
      this.paraStart = -1;
      this.maxParagraphExceeded = true;
    } else if (this.maxParagraphExceeded) {
      this.lineStarts = [];
      this.paraStart = -1;
      out.push({ start, end: next });
    }
  }

  private maxParagraphExceeded = false;

  private closeParagraph(end: number, out: Span[]): void {
    if (this.paraStart >= 0) out.push({ start: this.paraStart, end, paragraph: this.lineStarts.length > 1 });
    this.paraStart = -1;
    this.lineStarts = [];
    this.maxParagraphExceeded = false;
  }

  finish(): Span[] {
    const out: Span[] = [];
    if (this.lineStart >= 0) {
      if (this.lineHasText) this.endLine(this.pos, out);
      else this.lineStart = -1;
    }
    this.closeParagraph(this.pos, out);
    return out;
  }
}

/**
 * A SQL dump: each line is a record, except that a line of INSERT (mysqldump's extended inserts put thousands of
 * rows on one line) is a record per parenthesised row: from the end of the last one to the `)` closing this one.
 * Quotes ('…' and "…", with backslash escapes; a doubled quote closes and reopens) hide their parentheses. A
 * row never runs past its line.
 */
class SqlRecords implements RecordTracker {
  private readonly lines = new LineRecords(1);
  /** Inside a line of INSERT: where its current record began, else -1. */
  private from = -1;
  private depth = 0;
  private quote = 0;
  private escaped = false;
  /** Past the VALUES keyword: the column list before it is not a row. */
  private values = false;
  /** The last feed ended a plain line (the next character starts a line). */
  private atLineStart = true;
  private pos = 0;

  feed(text: string, from: number, until: number, base: number): Span[] {
    const out: Span[] = [];
    let i = from;
    this.pos = base + until;
    while (i < until) {
      if (this.from < 0) {
        // Plain lines go to LineRecords a line at a time; a line of INSERT is read character by character.
        if (!this.atLineStart || !INSERT_LINE.test(text.slice(i, i + 64))) {
          const nl = text.indexOf('\n', i);
          const end = nl === -1 || nl >= until ? until : nl + 1;
          for (const span of this.lines.feed(text, i, end, base)) out.push(span);
          this.atLineStart = end === nl + 1;
          i = end;
          continue;
        }
        for (const span of this.lines.finish()) out.push(span);
        this.from = base + i;
        this.depth = 0;
        this.quote = 0;
        this.escaped = false;
        this.values = false;
      }
      i = this.insertLine(text, i, until, base, out);
    }
    return out;
  }

  /** Reads a line of INSERT from `i`; returns where it stopped (the line's end, or `until`). */
  private insertLine(text: string, i: number, until: number, base: number, out: Span[]): number {
    for (; i < until; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        // The line ends the last record whatever the quotes say: a quote misread (a backslash that escapes
        // nothing in SQLite or PostgreSQL, an apostrophe in a comment) costs that line only.
        out.push({ start: this.from, end: base + i + 1 });
        this.from = -1;
        return i + 1;
      }
      if (this.quote !== 0) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === this.quote) this.quote = 0;
        continue;
      }
      if (c === 39 /* ' */ || c === 34 /* " */) this.quote = c;
      else if (c === 40 /* ( */) this.depth++;
      else if ((c === 86 || c === 118) /* V v */ && this.depth === 0 && !this.values) {
        this.values = /^values\b/i.test(text.slice(i, i + 7)) && !/\w/.test(text[i - 1] ?? ' ');
      } else if (c === 41 /* ) */ && this.depth > 0) {
        this.depth--;
        if (this.depth === 0 && this.values) {
          out.push({ start: this.from, end: base + i + 1 });
          this.from = base + i + 1;
        }
      }
    }
    return i;
  }

  finish(): Span[] {
    const out = this.lines.finish();
    if (this.from >= 0) out.push({ start: this.from, end: this.pos });
    this.from = -1;
    return out;
  }
}

const INSERT_LINE = /^[ \t]*(?:insert|replace)[ \t]+(?:[a-z_]+[ \t]+)*into[ \t]/i;

/**
 * Objects whose parent is an array (the rows of a JSON export); other text forms one record per line. Within a
 * record, objects in an array are inner records (see Span.inner).
 */
class JsonRecords implements RecordTracker {
  private stack: string[] = [];
  private recordDepth = -1;
  private recordStart = 0;
  private innerDepth = -1;
  private innerStart = 0;
  private inString = false;
  private escaped = false;
  private pos = 0;

  feed(text: string, from: number, until: number, base: number): Span[] {
    const out: Span[] = [];
    const stack = this.stack;
    for (let i = from; i < until; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 /* { */ || c === 91 /* [ */) {
        if (c === 123 && stack[stack.length - 1] === '[') {
          if (this.recordDepth < 0) {
            this.recordDepth = stack.length;
            this.recordStart = base + i;
          } else if (this.innerDepth < 0) {
            this.innerDepth = stack.length;
            this.innerStart = base + i;
          }
        }
        stack.push(c === 123 ? '{' : '[');
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        stack.pop();
        if (this.innerDepth >= 0 && stack.length === this.innerDepth) {
          out.push({ start: this.innerStart, end: base + i + 1, inner: true });
          this.innerDepth = -1;
        } else if (this.recordDepth >= 0 && stack.length === this.recordDepth) {
          out.push({ start: this.recordStart, end: base + i + 1 });
          this.recordDepth = -1;
          this.innerDepth = -1;
        }
      }
    }
    this.pos = base + until;
    return out;
  }

  finish(): Span[] {
    const out: Span[] = [];
    if (this.recordDepth >= 0) out.push({ start: this.recordStart, end: this.pos });
    this.recordDepth = -1;
    this.innerDepth = -1;
    return out;
  }
}

const OPEN_WITH_CHILD = /<([A-Za-z_][\w:.-]{0,63})(?:\s[^<>]*)?>\s*(?=<[A-Za-z_])/g;

/**
 * The element that holds one record in an XML export: the most frequent element whose content starts with
 * another element (`<customer><name>…`), seen at least twice. The root appears once and loses to its rows.
 */
export function xmlRecordTag(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(OPEN_WITH_CHILD)) {
    const tag = m[1] as string;
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestN = 1;
  for (const [tag, n] of counts) {
    if (n > bestN) {
      best = tag;
      bestN = n;
    }
  }
  return best;
}

/** One record per occurrence of the record element, from its start tag to its end tag. */
class XmlRecords implements RecordTracker {
  private readonly tags: RegExp;
  private depth = 0;
  private recordStart = 0;
  private pos = 0;

  constructor(tag: string) {
    const name = tag.replace(/[.]/g, '\\.');
    this.tags = new RegExp(`<(/?)${name}(?=[\\s>/])([^<>]*?)(/?)>`, 'g');
  }

  feed(text: string, from: number, until: number, base: number): Span[] {
    const out: Span[] = [];
    const re = this.tags;
    re.lastIndex = from;
    for (let m = re.exec(text); m !== null && m.index < until; m = re.exec(text)) {
      if (m[3] === '/') continue;
      if (m[1] === '/') {
        if (this.depth === 0) continue;
        this.depth--;
        if (this.depth === 0) out.push({ start: this.recordStart, end: base + m.index + m[0].length });
      } else {
        if (this.depth === 0) this.recordStart = base + m.index;
        this.depth++;
      }
    }
    this.pos = base + until;
    return out;
  }

  finish(): Span[] {
    const out: Span[] = [];
    if (this.depth > 0) out.push({ start: this.recordStart, end: this.pos });
    this.depth = 0;
    return out;
  }
}

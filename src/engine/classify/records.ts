/**
 * Record boundaries, found as the text streams by. A record is what one person's data sits in together:
 * a line of a table, log or NDJSON file; an element object of a JSON array; a short paragraph of prose (a
 * letter's address block, a `Key: value` block). Paragraphs longer than PARAGRAPH_LINES fall back to
 * one record per line, so memory stays bounded however long a file runs without a blank line.
 */

export const RECORD_MODES = ['lines', 'paragraphs', 'json'] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export const PARAGRAPH_LINES = 12;

/** [start, end) in stream offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface RecordTracker {
  /** Consumes text[from, until) (stream offset of text[0] is `base`); returns the records it closed. */
  feed(text: string, from: number, until: number, base: number): Span[];
  /** Closes whatever is open at the end of the stream. */
  finish(): Span[];
}

export function createRecordTracker(mode: RecordMode): RecordTracker {
  return mode === 'json' ? new JsonRecords() : new LineRecords(mode === 'paragraphs' ? PARAGRAPH_LINES : 1);
}

/** Picks the record mode from the first text of a stream. */
export function sniffRecordMode(firstText: string, tabular: boolean): RecordMode {
  if (tabular) return 'lines';
  const head = firstText.trimStart();
  if (head.startsWith('[')) return 'json';
  const lines = head.split('\n', 21).filter((l) => l.trim().length > 0);
  if (head.startsWith('{')) {
    const objectLines = lines.filter((l) => l.trimStart().startsWith('{')).length;
    return objectLines >= Math.min(3, lines.length) && lines.length > 1 ? 'lines' : 'json';
  }
  const logLike = lines.filter((l) => LOG_LINE.test(l)).length;
  return lines.length > 0 && logLike / lines.length >= 0.5 ? 'lines' : 'paragraphs';
}

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
    if (this.paraStart >= 0) out.push({ start: this.paraStart, end });
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

/** Objects whose parent is an array (the rows of a JSON export); other text forms one record per line. */
class JsonRecords implements RecordTracker {
  private stack: string[] = [];
  private recordDepth = -1;
  private recordStart = 0;
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
        if (c === 123 && this.recordDepth < 0 && stack[stack.length - 1] === '[') {
          this.recordDepth = stack.length;
          this.recordStart = base + i;
        }
        stack.push(c === 123 ? '{' : '[');
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        stack.pop();
        if (this.recordDepth >= 0 && stack.length === this.recordDepth) {
          out.push({ start: this.recordStart, end: base + i + 1 });
          this.recordDepth = -1;
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
    return out;
  }
}

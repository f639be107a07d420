/**
 * A window of decoded text handed to detection. Consecutive segments of one stream overlap so that a
 * value straddling a read boundary is seen whole in one of them; `acceptFrom`/`acceptUntil` say which
 * match starts this segment owns, so nothing is reported twice.
 */
export interface Segment {
  text: string;
  /** Offset of text[0] in the whole decoded stream. */
  base: number;
  /** Matches starting before this index belong to the previous segment. */
  acceptFrom: number;
  /** Matches starting at or after this index belong to the next segment. */
  acceptUntil: number;
  /** 1-based line and column of text[acceptFrom]. */
  line: number;
  column: number;
  /** Byte offset in the file of the first accepted character, when known (strings mode). */
  byteOffset?: number;
}

/** Line/column lookups within one segment, built lazily from its newline positions. */
export class LineIndex {
  private newlines: number[] | null = null;
  constructor(private readonly segment: Segment) {}

  private build(): number[] {
    const { text, acceptFrom } = this.segment;
    const out: number[] = [];
    for (let i = text.indexOf('\n', acceptFrom); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i);
    this.newlines = out;
    return out;
  }

  /** 1-based line and column of text[index], for index >= acceptFrom. */
  position(index: number): { line: number; column: number } {
    const nl = this.newlines ?? this.build();
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((nl[mid] as number) < index) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0)
      return { line: this.segment.line, column: this.segment.column + index - this.segment.acceptFrom };
    return { line: this.segment.line + lo, column: index - (nl[lo - 1] as number) };
  }
}

import { textSource } from '../byte-source.js';
import { type OfficePackage, wasRead } from './office-package.js';
import type { TextPieces } from './office-text.js';
import type { XmlHandler } from './office-xml.js';
import type { Part } from './types.js';

/** One XML part of a text: the handler that writes its text, and what goes between it and the text before. */
export interface XmlText {
  part: string;
  handler: XmlHandler;
  before?: () => void;
}

export interface StreamedTextOptions {
  /** Where the parts' errors are reported (default: the document). */
  reportAt?: string;
  /**
   * How many of the first parts may start the text (default: all). When none of them can be read, there is
   * no text, and the parts after them are read only for their errors.
   */
  starters?: number;
  /** Whether a starting part whose reading ended with `error` counts as read (default: wasRead). */
  read?: (error: Part | null) => boolean;
  /** Errors found before any part was read, reported after the text. */
  errors?: readonly Part[];
}

/**
 * One text made of XML parts read in turn, each handler writing into `out` (a Word document's body, then its
 * headers and footers…), handed on as a stream while the parts are read: each chunk's text is passed on in
 * pieces before the next chunk is read, so the text is never whole in memory, and the scan charges it to the
 * expansion budget as it reads it. The stream is yielded once a starting part has been read from (a part that
 * cannot be read at all, being encrypted or in an unknown compression, starts nothing); the errors of every
 * part follow it, in order.
 */
export async function* streamedText(
  pkg: OfficePackage,
  name: string | null,
  out: TextPieces,
  parts: readonly XmlText[],
  options: StreamedTextOptions = {},
): AsyncGenerator<Part> {
  const reportAt = options.reportAt ?? pkg.path;
  const isRead = options.read ?? wasRead;
  const starters = Math.min(options.starters ?? parts.length, parts.length);
  const errors = [...(options.errors ?? [])];
  const begin = async (at: number) => {
    const { part, handler, before } = parts[at] as XmlText;
    before?.();
    const reading = pkg.steps(part, handler, reportAt);
    return { reading, step: await reading.next() };
  };
  let steps: AsyncGenerator<void, Part | null> | null = null;
  try {
    let i = 0;
    let step: IteratorResult<void, Part | null> | null = null;
    for (; i < starters; i++) {
      ({ reading: steps, step } = await begin(i));
      if (!step.done || isRead(step.value)) break;
      if (step.value) errors.push(step.value);
    }
    if (i === starters || !steps || !step) {
      // Nothing to hand on: the other parts are read for their errors alone, their text dropped as it comes.
      for (; i < parts.length; i++) {
        ({ reading: steps, step } = await begin(i));
        for (out.clear(); !step.done; out.clear()) step = await steps.next();
        if (step.value) errors.push(step.value);
      }
      yield* errors;
      return;
    }
    let reading = steps;
    let at = step;
    yield {
      kind: 'stream',
      name,
      inspection: 'office',
      source: textSource(async function* () {
        for (;;) {
          while (!at.done) {
            yield* out.pieces();
            at = await reading.next();
          }
          if (at.value) errors.push(at.value);
          if (++i === parts.length) break;
          ({ reading, step: at } = await begin(i));
          steps = reading;
        }
        yield* out.end();
      }),
    };
    yield* errors;
  } finally {
    await steps?.return(null);
  }
}

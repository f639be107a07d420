import type { FileResult } from '../model/finding.js';
import type { Inspection } from '../model/vocabulary.js';
import type { CompiledRule } from '../rulepack/compiled.js';
import { type ClassifyOptions, FileClassifier } from './classify/classify.js';
import { createRecordTracker, sniffRecordMode } from './classify/records.js';
import { detect } from './detect/detect.js';
import { FieldContext } from './detect/fields.js';
import { inferColumns } from './detect/infer-columns.js';
import { allowsInlineIgnore } from './detect/source-code.js';
import { sniffTable } from './detect/table.js';
import type { ByteSource } from './extract/byte-source.js';
import type { Peeked } from './extract/peek.js';
import type { Segment } from './extract/segment.js';
import { sniffEncoding } from './extract/sniff.js';
import { stringsSegments } from './extract/strings-segments.js';
import { type DecodeState, textSegments } from './extract/text-segments.js';
import { Fingerprinter } from './fingerprint/keyed.js';

export interface StreamScanOptions extends ClassifyOptions {
  /** Wall-clock budget for one top-level file; checked between segments. */
  timeBudgetMs: number;
}

export interface StreamScan {
  result: FileResult;
  /** The budget ran out part-way: the result covers only what was read. */
  timedOut: boolean;
}

/**
 * One stream of bytes, decoded and scanned: text (UTF-8/16, windows-1252) or, for binary, its printable
 * strings. `inspection` names an extractor when the text came from one (a PDF page, a table of a database).
 */
export async function scanStream(
  path: string,
  input: Peeked,
  rules: readonly CompiledRule[],
  options: StreamScanOptions,
  context: { started: number; inspection?: Inspection },
): Promise<StreamScan> {
  const sniffed = sniffEncoding(input.head);
  const content = options.fingerprintKey ? new Fingerprinter(options.fingerprintKey).content() : null;
  const source = content ? hashed(input.source, content) : input.source;
  const strings = sniffed.encoding === 'binary';
  const decode: DecodeState = { encoding: strings ? 'utf-8' : sniffed.encoding };
  const segments: AsyncIterable<Segment> = strings
    ? stringsSegments(source)
    : textSegments(source, decode, sniffed.bomLength);

  // Text an extractor made (a PDF page, a table) and strings of a binary are data, never commented code.
  const inlineIgnore = !strings && context.inspection === undefined && allowsInlineIgnore(path);
  const classifier = new FileClassifier(options);
  let fields: FieldContext | null = null;
  let headerLine: number | null = null;
  let tracker: ReturnType<typeof createRecordTracker> | null = null;
  let timedOut = false;
  for await (const segment of segments) {
    if (!fields || !tracker) {
      const first = segment.text.slice(segment.acceptFrom, segment.acceptFrom + 65536);
      const table = strings ? null : sniffTable(first);
      const named = table && inferColumns(table, first, rules);
      fields = new FieldContext(named);
      if (named?.headers && !named.inferred) headerLine = nonBlankLine(segment, named.skip ?? 0);
      const head = segment.text.slice(0, 65536);
      tracker = createRecordTracker(strings ? 'lines' : sniffRecordMode(head, named !== null), head);
    }
    classifier.add(detect({ segment, rules, fields, headerLine, inlineIgnore }));
    classifier.close(tracker.feed(segment.text, segment.acceptFrom, segment.acceptUntil, segment.base));
    if (Date.now() - context.started > options.timeBudgetMs) {
      timedOut = true;
      break;
    }
  }
  if (tracker) classifier.close(tracker.finish());
  const c = classifier.finish();
  const size = Number.isFinite(input.source.size) ? input.source.size : input.bytesRead();
  const result: FileResult = {
    path,
    size,
    verdict: c.verdict,
    records: c.records,
    inspection: context.inspection ?? (strings ? 'strings' : 'text'),
    encoding: strings ? 'binary' : decode.encoding,
    counts: c.counts,
    findings: c.findings,
  };
  if (c.truncated) result.truncated = true;
  if (content && !timedOut) result.fingerprint = content.digest();
  return { result, timedOut };
}

/**
 * The line number of the segment's non-blank line `k` (0: the first), blank as sniffTable counts it (trim()):
 * a title may stand above a header.
 */
function nonBlankLine(segment: Segment, k: number): number {
  const { text, acceptFrom } = segment;
  let line = segment.line;
  let seen = 0;
  for (let start = acceptFrom; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(start, end).trim().length > 0) {
      if (seen === k) return line;
      seen++;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return line;
}

function hashed(source: ByteSource, content: { update(chunk: Uint8Array): void }): ByteSource {
  return {
    size: source.size,
    async *chunks() {
      for await (const chunk of source.chunks()) {
        content.update(chunk);
        yield chunk;
      }
    },
  };
}

import { type FileErrorCode, fileErrorMessage } from '../model/errors.js';
import type { FileError, FileResult } from '../model/finding.js';
import type { CompiledRule } from '../rulepack/compiled.js';
import { type ClassifyOptions, FileClassifier } from './classify/classify.js';
import { createRecordTracker, sniffRecordMode } from './classify/records.js';
import { detect } from './detect/detect.js';
import { FieldContext } from './detect/fields.js';
import { inferColumns } from './detect/infer-columns.js';
import { sniffTable } from './detect/table.js';
import { type ByteSource, fileSource } from './extract/byte-source.js';
import type { Segment } from './extract/segment.js';
import { sniffEncoding } from './extract/sniff.js';
import { stringsSegments } from './extract/strings-segments.js';
import { type DecodeState, textSegments } from './extract/text-segments.js';

export interface FileScanOptions extends ClassifyOptions {
  /** Wall-clock budget for one file; checked between segments (the pool also enforces it from outside). */
  timeBudgetMs: number;
}

export interface FileTask {
  /** Absolute path to read. */
  absPath: string;
  /** Path as reported (relative to its root, POSIX separators). */
  path: string;
  size: number;
}

/** What scanning one file produced: a result, an error, or both (a partial read). Plain data only. */
export interface FileOutcome {
  path: string;
  bytes: number;
  result?: FileResult;
  error?: FileError;
}

/** One file, start to finish: the same function in-process and inside a worker. */
export async function scanFile(
  task: FileTask,
  rules: readonly CompiledRule[],
  options: FileScanOptions,
): Promise<FileOutcome> {
  try {
    return await scanSource(task.path, fileSource(task.absPath, task.size), rules, options);
  } catch (e) {
    return { path: task.path, bytes: 0, error: errorFor(task.path, e) };
  }
}

/** Scans any byte source; used for files, rule examples and tests. */
export async function scanSource(
  path: string,
  source: ByteSource,
  rules: readonly CompiledRule[],
  options: FileScanOptions,
): Promise<FileOutcome> {
  const started = Date.now();
  const iterator = source.chunks()[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  let bytes = head.length;
  const replay: ByteSource = {
    size: source.size,
    async *chunks() {
      if (head.length > 0) yield head;
      for (let n = await iterator.next(); !n.done; n = await iterator.next()) {
        bytes += n.value.length;
        yield n.value;
      }
    },
  };
  const sniffed = sniffEncoding(head);
  const strings = sniffed.encoding === 'binary';
  const decode: DecodeState = { encoding: strings ? 'utf-8' : sniffed.encoding };
  const segments: AsyncIterable<Segment> = strings
    ? stringsSegments(replay)
    : textSegments(replay, decode, sniffed.bomLength);

  const classifier = new FileClassifier(options);
  let fields: FieldContext | null = null;
  let headerLine: number | null = null;
  let tracker: ReturnType<typeof createRecordTracker> | null = null;
  let timedOut = false;
  for await (const segment of segments) {
    if (!fields || !tracker) {
      const first = segment.text.slice(segment.acceptFrom, segment.acceptFrom + 65536);
      const sniffed = strings ? null : sniffTable(first);
      const table = sniffed && inferColumns(sniffed, first, rules);
      fields = new FieldContext(table);
      if (table?.headers && !table.inferred) headerLine = firstNonBlankLine(segment);
      const head = segment.text.slice(0, 65536);
      tracker = createRecordTracker(strings ? 'lines' : sniffRecordMode(head, table !== null), head);
    }
    classifier.add(detect({ segment, rules, fields, headerLine }));
    classifier.close(tracker.feed(segment.text, segment.acceptFrom, segment.acceptUntil, segment.base));
    if (Date.now() - started > options.timeBudgetMs) {
      timedOut = true;
      break;
    }
  }
  if (tracker) classifier.close(tracker.finish());
  const c = classifier.finish();
  const result: FileResult = {
    path,
    size: source.size,
    verdict: c.verdict,
    records: c.records,
    inspection: strings ? 'strings' : 'text',
    encoding: strings ? 'binary' : decode.encoding,
    counts: c.counts,
    findings: c.findings,
  };
  if (c.truncated) result.truncated = true;
  const outcome: FileOutcome = { path, bytes, result };
  if (timedOut) outcome.error = fileError(path, 'TIMEOUT', { limit: options.timeBudgetMs });
  return outcome;
}

function firstNonBlankLine(segment: Segment): number {
  const { text, acceptFrom } = segment;
  let line = segment.line;
  for (let i = acceptFrom; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch !== '\r' && ch !== ' ' && ch !== '\t') break;
  }
  return line;
}

export function fileError(
  path: string,
  code: FileErrorCode,
  data: { limit?: number; detail?: string } = {},
): FileError {
  return { path, code, message: fileErrorMessage(code, data) };
}

/** Maps a thrown error to a per-file error; never carries file content. */
export function errorFor(path: string, e: unknown): FileError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return fileError(path, 'EACCES');
  if (code === 'ENOENT') return fileError(path, 'ENOENT');
  if (code === 'EIO') return fileError(path, 'EIO');
  return fileError(path, 'READ_ERROR', { detail: typeof code === 'string' ? code : 'unexpected error' });
}

import type { PathLike } from 'node:fs';
import { type FileErrorCode, fileErrorMessage } from '../model/errors.js';
import type { FileError, FileResult } from '../model/finding.js';
import type { CompiledRule } from '../rulepack/compiled.js';
import { type ByteSource, bufferSource, fileSource } from './extract/byte-source.js';
import { DEFAULT_LIMITS, ExpansionBudget, ExtractError, type ExtractLimits } from './extract/limits.js';
import { asFileError, type EntryContext, scanEntry } from './scan-entry.js';
import type { StreamScanOptions } from './scan-stream.js';

export interface FileScanOptions extends StreamScanOptions {
  /** Bounds on archives and documents inside one file (defaults: DEFAULT_LIMITS). */
  limits?: ExtractLimits;
  /**
   * The scan's roots, where a scratch file (a workbook's shared strings past their memory cap) is never named;
   * null for no scratch file at all (a remote scan writes nothing of the remote data to disk). Default: none.
   */
  scratchRoots?: readonly string[] | null;
  /** Characters of a workbook's shared strings held in memory before the rest go to a scratch file (tests). */
  sharedStringsMemoryChars?: number;
}

export interface FileTask {
  /**
   * Absolute path to read: text, or raw bytes where a name in it is not UTF-8 (a Buffer arrives in a worker as
   * a plain Uint8Array).
   */
  absPath: string | Uint8Array;
  /** Path as reported (relative to its root, POSIX separators). */
  path: string;
  size: number;
  /** The whole file, read elsewhere (a small sftp:// file): scanned from here, `absPath` unused. */
  bytes?: Uint8Array;
}

/**
 * What scanning one file produced: a result per file read (the file itself, or each member of an archive,
 * `a.zip!/b.csv`) and an error per file or member not fully read. Plain data only.
 */
export interface FileOutcome {
  path: string;
  bytes: number;
  results: FileResult[];
  errors: FileError[];
}

/** One file, start to finish: the same function in-process and inside a worker. */
export function scanFile(
  task: FileTask,
  rules: readonly CompiledRule[],
  options: FileScanOptions,
): Promise<FileOutcome> {
  if (task.bytes) return scanTopLevel(task.path, bufferSource(task.bytes), rules, options);
  const abs = typeof task.absPath === 'string' ? task.absPath : Buffer.from(task.absPath);
  return scanTopLevel(task.path, fileSource(abs, task.size), rules, options, abs);
}

/** Scans any byte source as a top-level file; used for rule examples and tests. */
export function scanSource(
  path: string,
  source: ByteSource,
  rules: readonly CompiledRule[],
  options: FileScanOptions,
): Promise<FileOutcome> {
  return scanTopLevel(path, source, rules, options);
}

async function scanTopLevel(
  path: string,
  source: ByteSource,
  rules: readonly CompiledRule[],
  options: FileScanOptions,
  filePath?: PathLike,
): Promise<FileOutcome> {
  const ctx: EntryContext = {
    rules,
    options,
    budget: new ExpansionBudget(options.limits ?? DEFAULT_LIMITS, source.size),
    office: {
      // null (an sftp:// scan: no scratch file at all) must stay null, not become [].
      scratchRoots: options.scratchRoots === undefined ? [] : options.scratchRoots,
      ...(options.sharedStringsMemoryChars !== undefined
        ? { sharedStringsMemoryChars: options.sharedStringsMemoryChars }
        : {}),
    },
    started: Date.now(),
    results: [],
    errors: [],
    timedOut: false,
  };
  try {
    await scanEntry({ path, source, depth: 0, ...(filePath !== undefined ? { filePath } : {}) }, ctx);
  } catch (e) {
    ctx.errors.push(e instanceof ExtractError ? asFileError(e) : errorFor(path, e));
  }
  if (ctx.timedOut) ctx.errors.push(fileError(path, 'TIMEOUT', { limit: options.timeBudgetMs }));
  return { path, bytes: source.size, results: ctx.results, errors: ctx.errors };
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
  if (code === 'CHANGED') return fileError(path, 'CHANGED');
  return fileError(path, 'READ_ERROR', { detail: typeof code === 'string' ? code : 'unexpected error' });
}

import { existsSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import type { FileError, FileResult, SkippedFile } from '../model/finding.js';
import { type Report, SCHEMA_VERSION, type Summary } from '../model/report.js';
import type { CheckedPack } from '../rulepack/compile.js';
import type { CompiledPack } from '../rulepack/compiled.js';
import { loadCheckedPacks, packSource } from '../rulepack/packs.js';
import { VERSION } from '../version.js';
import { readAll } from './extract/peek.js';
import { FINGERPRINT_ALGORITHM, Fingerprinter } from './fingerprint/keyed.js';
import { keepHeapNearLive } from './heap.js';
import { BATCH_FILE_BYTES, Schedule } from './pool/batches.js';
import { ByteBatches } from './pool/byte-batches.js';
import { createPool, type FilePool } from './pool/pool.js';
import { type RemoteOptions, type RemoteScanner, scanRemote } from './remote/scan-remote.js';
import {
  errorFor,
  type FileOutcome,
  type FileScanOptions,
  type FileTask,
  fileError,
  scanFile,
  scanSource,
} from './scan-file.js';
import { byPath, type SpoolOptions } from './spool/file-spool.js';
import { ResultTally, sortKeys } from './tally.js';
import { inShard, type Shard } from './walk/shard.js';
import { type WalkOptions, walk } from './walk/walk.js';

export interface ScanOptions {
  roots: string[];
  walk: WalkOptions;
  /** Scan only this part of the walk (the other parts are other jobs'). */
  shard?: Shard;
  packPaths: string[];
  file: FileScanOptions;
  /** 0 = in-process; N = a pool of N worker threads. */
  threads: number;
  onProgress?: (progress: Progress) => void;
  /**
   * Called with each file's results (the file, or each member of an archive) as the file completes, in
   * completion order, before the report exists (streamed output such as JSON Lines). Clean files included.
   */
  onFile?: (result: FileResult) => void;
  /**
   * Aborting it (Ctrl-C) stops the scan: no new file is started, files in workers are stopped, and each file
   * not fully scanned is listed as INTERRUPTED, so the report says it is incomplete. With threads 0 the file
   * in progress is finished first.
   */
  signal?: AbortSignal;
  /** sftp:// roots (engine/remote): `roots` are then their displays; read in this thread, scanned in the pool. */
  remote?: RemoteOptions;
  /** JSON text of listed files kept in memory before the rest is spooled (FileSpool; tests make it small). */
  listMemoryChars?: number;
}

export interface Progress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  elapsedMs: number;
  /** The walk is still going: the totals are the files found so far. */
  counting?: boolean;
}

/** The one place that composes walk → scan-file (in-process or pooled) → report model. Never prints. */
export async function scan(options: ScanOptions): Promise<Report> {
  const started = new Date();
  for (const root of options.remote ? [] : options.roots) {
    if (!existsSync(root)) throw new ResidueError('PATH_NOT_FOUND', { path: root });
  }
  const { packs, checked } = loadCheckedPacks(options.packPaths);
  const rules = packs.flatMap((p) => p.rules);
  if (options.remote) return scanHosts(options, options.remote, packs, checked, started);
  const errors: FileError[] = [];
  const skipped: SkippedFile[] = [];
  const signal = options.signal;
  // The walk is pulled as the scan goes (see Schedule): a tree of millions of files is never listed whole.
  function* files(): Generator<FileTask | null> {
    for (const entry of walk(options.roots, options.walk)) {
      if (signal?.aborted) {
        for (const root of options.roots) errors.push(fileError(root, 'INTERRUPTED'));
        return;
      }
      // The walk is synchronous: at its pauses the schedule lets a Ctrl-C through (see Schedule).
      if (entry.kind === 'pause') {
        yield null;
        continue;
      }
      if (options.shard && !inShard(entry.path, options.shard)) continue;
      if (entry.kind === 'file') yield { absPath: entry.absPath, path: entry.path, size: entry.size };
      else if (entry.kind === 'skipped') skipped.push({ path: entry.path, reason: entry.reason });
      else errors.push(fileError(entry.path, entry.code, { limit: entry.limit, detail: entry.detail }));
    }
  }
  const schedule = new Schedule(files());
  const progress: Progress = {
    filesDone: 0,
    filesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    elapsedMs: 0,
    counting: true,
  };
  // Clean files are counted, not kept: the report lists files with findings only (see ResultTally).
  const tally = new ResultTally(spoolOptions(options));
  const onDone = (task: FileTask, outcome: FileOutcome): void => {
    for (const r of outcome.results) tally.add(r);
    for (const e of outcome.errors) errors.push(e);
    progress.filesDone++;
    progress.bytesDone += task.size;
    progress.filesTotal = schedule.files;
    progress.bytesTotal = schedule.bytes;
    progress.counting = !schedule.walked;
    progress.elapsedMs = Date.now() - started.getTime();
    options.onProgress?.(progress);
    if (options.onFile) for (const result of outcome.results) options.onFile(result);
  };

  const interrupted = (task: FileTask): FileOutcome => ({
    path: task.path,
    bytes: 0,
    results: [],
    errors: [fileError(task.path, 'INTERRUPTED')],
  });
  if (options.threads <= 0) {
    keepHeapNearLive();
    const file = fileOptions(options);
    for (let batch = await schedule.next(); batch !== null; batch = await schedule.next()) {
      for (const task of batch) {
        onDone(task, signal?.aborted ? interrupted(task) : await scanFile(task, rules, file));
      }
    }
  } else {
    const pool = createPool(options.threads, { packs: checked, options: fileOptions(options) });
    try {
      // Big files go one per task, small ones in batches (fewer messages); two tasks queued per thread.
      const lane = async (): Promise<void> => {
        for (let batch = await schedule.next(); batch !== null; batch = await schedule.next()) {
          const done = signal?.aborted ? batch.map(interrupted) : await pool.runBatch(batch, signal);
          for (const [i, task] of batch.entries()) onDone(task, done[i] as FileOutcome);
        }
      };
      await Promise.all(Array.from({ length: options.threads * 2 }, lane));
    } finally {
      await pool.close();
    }
  }
  return buildReport(
    options.roots,
    packs,
    tally,
    errors,
    skipped,
    started,
    options.file.fingerprintKey,
    options.shard,
  );
}

/**
 * sftp:// roots: read in this thread, where the connections are, and scanned in the worker pool (or here, with
 * threads 0) as they arrive.
 */
async function scanHosts(
  options: ScanOptions,
  remote: RemoteOptions,
  packs: CompiledPack[],
  checked: CheckedPack[],
  started: Date,
): Promise<Report> {
  const rules = packs.flatMap((p) => p.rules);
  const tally = new ResultTally(spoolOptions(options));
  const errors: FileError[] = [];
  const onOutcome = (o: FileOutcome): void => {
    for (const r of o.results) tally.add(r);
    for (const e of o.errors) errors.push(e);
  };
  const pool =
    options.threads > 0
      ? createPool(options.threads, { packs: checked, options: fileOptions(options) })
      : null;
  if (!pool) keepHeapNearLive();
  const scanner: RemoteScanner = pool
    ? pooledScanner(pool, options.threads, options.signal)
    : { scan: (path, source) => scanSource(path, source, rules, fileOptions(options)), parallel: 0 };
  try {
    const r = await scanRemote(remote, scanner, options, onOutcome, started);
    // The hosts' own errors first, as their files' errors may share a path with them (a root that is one file).
    errors.unshift(...r.errors);
    return buildReport(
      options.roots,
      packs,
      tally,
      errors,
      r.skipped,
      started,
      options.file.fingerprintKey,
      options.shard,
    );
  } finally {
    await pool?.close();
  }
}

/** Remote files in the pool: small ones read whole here and sent in batches, large ones pulled by a worker. */
function pooledScanner(pool: FilePool, threads: number, signal?: AbortSignal): RemoteScanner {
  const batches = new ByteBatches(pool, threads, signal);
  return {
    async scan(path, source) {
      if (source.size > BATCH_FILE_BYTES)
        return pool.runSource({ absPath: '', path, size: source.size }, source, signal);
      let bytes: Uint8Array;
      try {
        bytes = await readAll(source);
      } catch (e) {
        return { path, bytes: source.size, results: [], errors: [errorFor(path, e)] };
      }
      return batches.scan({ absPath: '', path, size: bytes.length, bytes });
    },
    parallel: threads,
  };
}

/** The report from the tally of every file's result, and the errors and skips (all sorted in place). */
function buildReport(
  roots: string[],
  packs: CompiledPack[],
  tally: ResultTally,
  errors: FileError[],
  skipped: SkippedFile[],
  started: Date,
  fingerprintKey: string | undefined,
  shard?: Shard,
): Report {
  errors.sort(byPath);
  skipped.sort(byPath);
  const finished = new Date();
  const summary: Summary = {
    ...tally.counts(),
    byCategory: sortKeys(tally.byCategory),
    errors: errors.length,
    skipped: skipped.length,
    complete: errors.length === 0,
    durationMs: finished.getTime() - started.getTime(),
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'residue', version: VERSION },
    rulePacks: packs.map((p) => ({ name: p.name, version: p.version, source: packSource(p.source) })),
    ...(fingerprintKey
      ? {
          fingerprints: {
            algorithm: FINGERPRINT_ALGORITHM,
            keyId: new Fingerprinter(fingerprintKey).keyId(),
          },
        }
      : {}),
    roots,
    ...(shard ? { shard } : {}),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    files: tally.listed(),
    errors,
    skipped,
    stringsOnly: tally.stringsOnly.sort(),
    summary,
  };
}

/** Each file's options, with where a scratch file may be made: not inside a root, and not for a remote scan. */
function fileOptions(options: ScanOptions): FileScanOptions {
  return { scratchRoots: options.remote ? null : options.roots, ...options.file };
}

function spoolOptions(options: ScanOptions): SpoolOptions {
  return {
    roots: options.roots,
    ...(options.listMemoryChars !== undefined ? { memoryChars: options.listMemoryChars } : {}),
  };
}

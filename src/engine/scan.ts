import { existsSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import type { FileError, FileResult, SkippedFile } from '../model/finding.js';
import { type Report, SCHEMA_VERSION, type Summary } from '../model/report.js';
import { type Category, ENCODINGS, INSPECTIONS, VERDICTS, type Verdict } from '../model/vocabulary.js';
import type { CompiledPack } from '../rulepack/compiled.js';
import { loadCheckedPacks, packSource } from '../rulepack/packs.js';
import { VERSION } from '../version.js';
import { FINGERPRINT_ALGORITHM, Fingerprinter } from './fingerprint/keyed.js';
import { batchFiles } from './pool/batches.js';
import { createPool } from './pool/pool.js';
import { type RemoteOptions, scanRemote } from './remote/scan-remote.js';
import { type FileOutcome, type FileScanOptions, type FileTask, fileError, scanFile } from './scan-file.js';
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
  /** sftp:// roots (engine/remote): `roots` are then their displays, scanned in this thread instead. */
  remote?: RemoteOptions;
}

export interface Progress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  elapsedMs: number;
}

/** The one place that composes walk → scan-file (in-process or pooled) → report model. Never prints. */
export async function scan(options: ScanOptions): Promise<Report> {
  const started = new Date();
  for (const root of options.remote ? [] : options.roots) {
    if (!existsSync(root)) throw new ResidueError('PATH_NOT_FOUND', { path: root });
  }
  const { packs, checked } = loadCheckedPacks(options.packPaths);
  const rules = packs.flatMap((p) => p.rules);
  if (options.remote) {
    const r = await scanRemote(options.remote, rules, options, started);
    const key = options.file.fingerprintKey;
    const results = r.outcomes.flatMap((o) => o.results);
    const errors = [...r.errors, ...r.outcomes.flatMap((o) => o.errors)];
    return buildReport(options.roots, packs, results, errors, r.skipped, started, key, options.shard);
  }

  const tasks: FileTask[] = [];
  const errors: FileError[] = [];
  const skipped: SkippedFile[] = [];
  const signal = options.signal;
  let walked = 0;
  for (const entry of walk(options.roots, options.walk)) {
    // The walk is synchronous: let a Ctrl-C through now and then, and stop walking on it.
    if (signal && ++walked % 1024 === 0) await new Promise(setImmediate);
    if (signal?.aborted) {
      for (const root of options.roots) errors.push(fileError(root, 'INTERRUPTED'));
      break;
    }
    if (options.shard && !inShard(entry.path, options.shard)) continue;
    if (entry.kind === 'file') tasks.push({ absPath: entry.absPath, path: entry.path, size: entry.size });
    else if (entry.kind === 'skipped') skipped.push({ path: entry.path, reason: entry.reason });
    else errors.push(fileError(entry.path, entry.code, { limit: entry.limit, detail: entry.detail }));
  }
  // Largest first keeps every thread busy to the end instead of waiting on one big file.
  const order = [...tasks].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  const progress: Progress = {
    filesDone: 0,
    filesTotal: tasks.length,
    bytesDone: 0,
    bytesTotal: tasks.reduce((n, t) => n + t.size, 0),
    elapsedMs: 0,
  };
  // Every file's result stays until the report is built: kept compact (see compact()), not as it arrived.
  const results: FileResult[] = [];
  const onDone = (task: FileTask, outcome: FileOutcome): void => {
    for (const r of outcome.results) results.push(compact(r));
    for (const e of outcome.errors) errors.push(e);
    progress.filesDone++;
    progress.bytesDone += task.size;
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
    for (const task of order) {
      onDone(task, signal?.aborted ? interrupted(task) : await scanFile(task, rules, options.file));
    }
  } else {
    const pool = createPool(options.threads, { packs: checked, options: options.file });
    try {
      // Big files go one per task, small ones in batches (fewer messages); two tasks queued per thread.
      const batches: (FileTask[] | null)[] = batchFiles(order);
      // The walk's list of files is not needed past here: each task is let go once it has been scanned.
      tasks.length = 0;
      order.length = 0;
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < batches.length) {
          const batch = batches[next] as FileTask[];
          batches[next++] = null;
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
    results,
    errors,
    skipped,
    started,
    options.file.fingerprintKey,
    options.shard,
  );
}

const EMPTY_COUNTS: FileResult['counts'] = Object.freeze({});
const NO_FINDINGS: FileResult['findings'] = Object.freeze([]) as unknown as FileResult['findings'];
const WORDS = new Map<string, string>(
  [...VERDICTS, ...INSPECTIONS, ...ENCODINGS].map((w) => [w, w] as [string, string]),
);

/**
 * A result as it is kept until the report: a worker's answer arrives as fresh copies of every string and
 * object, and a tree of 200k files is mostly clean files whose results are alike. Their vocabulary words and
 * empty counts and findings are shared, so memory grows by little more than each file's path.
 */
function compact(r: FileResult): FileResult {
  const out: FileResult = {
    path: r.path,
    size: r.size,
    verdict: (WORDS.get(r.verdict) ?? r.verdict) as FileResult['verdict'],
    records: r.records,
    inspection: (WORDS.get(r.inspection) ?? r.inspection) as FileResult['inspection'],
    encoding: (WORDS.get(r.encoding) ?? r.encoding) as FileResult['encoding'],
    counts: Object.keys(r.counts).length === 0 ? EMPTY_COUNTS : r.counts,
    findings: r.findings.length === 0 ? NO_FINDINGS : r.findings,
  };
  if (r.truncated) out.truncated = true;
  if (r.fingerprint !== undefined) out.fingerprint = r.fingerprint;
  return out;
}

/** The report from every file's result and error (both arrays are sorted in place). */
function buildReport(
  roots: string[],
  packs: CompiledPack[],
  results: FileResult[],
  errors: FileError[],
  skipped: SkippedFile[],
  started: Date,
  fingerprintKey: string | undefined,
  shard?: Shard,
): Report {
  const byPath = (a: { path: string }, b: { path: string }): number =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  results.sort(byPath);
  errors.sort(byPath);
  skipped.sort(byPath);
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  let records = 0;
  let findings = 0;
  let bytes = 0;
  for (const r of results) {
    verdicts[r.verdict]++;
    records += r.records;
    bytes += r.size;
    for (const [c, n] of Object.entries(r.counts) as [Category, number][]) {
      byCategory[c] = (byCategory[c] ?? 0) + n;
      findings += n;
    }
  }
  const finished = new Date();
  const summary: Summary = {
    filesScanned: results.length,
    bytesScanned: bytes,
    verdicts,
    records,
    findings,
    byCategory: sortKeys(byCategory),
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
    files: results.filter((r) => r.verdict !== 'clean').map((r) => ({ ...r, counts: sortKeys(r.counts) })),
    errors,
    skipped,
    stringsOnly: results.filter((r) => r.inspection === 'strings').map((r) => r.path),
    summary,
  };
}

function sortKeys<T>(o: Partial<Record<Category, T>>): Partial<Record<Category, T>> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<
    Record<Category, T>
  >;
}

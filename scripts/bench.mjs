#!/usr/bin/env node
// `npm run bench`: residue's scan speed against ripgrep doing the same work on the same files (issue #8).
//
//   node scripts/bench.mjs [--size 50M|1G] [--tiny N | --no-tiny] [--threads 1,2,N] [--rounds R]
//                          [--growth N,N,...] [--out DIR] [--keep] [--bin PATH] [--json]
//
// Corpora, from scripts/bench/make-corpus.mjs (deterministic; see scripts/bench/README.md):
//   main   `make-corpus main --size S`: CSV customer exports, many small non-PII files, two single-line JSON dumps.
//   small  the small-file part of main: its repo/ logs/ docs/ data/ folders (files of 0.5-256 KiB, no personal
//          data), given to both tools as paths; exports/ (multi-MiB CSVs) and dumps/ (one-line JSON) are left out.
//   tiny   `make-corpus tiny --count N`: N files of ~1 KiB in 2,000 nested folders (per-file overhead).
// For each corpus, R rounds; in each round and for each thread count T, `rg --count-matches -j T -f
// pii-patterns.txt PATHS` and `residue scan PATHS --threads T --format json --fail-on never --quiet` run one after
// the other (which one goes first alternates by round). Wall time is taken around each child; peak RSS and CPU time
// (user + system) come from GNU time (-f '%M %U %S'), else, for a JS --bin, from process.resourceUsage() in a
// preload, else are not shown. The figure to watch is residue's throughput divided by rg's in the same run:
// absolute times drift on a shared machine (the load average is printed; CPU seconds suffer less from it).
// --growth 1000,20000,200000 also runs residue alone (most threads asked for) on a tiny tree of each size and
// prints its peak RSS by tree size: memory as the tree grows.
//
// Corpora live in --out (default $TMPDIR/residue-bench), each beside NAME.json with its manifest and the
// generator's sha256. A run reuses a corpus when the generator and its arguments are the same (so the manifest
// sha256 is the one a fresh generation prints) and the tree still holds the manifest's files and bytes. Corpora a
// run generates are removed at its end unless --keep; reused ones stay where they were.
// Exits 0 when every run succeeded, 1 when a tool failed, 2 on bad arguments.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR = join(ROOT, 'scripts', 'bench', 'make-corpus.mjs');
const PATTERNS = join(ROOT, 'scripts', 'bench', 'pii-patterns.txt');
const USAGE_PRELOAD = join(ROOT, 'scripts', 'bench', 'usage-preload.mjs');
const SMALL_FOLDERS = ['repo', 'logs', 'docs', 'data'];
const GNU_TIME = '/usr/bin/time';
const MiB = 1024 * 1024;
const QUALITY_NOTE = 'detection results must not change: run npm run bench:quality before and after';
const USAGE =
  'usage: node scripts/bench.mjs [--size 50M|1G] [--tiny N | --no-tiny] [--threads 1,2,N] [--rounds R]\n' +
  '                              [--growth N,N,...] [--out DIR] [--keep] [--bin PATH] [--json]';

class UsageError extends Error {}

// ---------------------------------------------------------------- options

/** @param {string[]} argv */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '50M' },
      tiny: { type: 'string', default: '200000' },
      'no-tiny': { type: 'boolean', default: false },
      threads: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '2' },
      out: { type: 'string', default: join(tmpdir(), 'residue-bench') },
      keep: { type: 'boolean', default: false },
      bin: { type: 'string', default: join(ROOT, 'bin', 'residue.js') },
      json: { type: 'boolean', default: false },
      growth: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (!/^\d+(\.\d+)?[KMG]?$/i.test(values.size))
    throw new UsageError(`bad --size ${values.size} (e.g. 50M, 1G)`);
  return {
    help: values.help,
    size: values.size.toUpperCase(),
    tiny: values['no-tiny'] ? 0 : positiveInt(values.tiny, '--tiny'),
    threads: parseThreads(values.threads),
    rounds: positiveInt(values.rounds, '--rounds'),
    out: resolve(values.out),
    keep: values.keep,
    bin: resolve(values.bin),
    json: values.json,
    growth: values.growth === undefined ? [] : parseCounts(values.growth),
  };
}

/** "1000,20000,200000" -> [1000, 20000, 200000], sorted, without repeats. */
function parseCounts(spec) {
  return [...new Set(spec.split(',').map((s) => positiveInt(s.trim(), '--growth')))].sort((a, b) => a - b);
}

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} wants a whole number above 0, not ${text}`);
  return n;
}

/** "1,2,N" -> [1, 2, availableParallelism()], sorted, without repeats. */
function parseThreads(spec) {
  const list = spec
    .split(',')
    .map((s) => (s.trim().toUpperCase() === 'N' ? availableParallelism() : s.trim()));
  return [...new Set(list.map((t) => positiveInt(t, '--threads')))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- tools

function findRipgrep() {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? { command: 'rg', version: r.stdout.split('\n')[0] } : null;
}

/** Whether GNU time (with -f and -o) is at /usr/bin/time. */
function hasGnuTime(scratch) {
  if (!existsSync(GNU_TIME)) return false;
  const probe = join(scratch, 'time-probe');
  const r = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', probe, process.execPath, '-e', '0']);
  return r.status === 0 && readUsage(probe).rssKiB !== null;
}

/** How to start residue: node for a JS entry, the file itself for a built executable. */
function residueCommand(bin, usage) {
  if (!existsSync(bin)) throw new UsageError(`--bin ${bin} does not exist`);
  if (!/\.[cm]?js$/.test(bin)) return { command: bin, prefix: [] };
  if (bin === join(ROOT, 'bin', 'residue.js') && !existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) {
    throw new UsageError('dist/ is missing: run npm run build first');
  }
  const preload = usage === 'preload' ? ['--import', pathToFileURL(USAGE_PRELOAD).href] : [];
  return { command: process.execPath, prefix: [...preload, bin] };
}

/** Where peak RSS and CPU time come from: GNU time, a preload in residue's process (JS --bin only), or nowhere. */
function usageSource(scratch, bin) {
  if (hasGnuTime(scratch)) return 'gnu-time';
  return /\.[cm]?js$/.test(bin) ? 'preload' : 'none';
}

// ---------------------------------------------------------------- corpora

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Files and bytes under `paths`; reads every file, which also warms the page cache before timing. */
function measureTree(paths) {
  const total = { files: 0, bytes: 0 };
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile()) {
        total.files++;
        total.bytes += readFileSync(full).length;
      }
    }
  };
  for (const p of paths) visit(p);
  return total;
}

/** Generates `name` into `out` with make-corpus `args`, unless an identical one is already there. */
function prepareCorpus(out, name, args, log) {
  const dir = join(out, name);
  const sidecar = join(out, `${name}.json`);
  const generator = sha256(readFileSync(GENERATOR));
  const saved = readJson(sidecar);
  if (
    saved?.manifest &&
    saved.generator === generator &&
    JSON.stringify(saved.args) === JSON.stringify(args)
  ) {
    const tree = existsSync(dir) ? measureTree([dir]) : null;
    if (tree?.files === saved.manifest.files && tree.bytes === saved.manifest.bytes) {
      log(`${name}: reusing ${dir} (sha256 ${saved.manifest.sha256.slice(0, 12)})`);
      return { dir, sidecar, manifest: saved.manifest, generated: false };
    }
  }
  if (existsSync(dir) && !saved)
    throw new UsageError(`${dir} was not made by this script; choose another --out`);
  log(`${name}: generating into ${dir} (make-corpus ${args.join(' ')}) ...`);
  writeFileSync(sidecar, JSON.stringify({ generator, args, state: 'generating' }));
  rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [GENERATOR, ...args, '--out', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-corpus ${args.join(' ')} failed:\n${r.stderr}`);
  const manifest = JSON.parse(r.stdout.trim().split('\n').pop());
  writeFileSync(sidecar, `${JSON.stringify({ generator, args, manifest }, null, 2)}\n`);
  log(`${name}: ${manifest.files} files, ${(manifest.bytes / MiB).toFixed(1)} MiB in ${manifest.seconds} s`);
  return { dir, sidecar, manifest, generated: true };
}

/** The corpora to time: main, its small-file part and (unless --no-tiny) the tiny tree. */
function buildCorpora(opts, log) {
  const main = prepareCorpus(opts.out, `main-${opts.size}`, ['main', '--size', opts.size], log);
  const tiny = opts.tiny
    ? prepareCorpus(opts.out, `tiny-${opts.tiny}`, ['tiny', '--count', String(opts.tiny)], log)
    : null;
  const smallPaths = SMALL_FOLDERS.map((f) => join(main.dir, f)).filter((p) => existsSync(p));
  const corpora = [
    { name: 'main', paths: [main.dir], sha256: main.manifest.sha256 },
    { name: 'small', paths: smallPaths, sha256: main.manifest.sha256 },
    ...(tiny ? [{ name: 'tiny', paths: [tiny.dir], sha256: tiny.manifest.sha256 }] : []),
  ];
  for (const c of corpora) Object.assign(c, measureTree(c.paths));
  return { corpora, prepared: [main, tiny].filter(Boolean) };
}

// ---------------------------------------------------------------- running

/** Runs one child with stdout to a file; wall seconds from hrtime around it, peak RSS and CPU when available. */
function timed(command, args, { scratch, usage }) {
  const outFile = join(scratch, 'stdout');
  const usageFile = join(scratch, 'usage');
  rmSync(usageFile, { force: true });
  const [cmd, argv] =
    usage === 'gnu-time'
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, command, ...args]]
      : [command, args];
  const fd = openSync(outFile, 'w');
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: scratch,
    env: { ...process.env, RESIDUE_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', fd, 'pipe'],
    maxBuffer: 64 * MiB,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(fd);
  if (r.error) throw r.error;
  return { seconds, status: r.status, stderr: String(r.stderr), outFile, ...readUsage(usageFile) };
}

/** "%M %U %S" from the last line of a GNU time -o file (earlier lines note a non-zero exit) or the preload's. */
function readUsage(file) {
  const last = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').pop() : '';
  const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(last);
  return m
    ? { rssKiB: Number(m[1]), cpuSeconds: Number(m[2]) + Number(m[3]) }
    : { rssKiB: null, cpuSeconds: null };
}

function runRipgrep(corpus, threads, ctx) {
  const args = ['--no-config', '--count-matches', '-j', String(threads), '-f', PATTERNS, ...corpus.paths];
  const r = timed(ctx.rg.command, args, ctx);
  if (r.status !== 0 && r.status !== 1) throw new Error(`rg exited ${r.status}: ${r.stderr}`);
  let matches = 0;
  let files = 0;
  for (const line of readFileSync(r.outFile, 'utf8').split('\n')) {
    if (!line) continue;
    matches += Number(line.slice(line.lastIndexOf(':') + 1));
    files++;
  }
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, rssKiB: r.rssKiB, matches, filesWithMatches: files };
}

function runResidue(corpus, threads, ctx) {
  const scan = ['scan', ...corpus.paths, '--threads', String(threads), '--format', 'json'];
  const r = timed(
    ctx.residue.command,
    [...ctx.residue.prefix, ...scan, '--fail-on', 'never', '--quiet'],
    ctx,
  );
  if (r.status !== 0) throw new Error(`residue exited ${r.status}: ${r.stderr}`);
  // The report is a few MiB at most (findings are capped per file), so it is parsed whole.
  const report = JSON.parse(readFileSync(r.outFile, 'utf8'));
  const s = report.summary;
  ctx.residueVersion = report.tool?.version;
  return {
    seconds: r.seconds,
    cpuSeconds: r.cpuSeconds,
    rssKiB: r.rssKiB,
    files: s.filesScanned,
    bytes: s.bytesScanned,
    findings: s.findings,
    errors: s.errors,
    skipped: s.skipped,
    complete: s.complete,
    scanSeconds: s.durationMs / 1000,
  };
}

/** R rounds over every corpus and thread count, rg and residue back to back, alternating which goes first. */
function runAll(corpora, opts, ctx, log) {
  const tools = ctx.rg ? ['rg', 'residue'] : ['residue'];
  const runs = [];
  for (const corpus of corpora) {
    for (let round = 1; round <= opts.rounds; round++) {
      for (const threads of opts.threads) {
        for (const tool of round % 2 ? tools : [...tools].reverse()) {
          const result = tool === 'rg' ? runRipgrep(corpus, threads, ctx) : runResidue(corpus, threads, ctx);
          runs.push({ corpus: corpus.name, tool, threads, round, ...result });
          log(
            `${corpus.name} round ${round}/${opts.rounds} ${tool} -j ${threads}: ${result.seconds.toFixed(2)} s`,
          );
        }
      }
    }
  }
  return runs;
}

/**
 * --growth: residue alone on tiny trees of each size (the most threads asked for), for its peak RSS as the tree
 * grows: memory should follow what the report lists, not the number of files walked.
 */
function runGrowth(opts, ctx, log, prepared) {
  const threads = opts.threads[opts.threads.length - 1];
  const rows = [];
  for (const count of opts.growth) {
    const tree = prepareCorpus(opts.out, `tiny-${count}`, ['tiny', '--count', String(count)], log);
    prepared.push(tree);
    const r = runResidue({ name: `tiny-${count}`, paths: [tree.dir] }, threads, ctx);
    log(`growth ${count} files -j ${threads}: ${r.seconds.toFixed(2)} s`);
    rows.push({
      files: count,
      threads,
      seconds: r.seconds,
      filesPerSecond: count / r.seconds,
      peakRssMiB: r.rssKiB === null ? null : r.rssKiB / 1024,
      findings: r.findings,
    });
  }
  return rows;
}

// ---------------------------------------------------------------- results

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** One row per corpus, tool and thread count: medians, throughput and residue's ratio to rg. */
function summarise(corpora, runs, threadCounts) {
  const rows = [];
  for (const c of corpora) {
    for (const threads of threadCounts) {
      for (const tool of ['rg', 'residue']) {
        const mine = runs.filter((r) => r.corpus === c.name && r.tool === tool && r.threads === threads);
        if (!mine.length) continue;
        const seconds = median(mine.map((r) => r.seconds));
        const rss = mine.map((r) => r.rssKiB).filter((k) => k !== null);
        const cpu = mine.map((r) => r.cpuSeconds).filter((c) => c !== null);
        rows.push({
          corpus: c.name,
          tool,
          threads,
          rounds: mine.length,
          medianSeconds: seconds,
          medianCpuSeconds: cpu.length ? median(cpu) : null,
          mibPerSecond: c.bytes / MiB / seconds,
          filesPerSecond: c.files / seconds,
          peakRssMiB: rss.length ? Math.max(...rss) / 1024 : null,
        });
      }
    }
  }
  for (const row of rows) {
    const rg = rows.find((r) => r.tool === 'rg' && r.corpus === row.corpus && r.threads === row.threads);
    row.ratioToRg = row.tool === 'residue' && rg ? row.mibPerSecond / rg.mibPerSecond : null;
  }
  return rows;
}

/** Each tool's throughput per thread count, relative to its fewest-threads figure. */
function scaling(rows, threadCounts) {
  const out = [];
  for (const first of rows.filter((r) => r.threads === threadCounts[0])) {
    const speedup = {};
    for (const t of threadCounts) {
      const row = rows.find((r) => r.corpus === first.corpus && r.tool === first.tool && r.threads === t);
      if (row) speedup[t] = row.mibPerSecond / first.mibPerSecond;
    }
    out.push({ corpus: first.corpus, tool: first.tool, speedup });
  }
  return out;
}

/** What each tool reported per corpus, with anything inconsistent (files missed, findings varying by run). */
function detections(corpora, runs) {
  return corpora.map((c) => {
    const rg = runs.filter((r) => r.corpus === c.name && r.tool === 'rg');
    const res = runs.filter((r) => r.corpus === c.name && r.tool === 'residue');
    const warnings = [];
    if (new Set(res.map((r) => r.findings)).size > 1) warnings.push('residue findings differ between runs');
    if (res.some((r) => r.files !== c.files))
      warnings.push(`residue scanned ${res[0].files} of ${c.files} files`);
    if (res.some((r) => !r.complete || r.errors || r.skipped))
      warnings.push('residue reported errors or skips');
    if (new Set(rg.map((r) => r.matches)).size > 1) warnings.push('rg match counts differ between runs');
    return {
      corpus: c.name,
      rgMatches: rg[0]?.matches ?? null,
      residueFindings: res[0]?.findings ?? null,
      residueStartupSeconds: res.length ? median(res.map((r) => r.seconds - r.scanSeconds)) : null,
      warnings,
    };
  });
}

// ---------------------------------------------------------------- printing

function table(headers, rows) {
  const cells = [headers, ...rows].map((row) =>
    row.map((v) => (v === null || v === undefined ? '—' : String(v))),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => row.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return cells.map(line).join('\n');
}

const num = (n) => (n === null ? null : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (n) => (n === null ? null : n < 0.1 ? n.toFixed(3) : n.toFixed(2));

function printText(result) {
  const { env, corpora, rows, detection } = result;
  const print = (s = '') => console.log(s);
  print(`residue ${env.residueVersion ?? '?'} (${env.bin}) on node ${env.node}, ${env.cpus}`);
  print(
    `${env.ripgrep ?? 'ripgrep not found: residue alone, no ratios'}; peak RSS and CPU from ${env.usageSource}`,
  );
  print(
    `load average (1 min) ${env.loadAverage.start.toFixed(1)} at start, ${env.loadAverage.end.toFixed(1)} at end`,
  );
  print();
  const detectionOf = (name) => detection.find((d) => d.corpus === name);
  print(
    table(
      ['corpus', 'paths', 'files', 'MiB', 'sha256', 'rg matches', 'residue findings'],
      corpora.map((c) => [
        c.name,
        c.paths.map((p) => basename(p)).join(' '),
        c.files,
        num(c.bytes / MiB),
        `${c.sha256.slice(0, 12)}…`,
        detectionOf(c.name).rgMatches,
        detectionOf(c.name).residueFindings,
      ]),
    ),
  );
  print();
  print(
    table(
      ['corpus', 'tool', 'threads', 'median s', 'CPU s', 'MiB/s', 'files/s', 'peak RSS MiB', 'residue/rg'],
      rows.map((r) => [
        r.corpus,
        r.tool,
        r.threads,
        r.medianSeconds.toFixed(2),
        r.medianCpuSeconds?.toFixed(2),
        num(r.mibPerSecond),
        Math.round(r.filesPerSecond),
        r.peakRssMiB === null ? null : r.peakRssMiB.toFixed(0),
        ratio(r.ratioToRg),
      ]),
    ),
  );
  if (env.threads.length > 1) {
    print();
    print(`scaling: throughput relative to ${env.threads[0]} thread(s)`);
    print(
      table(
        ['corpus', 'tool', ...env.threads.map((t) => `${t} thr`)],
        result.scaling.map((s) => [
          s.corpus,
          s.tool,
          ...env.threads.map((t) => `${s.speedup[t].toFixed(2)}×`),
        ]),
      ),
    );
  }
  print();
  for (const d of detection) {
    const startup =
      d.residueStartupSeconds === null
        ? ''
        : `residue wall − scan time ${d.residueStartupSeconds.toFixed(2)} s`;
    print(`${d.corpus}: ${[startup, ...d.warnings].filter(Boolean).join('; ')}`);
  }
  print(
    `medians of ${env.rounds} round(s); residue/rg = residue MiB/s ÷ rg MiB/s with the same thread count`,
  );
  print(
    `small = main's ${SMALL_FOLDERS.join('/, ')}/ folders (files of 0.5–256 KiB); exports/ and dumps/ left out`,
  );
  if (result.growth.length > 0) {
    print();
    print('memory as the tree grows (tiny trees, residue alone)');
    print(
      table(
        ['files', 'threads', 's', 'files/s', 'findings', 'peak RSS MiB'],
        result.growth.map((g) => [
          g.files,
          g.threads,
          g.seconds.toFixed(2),
          Math.round(g.filesPerSecond),
          g.findings,
          g.peakRssMiB === null ? null : g.peakRssMiB.toFixed(0),
        ]),
      ),
    );
  }
  print();
  print(`reminder: ${QUALITY_NOTE}`);
}

// ---------------------------------------------------------------- main

/** Removes the scratch folder and the corpora this run generated (unless --keep); reused ones stay. */
function cleanUp(opts, prepared, scratch, log) {
  rmSync(scratch, { recursive: true, force: true });
  const generated = prepared.filter((c) => c.generated);
  if (opts.keep || !generated.length) {
    if (prepared.length) log(`corpora left in ${opts.out} for the next run`);
    return;
  }
  log(`removing the generated corpora (--keep leaves them for the next run) ...`);
  for (const c of generated) {
    rmSync(c.dir, { recursive: true, force: true });
    rmSync(c.sidecar, { force: true });
  }
  try {
    rmdirSync(opts.out); // only when nothing is left in it
  } catch {}
}

function environment(opts, ctx, load, started) {
  return {
    node: process.version,
    cpus: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'cpu'}`,
    ripgrep: ctx.rg?.version ?? null,
    residueVersion: ctx.residueVersion,
    bin: opts.bin,
    usageSource: ctx.usage,
    loadAverage: { start: load, end: loadavg()[0] },
    threads: opts.threads,
    rounds: opts.rounds,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Generates (or reuses) the corpora, times both tools on them and prints the results. */
function bench(opts, scratch, log, prepared) {
  const started = Date.now();
  const load = loadavg()[0];
  const usage = usageSource(scratch, opts.bin);
  const ctx = { scratch, usage, rg: findRipgrep(), residue: residueCommand(opts.bin, usage) };
  if (!ctx.rg) log('ripgrep (rg) not found on PATH: timing residue alone');
  const { corpora, prepared: made } = buildCorpora(opts, log);
  prepared.push(...made);
  const runs = runAll(corpora, opts, ctx, log);
  const growth = runGrowth(opts, ctx, log, prepared);
  const rows = summarise(corpora, runs, opts.threads);
  const result = {
    env: environment(opts, ctx, load, started),
    corpora,
    rows,
    scaling: scaling(rows, opts.threads),
    detection: detections(corpora, runs),
    runs,
    growth,
    note: QUALITY_NOTE,
  };
  if (opts.json) {
    console.log(JSON.stringify(result, null, 2));
    log(`reminder: ${QUALITY_NOTE}`);
  } else printText(result);
  log(`benchmark took ${result.env.seconds.toFixed(0)} s`);
}

/** @param {string[]} argv @returns {number} exit code */
function main(argv) {
  const opts = readOptions(argv);
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (s) => console.error(`bench: ${s}`);
  const scratch = join(opts.out, `run-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  const prepared = [];
  try {
    bench(opts, scratch, log, prepared);
  } finally {
    cleanUp(opts, prepared, scratch, log);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  const usage = err instanceof UsageError || err?.code?.startsWith?.('ERR_PARSE_ARGS');
  console.error(`bench: ${err.message}${usage ? `\n${USAGE}` : ''}`);
  process.exitCode = usage ? 2 : 1;
}

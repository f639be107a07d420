#!/usr/bin/env node
// Generates the labelled corpus, scans it with residue, and scores the report.
//
//   node bench/quality/run.mjs [--out DIR] [--keep] [--bin PATH] [--seed N] [--scale N] [--json]
//
// --out DIR   generate into DIR (kept) instead of a temporary directory
// --keep      keep the temporary directory (its path is printed)
// --bin PATH  the residue entry to run (default: this checkout's bin/residue.js; build first)
// --json      print the scores as JSON on stdout (the text report then goes to stderr)
// Exits 0 whatever the scores; 1 when the scan itself fails, 2 on bad arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus, manifest, writeCorpus } from './lib/corpus.mjs';
import { formatText, score } from './score.mjs';

const DEFAULT_BIN = fileURLToPath(new URL('../../bin/residue.js', import.meta.url));
const USAGE =
  'usage: node bench/quality/run.mjs [--out DIR] [--keep] [--bin PATH] [--seed N] [--scale N] [--json]';

/** @param {string[]} argv @returns {number} exit code */
function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      keep: { type: 'boolean' },
      bin: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = Number(values.seed ?? 1);
  const scale = Number(values.scale ?? 1);
  if (!Number.isInteger(seed) || !(scale > 0)) {
    console.error(USAGE);
    return 2;
  }
  const bin = resolve(values.bin ?? DEFAULT_BIN);
  if (!existsSync(bin)) {
    console.error(`residue entry not found: ${bin}`);
    return 2;
  }
  const log = values.json ? console.error : console.log;
  const dir = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'residue-quality-'));
  const temporary = !values.out && !values.keep;
  try {
    const corpus = buildCorpus({ seed, scale });
    const root = writeCorpus(dir, corpus);
    const m = manifest(corpus);
    log(
      `corpus: ${root} (seed ${seed}, scale ${scale}: ${m.files} files, ${m.bytes} bytes, sha256 ${m.sha256.slice(0, 16)}…)`,
    );

    const reportPath = join(dir, 'report.json');
    const started = performance.now();
    const scan = spawnSync(
      process.execPath,
      [bin, 'scan', root, '--format', 'json', '--fail-on', 'never', '--quiet', '--output', reportPath],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    const wallMs = Math.round(performance.now() - started);
    if (scan.status !== 0 || !existsSync(reportPath)) {
      console.error(`scan failed (exit ${scan.status ?? scan.signal}):\n${scan.stderr}`);
      return 1;
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')).files;
    const s = score(labels, report);
    log('');
    log(formatText(s, { wallMs }).trimEnd());
    if (values.json) console.log(JSON.stringify({ seed, scale, manifest: m, wallMs, ...s }, null, 2));
    if (!temporary) log(`\nkept: ${dir} (corpus/, labels.json, report.json)`);
    return 0;
  } finally {
    if (temporary) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));

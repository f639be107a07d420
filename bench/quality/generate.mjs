#!/usr/bin/env node
// Writes the labelled detection-quality corpus.
//
//   node bench/quality/generate.mjs --out DIR [--seed N] [--scale N]
//
// DIR/corpus/   the tree to scan (a contractor's server: home/dev/restore, tmp, var/log/app, srv/www, …)
// DIR/labels.json  one label per file: path (relative to DIR/corpus), verdict, kind, records, entities
// Prints a JSON manifest (file count, bytes, verdicts, sha256 of all content): the same seed and scale give a
// byte-identical tree and the same hash.
import { parseArgs } from 'node:util';
import { buildCorpus, manifest, writeCorpus } from './lib/corpus.mjs';

const USAGE = 'usage: node bench/quality/generate.mjs --out DIR [--seed N] [--scale N]';

/** @param {string[]} argv */
function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const seed = Number(values.seed ?? 1);
  const scale = Number(values.scale ?? 1);
  if (!values.out || !Number.isInteger(seed) || !(scale > 0)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const corpus = buildCorpus({ seed, scale });
  const root = writeCorpus(values.out, corpus);
  const m = manifest(corpus);
  console.log(
    JSON.stringify({ root, seed, scale, ...m, ms: Math.round(performance.now() - started) }, null, 2),
  );
}

main(process.argv.slice(2));

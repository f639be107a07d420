// Loaded with `node --import` into residue by scripts/bench.mjs when GNU time is missing: at exit, writes the
// process's peak RSS in KiB and its user and system CPU seconds (worker threads included: they share the process)
// to $RESIDUE_BENCH_USAGE_FILE, in the layout of GNU time -f '%M %U %S'.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.RESIDUE_BENCH_USAGE_FILE;
if (isMainThread && file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}

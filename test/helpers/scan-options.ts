import type { ScanCommandOptions } from '../../src/commands/scan.js';

/** `residue scan`'s options as the CLI gives them by default (in-process, built-in rules), for runScan. */
export function scanOptions(paths: string[], extra: Partial<ScanCommandOptions> = {}): ScanCommandOptions {
  return {
    paths,
    include: [],
    exclude: [],
    followSymlinks: false,
    maxFileSize: 1024 ** 3,
    threads: 0,
    rules: [],
    showValues: false,
    minConfidence: 0.5,
    timeBudgetSeconds: 60,
    fingerprintKey: '0'.repeat(64),
    ...extra,
  };
}

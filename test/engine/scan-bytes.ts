// Bytes through the whole scan of one file (scan-entry, from sniffing to findings), for the scan-entry tests.
import { bufferSource } from '../../src/engine/extract/byte-source.js';
import { DEFAULT_LIMITS, type ExtractLimits } from '../../src/engine/extract/limits.js';
import { type FileOutcome, type FileScanOptions, scanSource } from '../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';

export const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
export const options: FileScanOptions = {
  minConfidence: 0.5,
  showValues: false,
  maxFindings: 1000,
  timeBudgetMs: 60_000,
};

/** Scans `bytes` as a file named `name`, with the built-in packs; `limits` over the defaults, `more` options. */
export function scanBytes(
  name: string,
  bytes: Uint8Array,
  limits?: Partial<ExtractLimits>,
  more: Partial<FileScanOptions> = {},
): Promise<FileOutcome> {
  return scanSource(name, bufferSource(bytes), rules, {
    ...options,
    ...more,
    limits: { ...DEFAULT_LIMITS, ...limits },
  });
}

/** path → verdict for every result, and path → code for every error. */
export function summary(o: FileOutcome): { results: Record<string, string>; errors: Record<string, string> } {
  return {
    results: Object.fromEntries(o.results.map((r) => [r.path, r.verdict])),
    errors: Object.fromEntries(o.errors.map((e) => [e.path, e.code])),
  };
}

import { bufferSource } from '../engine/extract/byte-source.js';
import { type FileScanOptions, scanSource } from '../engine/scan-file.js';
import type { CompiledPack } from './compiled.js';

export interface ExampleFailure {
  pack: string;
  ruleId: string;
  kind: 'example' | 'negative_example';
  /** Index in the rule's list, and the text: the pack's own fabricated example, not scanned data. */
  index: number;
  text: string;
  /** Best confidence the rule reached on it (0 when it did not fire). */
  confidence: number;
}

export interface SelfTestResult {
  rules: number;
  examples: number;
  failures: ExampleFailure[];
}

/**
 * Runs every example and negative example through the real pipeline (decode, detect with validators and
 * context, classify with records) with all loaded rules competing, as in a scan.
 */
export async function selfTest(
  packs: CompiledPack[],
  checkPack: (pack: CompiledPack) => boolean = () => true,
  minConfidence = 0.5,
): Promise<SelfTestResult> {
  const rules = packs.flatMap((p) => p.rules);
  const options: FileScanOptions = {
    minConfidence,
    showValues: false,
    maxFindings: 1000,
    timeBudgetMs: 10_000,
  };
  const failures: ExampleFailure[] = [];
  let examples = 0;
  let checked = 0;
  for (const pack of packs.filter(checkPack)) {
    for (const rule of pack.rules) {
      checked++;
      const cases: [ExampleFailure['kind'], string[]][] = [
        ['example', rule.examples],
        ['negative_example', rule.negativeExamples],
      ];
      for (const [kind, texts] of cases) {
        for (const [index, text] of texts.entries()) {
          examples++;
          const outcome = await scanSource(
            'example',
            bufferSource(new TextEncoder().encode(text)),
            rules,
            options,
          );
          const hits = outcome.results.flatMap((r) => r.findings).filter((f) => f.ruleId === rule.id);
          const best = hits.reduce((m, f) => Math.max(m, f.confidence), 0);
          const fired = hits.length > 0;
          if ((kind === 'example') !== fired)
            failures.push({ pack: pack.name, ruleId: rule.id, kind, index, text, confidence: best });
        }
      }
    }
  }
  return { rules: checked, examples, failures };
}

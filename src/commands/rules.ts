import { resolve } from 'node:path';
import { loadPacks, packPaths, packSource } from '../rulepack/packs.js';
import { type SelfTestResult, selfTest } from '../rulepack/self-test.js';

export interface RuleListing {
  pack: string;
  version: string;
  source: string;
  rules: { id: string; category: string; severity: string; name: string }[];
}

/** `residue rules list`: the packs a scan would use (or the given ones) and their rules. */
export function listRules(refs: string[]): RuleListing[] {
  return loadPacks(packPaths(refs)).map((p) => ({
    pack: p.name,
    version: p.version,
    source: packSource(p.source),
    rules: p.rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, name: r.name })),
  }));
}

/**
 * `residue rules check [path…]`: every example and negative example of the given packs. User packs are
 * checked alongside the built-ins, as they would run in a scan.
 */
export async function checkRules(paths: string[]): Promise<SelfTestResult> {
  const builtins = packPaths([]);
  const own = paths.length > 0 ? packPaths(paths) : builtins;
  const ownKeys = new Set(own.map((p) => resolve(p)));
  const others = builtins.filter((b) => !ownKeys.has(resolve(b)));
  const packs = loadPacks([...others, ...own]);
  const ownSources = new Set(own);
  return selfTest(packs, (pack) => ownSources.has(pack.source));
}

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ResidueError } from '../model/errors.js';
import { RULES_DIR } from '../resources.js';
import { type CheckedPack, compilePacks } from './compile.js';
import type { CompiledPack } from './compiled.js';
import { loadRulePack } from './load.js';

/** Built-in packs live in the package's rules/ folder (see resources.ts: also inside a single executable). */
export const BUILTIN_RULES_DIR = RULES_DIR;

export function builtinPackNames(): string[] {
  return readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A reference is a built-in pack name (`uk-contact`) or a path to a YAML file. */
export function resolvePackRef(ref: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref) && !existsSync(ref)) {
    const builtin = `${BUILTIN_RULES_DIR}${ref}.yaml`;
    if (!existsSync(builtin)) throw new ResidueError('RULEPACK_NOT_FOUND', { pack: ref });
    return builtin;
  }
  if (!existsSync(ref)) throw new ResidueError('RULEPACK_NOT_FOUND', { pack: ref });
  return ref;
}

/** Paths of the packs a scan uses: the given references, or every built-in pack. */
export function packPaths(refs: readonly string[]): string[] {
  const names = refs.length > 0 ? refs : builtinPackNames();
  // A pack named twice (by name and by path) is loaded once, not rejected for repeating its own ids.
  const seen = new Set<string>();
  return names.map(resolvePackRef).filter((p) => {
    const key = resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function loadPacks(paths: readonly string[]): CompiledPack[] {
  return compilePacks(paths.map(loadRulePack));
}

/**
 * Loads and compiles packs, so any error in them is raised here, and gives them too as worker threads receive
 * them (compileChecked compiles those without reading or checking them again).
 */
export function loadCheckedPacks(paths: readonly string[]): {
  packs: CompiledPack[];
  checked: CheckedPack[];
} {
  const loaded = paths.map(loadRulePack);
  return { packs: compilePacks(loaded), checked: loaded.map(({ file, syntax }) => ({ file, syntax })) };
}

/** How a pack is named in reports: `builtin:NAME` for built-ins (no install paths), the path as given otherwise. */
export function packSource(file: string): string {
  return file.startsWith(BUILTIN_RULES_DIR)
    ? `builtin:${file.slice(BUILTIN_RULES_DIR.length).replace(/\.yaml$/, '')}`
    : file;
}

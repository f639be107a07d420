import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: walk → extract → detect → classify → report. This test reads every import in src/
// and fails on any edge that goes against that direction.

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)) {
    out.push(relative(SRC, resolve(dirname(file), m[1] as string)).replace(/\.js$/, ''));
  }
  return out;
}

const edges = sourceFiles(SRC).flatMap((file) =>
  importsOf(file).map((target) => ({ from: relative(SRC, file).replace(/\.ts$/, ''), to: target })),
);

/** Each entry: files under `from` must not import anything under any of `banned`. */
const RULES: { from: string; banned: string[] }[] = [
  { from: 'model/', banned: ['cli/', 'commands/', 'engine/', 'report/', 'rulepack/', 'config/', 'workers/'] },
  { from: 'report/', banned: ['cli/', 'commands/', 'engine/', 'rulepack/', 'workers/'] },
  { from: 'engine/', banned: ['cli/', 'commands/', 'report/', 'workers/'] },
  { from: 'engine/walk/', banned: ['engine/extract/', 'engine/detect/', 'engine/classify/', 'rulepack/'] },
  { from: 'engine/extract/', banned: ['engine/walk/', 'engine/detect/', 'engine/classify/', 'rulepack/'] },
  { from: 'engine/detect/', banned: ['engine/walk/', 'engine/classify/', 'engine/scan'] },
  { from: 'engine/classify/', banned: ['engine/walk/', 'engine/extract/', 'rulepack/', 'engine/scan'] },
  { from: 'rulepack/', banned: ['cli/', 'commands/', 'report/'] },
  { from: 'commands/', banned: ['cli/'] },
];

describe('import direction', () => {
  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(30);
    expect(edges).toContainEqual({ from: 'engine/scan', to: 'engine/walk/walk' });
  });

  it.each(RULES)('$from imports none of its banned layers', ({ from, banned }) => {
    const bad = edges.filter((e) => e.from.startsWith(from) && banned.some((b) => e.to.startsWith(b)));
    expect(bad).toEqual([]);
  });

  it('only the CLI touches process.argv, process.exit or process.stdout', () => {
    // resources.ts is the one exception: inside the single executable it unpacks residue's own files as modules
    // load, before the CLI exists, and an unwritable TMPDIR must still end in one line and exit 2.
    const offenders = sourceFiles(SRC)
      .filter((f) => !relative(SRC, f).startsWith('cli/') && relative(SRC, f) !== 'resources.ts')
      .filter((f) => /process\.(argv|exit|stdout|stderr)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

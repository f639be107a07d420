import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'residue-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench (scripts/bench.mjs), at a tiny scale', () => {
  it('--growth runs residue on a tiny tree of each size and reports its peak RSS by size', () => {
    const r = spawnSync(
      process.execPath,
      [
        'scripts/bench.mjs',
        ...['--size', '1M', '--no-tiny', '--threads', '1', '--rounds', '1', '--growth', '40,20'],
        ...['--out', out, '--json'],
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      growth: { files: number; threads: number; peakRssMiB: number | null; findings: number }[];
      rows: { corpus: string; tool: string }[];
    };
    expect(result.growth.map((g) => [g.files, g.threads])).toEqual([
      [20, 1],
      [40, 1],
    ]);
    for (const g of result.growth) {
      expect(g.peakRssMiB).toBeGreaterThan(10);
      expect(g.findings).toBeGreaterThan(0);
    }
    expect(result.rows.some((row) => row.corpus === 'main' && row.tool === 'residue')).toBe(true);
  }, 120_000);
});

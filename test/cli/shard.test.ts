import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

let dir: string;
let key: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'residue-shard-'));
  key = join(dir, 'org.key');
  writeFileSync(key, `${'e'.repeat(64)}\n`);
});

function scan(out: string, extra: string[] = []): Record<string, unknown> {
  const r = spawnCli([
    'scan',
    'fixtures',
    '--format',
    'json',
    '--fail-on',
    'never',
    '--quiet',
    '--key-file',
    key,
    '--output',
    out,
    ...extra,
  ]);
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

function withoutTimes(text: string): unknown {
  const r = JSON.parse(text);
  delete r.startedAt;
  delete r.finishedAt;
  delete r.summary.durationMs;
  return r;
}

describe('--shard K/N and residue merge', () => {
  it('N shards merged equal one whole scan, for N = 1..4', () => {
    scan(join(dir, 'whole.json'));
    const whole = withoutTimes(readFileSync(join(dir, 'whole.json'), 'utf8'));
    for (const n of [1, 2, 3, 4]) {
      const parts = Array.from({ length: n }, (_, i) => join(dir, `s${n}-${i + 1}.json`));
      parts.forEach((p, i) => {
        expect(scan(p, ['--shard', `${i + 1}/${n}`]).shard).toEqual({ index: i + 1, count: n });
      });
      const merged = spawnCli(['merge', ...parts.reverse()]);
      expect(merged.code).toBe(0);
      expect(withoutTimes(merged.stdout)).toEqual(whole);
    }
  });

  it('refuses a missing or repeated shard, another key, or a bad --shard', () => {
    const a = join(dir, 's2-1.json');
    const missing = spawnCli(['merge', a]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('residue: cannot merge: missing shard 2/2\n');
    expect(spawnCli(['merge', a, a]).stderr).toBe('residue: cannot merge: shard 1/2 is given twice\n');
    const otherKey = join(dir, 'other.key');
    writeFileSync(otherKey, `${'f'.repeat(64)}\n`);
    const b = join(dir, 'other.json');
    expect(
      spawnCli([
        'scan',
        'fixtures',
        '--shard',
        '2/2',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--key-file',
        otherKey,
        '--output',
        b,
      ]).code,
    ).toBe(0);
    expect(spawnCli(['merge', a, b]).stderr).toBe(
      'residue: cannot merge: the reports use different fingerprint keys\n',
    );
    const bad = spawnCli(['scan', 'fixtures', '--shard', '5/4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected K/N with 1 <= K <= N');
  });
});

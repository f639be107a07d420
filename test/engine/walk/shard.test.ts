import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../../src/engine/walk/shard.js';

describe('shards', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['3/4', { index: 3, count: 4 }],
    [' 2/2 ', { index: 2, count: 2 }],
    ['0/4', null],
    ['5/4', null],
    ['1/0', null],
    ['a/b', null],
    ['2', null],
  ])('parseShard(%j)', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it('puts every path in exactly one of N parts, the same one every time, roughly evenly', () => {
    const paths = Array.from({ length: 4000 }, (_, i) => `dir${i % 37}/file-${i}.csv`);
    for (const count of [1, 2, 3, 4, 7]) {
      const sizes = Array.from({ length: count }, () => 0);
      for (const p of paths) {
        const owners = sizes.map((_, k) => inShard(p, { index: k + 1, count })).filter(Boolean);
        expect(owners).toHaveLength(1);
        const k = sizes.findIndex((_, i) => inShard(p, { index: i + 1, count }));
        sizes[k] = (sizes[k] ?? 0) + 1;
      }
      for (const n of sizes) expect(n).toBeGreaterThan((paths.length / count) * 0.8);
    }
  });
});

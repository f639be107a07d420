/** One of N deterministic parts of a walk: `--shard 2/4` is index 2 of count 4 (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * True when `path` belongs to `shard`. The part is chosen by a hash of the reported path (FNV-1a), so N jobs
 * started anywhere, in any order, cover a tree exactly once, and a file stays in its part between runs.
 */
export function inShard(path: string, shard: Shard): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shard.count === shard.index - 1;
}

/** Parses `K/N`; null when it is not a valid shard (1 <= K <= N). */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

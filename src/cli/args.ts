import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../engine/walk/shard.js';
import { parseSize } from './output.js';

/** Option parsers shared by the commands: each rejects bad input with a one-line usage error. */

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function intArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** A whole number of at least 1 (a time budget of 0 would stop every file before it is read). */
export function positiveIntArg(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a whole number from 1');
  return Number(value);
}

export function unitArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

export function sizeArg(value: string): number {
  const n = parseSize(value);
  if (n === null) throw new InvalidArgumentError('expected a size such as 500M or 2GiB');
  return n;
}

export function shardArg(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('expected K/N with 1 <= K <= N, such as 2/4');
  return shard;
}

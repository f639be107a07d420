import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoised } from '../../../../src/engine/detect/validators/memo.js';
import type { Validator } from '../../../../src/engine/detect/validators/types.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('memoised', () => {
  it('answers as the validator does, asking it once per value and per cell flag', () => {
    const calls: string[] = [];
    const inner: Validator = (value, cell = false) => {
      calls.push(`${value}:${cell}`);
      return { ok: value.startsWith('J') || cell };
    };
    const v = memoised(inner);
    expect([v('Jane'), v('Jane'), v('Rick'), v('Rick', true), v('Rick', true)].map((r) => r.ok)).toEqual([
      true,
      true,
      false,
      true,
      true,
    ]);
    expect(calls).toEqual(['Jane:false', 'Rick:false', 'Rick:true']);
  });

  it('asks again once the UTC day has changed: a verdict may depend on today', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T23:59:59Z'));
    let answer = false;
    const v = memoised(() => ({ ok: answer }));
    expect(v('03/04/2030').ok).toBe(false);
    answer = true;
    expect(v('03/04/2030').ok).toBe(false);
    vi.setSystemTime(new Date('2030-01-02T00:00:01Z'));
    expect(v('03/04/2030').ok).toBe(true);
  });
});

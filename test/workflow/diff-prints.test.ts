import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrintTable } from '../../src/workflow/diff-prints.js';

/** A 128-bit print as keyed.ts writes it: 32 lower-case hex digits. */
const print = (n: number) => createHash('sha256').update(String(n)).digest('hex').slice(0, 32);

describe('PrintTable', () => {
  it('gives each print one id, the same at every sighting, across many table growths', () => {
    const table = new PrintTable();
    const first = Array.from({ length: 20_000 }, (_, n) => table.id(print(n), 'postcode'));
    expect(new Set(first).size).toBe(20_000);
    expect(table.size).toBe(20_000);
    const again = Array.from({ length: 20_000 }, (_, n) => table.id(print(n), 'postcode'));
    expect(again).toEqual(first);
    expect(table.size).toBe(20_000);
  });

  it('tells apart prints that share their first word (the word it hashes on)', () => {
    const table = new PrintTable();
    const a = `${'0'.repeat(8)}${'1'.repeat(24)}`;
    const b = `${'0'.repeat(8)}${'1'.repeat(23)}2`;
    expect(table.id(a, 'ni-number')).not.toBe(table.id(b, 'ni-number'));
    expect(table.id(b, 'ni-number')).toBe(1);
  });

  it('keeps the category a print was first seen under', () => {
    const table = new PrintTable();
    const id = table.id(print(1), 'email-address');
    expect(table.id(print(1), 'person-name')).toBe(id);
    expect(table.category(id)).toBe('email-address');
    expect(table.category(table.id(print(2), 'iban'))).toBe('iban');
  });

  it('keeps a print in another form (upper case, short, hand-made) by its exact string', () => {
    const table = new PrintTable();
    const hex = print(3);
    const ids = [hex, hex.toUpperCase(), 'tel', `${hex}0`].map((p) => table.id(p, 'phone-number'));
    expect(new Set(ids).size).toBe(4);
    expect(table.id('tel', 'phone-number')).toBe(ids[2]);
    expect(table.id(hex.toUpperCase(), 'phone-number')).toBe(ids[1]);
  });
});

describe('PrintTable lists', () => {
  it("keeps each file's ids distinct and ascending, one after another, through the array's growth", () => {
    const table = new PrintTable();
    const first = table.addList([10, 2, 10, 300, 2, 1]);
    expect(first).toEqual({ at: 0, count: 4 });
    const empty = table.addList([]);
    expect(empty).toEqual({ at: 4, count: 0 });
    // Past the first array's size: the lists before it are carried over.
    const big = Array.from({ length: 5000 }, (_, i) => 5000 - i);
    const second = table.addList([...big, ...big]);
    expect(second).toEqual({ at: 4, count: 5000 });
    expect([...table.list(first.at, first.count)]).toEqual([1, 2, 10, 300]);
    expect([...table.list(empty.at, empty.count)]).toEqual([]);
    expect([...table.list(second.at, second.count)]).toEqual(big.reverse());
  });
});

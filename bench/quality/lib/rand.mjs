// Seeded randomness for the corpus. Every file gets its own seed, mixed from the corpus seed and the file's
// slot in the plan, so changing one generator never shifts the output of another.
import { base, en, en_GB, Faker } from '@faker-js/faker';

/**
 * Mixes integers into one 32-bit seed (a murmur3-style finaliser).
 * @param {...number} parts
 * @returns {number}
 */
export function mixSeed(...parts) {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/**
 * @typedef {object} Rand
 * @property {Faker} faker                      the seeded en_GB faker behind these helpers
 * @property {(min: number, max: number) => number} int   integer in [min, max]
 * @property {<T>(items: readonly T[]) => T} pick
 * @property {(p: number) => boolean} chance
 * @property {(n: number) => string} digits     n decimal digits, leading zeros allowed
 * @property {<T>(items: readonly T[]) => T[]} shuffle
 * @property {(min: number, max: number, fixed?: number) => string} money
 */

/** One Faker for the whole run (building one is the slow part); reseeded per file by {@link rand}. */
const faker = new Faker({ locale: [en_GB, en, base] });

/**
 * Seeded helpers for one file. Not reentrant: generate one file at a time.
 * @param {number} seed
 * @returns {Rand}
 */
export function rand(seed) {
  faker.seed(seed);
  return {
    faker,
    int: (min, max) => faker.number.int({ min, max }),
    pick: (items) => faker.helpers.arrayElement(/** @type {any[]} */ (items)),
    chance: (p) => faker.number.float({ min: 0, max: 1 }) < p,
    digits: (n) => faker.string.numeric({ length: n, allowLeadingZeros: true }),
    shuffle: (items) => faker.helpers.shuffle([...items]),
    money: (min, max, fixed = 2) => faker.number.float({ min, max, fractionDigits: fixed }).toFixed(fixed),
  };
}

// Shared shapes for the kind generators.

/**
 * What a generator gets: seeded randomness, a person factory, and the registry of planted identifiers.
 * @typedef {object} Ctx
 * @property {import('../lib/rand.mjs').Rand} r
 * @property {(opts?: { accented?: number }) => import('../lib/people.mjs').Person} person
 */

/**
 * One generated file, before the plan gives it a directory.
 * @typedef {object} Made
 * @property {string} name                    file name, without directory (the plan adds an index)
 * @property {string | Buffer} content
 * @property {Record<string, number>} entities  person identifiers planted, by category
 * @property {number} records                 people described (0 for clean and contains-pii files)
 * @property {string} [dobFormat]             how dates of birth are written, when there are any
 * @property {string} [note]                  why a hard negative carries its label
 */

/** @typedef {(ctx: Ctx) => Made} Generator */

/**
 * Adds `n` to `entities[category]`.
 * @param {Record<string, number>} entities
 * @param {string} category
 * @param {number} [n]
 */
export function tally(entities, category, n = 1) {
  if (n > 0) entities[category] = (entities[category] ?? 0) + n;
}

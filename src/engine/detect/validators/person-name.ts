import { readFileSync } from 'node:fs';
import { NAMES_DIR } from '../../../resources.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/** The name lists are data beside the rule packs (rules/names/, see SOURCES.md there; NAMES_DIR ends in a separator). */

/** Lower case, accents stripped, curly apostrophes straightened: "Zoë" and "ZOE" are the same word. */
export function foldName(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase();
}

function loadList(file: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const line of readFileSync(`${NAMES_DIR}${file}`, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    for (const word of line.split(/\s+/)) if (word) words.add(foldName(word));
  }
  return words;
}

const FORENAMES = loadList('first-names.txt');
const SURNAMES = loadList('surnames.txt');
const AMBIGUOUS = loadList('ambiguous.txt');
const NOT_NAMES = loadList('not-names.txt');

/** Mc/O' + three letters is a surname shape whether or not the list has it ("McAlinden", "O'Driscoll"); not
 * Mac, which starts too many ordinary words ("Machine"). */
const SURNAME_SHAPE = /^(?:mc|o')[a-z]{3,}$/;

function isSurname(word: string): boolean {
  if (SURNAMES.has(word) || SURNAME_SHAPE.test(word)) return true;
  const parts = word.split('-');
  return parts.length > 1 && parts.some((p) => SURNAMES.has(p) || SURNAME_SHAPE.test(p));
}

/** "Green Lane" is a street: a street word as the last name is let off only after a forename. */
function isForenameLike(word: string): boolean {
  return FORENAMES.has(word) || AMBIGUOUS.has(word) || isInitial(word);
}

function isInitial(word: string): boolean {
  return /^[a-z]$/.test(word);
}

/** A vetoing word, unless it sits where a name of that kind belongs ("June Brown", "Jane Lane"). */
function vetoes(word: string, index: number, count: number, first: string): boolean {
  const parts = word.split('-');
  if (!parts.some((p) => NOT_NAMES.has(p))) return false;
  if (count === 1) return true;
  if (index === 0) return !(FORENAMES.has(word) || AMBIGUOUS.has(word));
  if (index === count - 1) return !(isSurname(word) && isForenameLike(first));
  return true;
}

/** True when some word of `value` is a listed forename or surname: evidence that a column holds names. */
export function hasKnownNameWord(value: string): boolean {
  return words(value).some((w) => FORENAMES.has(w) || isSurname(w));
}

/** "DOE, Jane Mary" is read as "Jane Mary Doe". */
function words(value: string): string[] {
  const comma = value.indexOf(',');
  const ordered = comma === -1 ? value : `${value.slice(comma + 1)} ${value.slice(0, comma)}`;
  return foldName(ordered)
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => w.length > 0);
}

/**
 * A person's name: one to four words. A single word (it came after a title or from a name column) passes unless
 * it is a place, organisation or common document word. Two or more words pass when the first is a listed forename
 * or an initial, or the last is a listed surname; a forename that is also an ordinary word ("Grace", "Victoria")
 * needs a listed surname beside it; "SURNAME, Forename" needs a listed forename. Any place or company word vetoes
 * the candidate. A whole cell under a name
 * column needs no listed word: the header already says it is a name.
 */
export const personName: Validator = (value, cell = false) => {
  const ws = words(value);
  if (ws.length === 0 || ws.length > 4) return REJECT;
  if (ws.some((w, i) => vetoes(w, i, ws.length, ws[0] as string))) return REJECT;
  const first = ws[0] as string;
  const last = ws[ws.length - 1] as string;
  if (ws.length === 1) return first.length >= 2 ? ACCEPT : REJECT;
  if (cell) return ACCEPT;
  const lastKnown = isSurname(last);
  if (AMBIGUOUS.has(first)) return lastKnown ? ACCEPT : REJECT;
  const firstKnown = FORENAMES.has(first) || isInitial(first);
  // "Lane, Little Snoring" has the comma shape too: surname-first order needs a forename after the comma.
  if (value.includes(',')) return firstKnown ? ACCEPT : REJECT;
  return firstKnown || lastKnown ? ACCEPT : REJECT;
};

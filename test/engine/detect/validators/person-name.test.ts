import { describe, expect, it } from 'vitest';
import {
  foldName,
  hasKnownNameWord,
  personName,
} from '../../../../src/engine/detect/validators/person-name.js';

const ACCEPTED = { ok: true };
const REJECTED = { ok: false };

describe('personName', () => {
  it.each([
    ["Siobhan O'Brien", 'listed forename and surname'],
    ['Siobhan O’Brien', 'curly apostrophe read as straight'],
    ['Zoë Smith-Jones', 'accented forename; hyphenated surname matches on a part'],
    ['ZOË SMITH-JONES', 'case and accents ignored'],
    ['DOE, Jane', 'SURNAME, Forename is read as Jane Doe'],
    ['DOE, Jane Mary', 'SURNAME, Forename Middle'],
    ['J. Smith', 'initial with a full stop, listed surname'],
    ['J Smith', 'initial without a full stop'],
    ['Doe', 'a single word that is no place or document word'],
    ['Grace', 'a single ambiguous forename: alone it came after a title or from a name column'],
    ['Priya Patel', 'listed forename and surname'],
    ['June Brown', 'a month as a forename, with a listed surname'],
    ['Grace Taylor', 'an ordinary-word forename, with a listed surname'],
    ['Hamish McAlinden', 'Mc shape as a surname, not in the list'],
    ['Xyzzy McAlinden', 'Mc shape alone makes the last word a surname'],
    ['Jane Xyzzy', 'listed forename, unlisted surname'],
    ['Xyzzy Smith', 'unlisted forename, listed surname'],
    ['Jane Lane', 'a street word where a surname belongs, after a listed forename'],
    ['Mary Jane Anne Doe', 'four words: the most allowed'],
  ])('accepts %j (%s)', (value) => {
    expect(personName(value)).toEqual(ACCEPTED);
  });

  it.each([
    ['Victoria Station', 'station is a place word'],
    ['London Bridge', 'London and Bridge are place words'],
    ['Jordan Smith Ltd', 'Ltd is a company word'],
    ['Jane Doe Ltd', 'a company word vetoes listed names too'],
    ['Thank You Letter', 'document words'],
    ['Grace Period', 'an ordinary-word forename needs a listed surname'],
    ['Victoria Beckham', 'an ordinary-word forename needs a listed surname (Beckham is not listed)'],
    ['Park Lane', 'a street word first, where a forename belongs'],
    ['Monday', 'a single calendar word'],
    ['June', 'a single month'],
    ['London', 'a single place word'],
    ['Kind Regards', 'a sign-off'],
    ['Hello World', 'neither word is a listed name'],
    ['Xyzzy Plugh', 'neither word is a listed name'],
    ['SMITH, Xyzzy', 'surname first needs a listed forename after the comma'],
    ['Lane, Little Snoring', 'an address with a comma is not surname-first'],
    ['J', 'a single initial'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['Jane Mary Anne Louise Doe', 'five words, all listed names'],
    ['John Paul George Ringo Smith', 'five words'],
    ['DOE, Jane Mary Anne Louise', 'five words, surname first'],
  ])('rejects %j (%s)', (value) => {
    expect(personName(value)).toEqual(REJECTED);
  });

  it('rejects "Green Lane" (a street)', () => {
    expect(personName('Green Lane')).toEqual(REJECTED);
  });

  describe('a whole cell under a name column', () => {
    it.each([
      ['Grace Period', 'the header says it is a name; no listed word needed'],
      ['Xyzzy Plugh', 'no listed word needed'],
      ['Victoria Beckham', 'no listed surname needed'],
    ])('accepts %j (%s)', (value) => {
      expect(personName(value, true)).toEqual(ACCEPTED);
    });

    it.each([
      ['Victoria Station', 'place words still veto'],
      ['Jordan Smith Ltd', 'company words still veto'],
      ['Monday', 'a calendar word still vetoes'],
      ['Jane Mary Anne Louise Doe', 'five words are still too many'],
      ['', 'empty'],
    ])('rejects %j (%s)', (value) => {
      expect(personName(value, true)).toEqual(REJECTED);
    });
  });
});

describe('foldName', () => {
  it.each([
    ['Zoë', 'zoe'],
    ['ZOE', 'zoe'],
    ['Róisín', 'roisin'],
    ['O’Brien', "o'brien"],
    ['O‘Brien', "o'brien"],
    ['O`Brien', "o'brien"],
    ['Smith-Jones', 'smith-jones'],
  ])('%j → %j', (word, folded) => {
    expect(foldName(word)).toBe(folded);
  });
});

describe('hasKnownNameWord', () => {
  it.each([
    ['Priya', true],
    ['Xyzzy Patel', true],
    ['Plugh McAlinden', true],
    ['Xyzzy Plugh', false],
    ['Widget Deluxe', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(hasKnownNameWord(value)).toBe(expected);
  });
});

import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** 1-12 for a month's full name, its first three letters or "sept"; undefined otherwise. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w === 'sept') return 9;
  const i = MONTH_NAMES.findIndex((name) => w === name || w === name.slice(0, 3));
  return i === -1 ? undefined : i + 1;
}

// ISO date, optionally with a time and zone: 1961-04-03, 1961-04-03T00:00:00, 1961-04-03 00:00:00.000Z.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Numeric day first, as written in the UK: 03/04/1961, 3-4-61, 03.04.1961.
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
// 3 April 1961, 3rd April 1961, 3 Apr. 1961, 3rd of April 1961, 03-Apr-1961.
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)([a-z]+)\.?(?:,?\s+|-)(\d{4})$/i;
// April 3, 1961, Apr 3 1961, April 3rd, 1961.
const MONTH_NAME_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function calendarDate(y: number, m: number, d: number): CalendarDate | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** Compares two dates as yyyymmdd numbers. */
function ordinal(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

function today(now: Date): number {
  return ordinal(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

/** A two-digit year goes in the century that puts the whole date in the past (or today) relative to `now`. */
function fullYear(yy: number, m: number, d: number, now: Date): number {
  const recent = 2000 + yy;
  return ordinal(recent, m, d) <= today(now) ? recent : 1900 + yy;
}

/**
 * Parses a UK-style or ISO date: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yy, yyyy-mm-dd,
 * yyyy/mm/dd, yyyymmdd, ISO with a time, "3 April 1961", "3rd Apr 1961", "03-Apr-1961", "April 3, 1961",
 * "Apr 3 1961". Numeric dates are day first. Returns null for anything else, including dates that do
 * not exist (31/02/1961). `now` only decides the century of a two-digit year.
 */
export function parseUkDate(s: string, now: Date = new Date()): CalendarDate | null {
  const v = s.trim();
  let match = ISO.exec(v) ?? COMPACT.exec(v);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = YEAR_FIRST.exec(v);
  if (match) return calendarDate(Number(match[1]), Number(match[3]), Number(match[4]));
  match = DAY_FIRST.exec(v);
  if (match) {
    const d = Number(match[1]);
    const m = Number(match[3]);
    const year = match[4] ?? '';
    const y = year.length === 2 ? fullYear(Number(year), m, d, now) : Number(year);
    return calendarDate(y, m, d);
  }
  match = DAY_MONTH_NAME.exec(v);
  if (match) {
    const m = monthNumber(match[2] ?? '');
    return m === undefined ? null : calendarDate(Number(match[3]), m, Number(match[1]));
  }
  match = MONTH_NAME_DAY.exec(v);
  if (match) {
    const m = monthNumber(match[1] ?? '');
    return m === undefined ? null : calendarDate(Number(match[3]), m, Number(match[2]));
  }
  return null;
}

/** A birth date is not in the future (UTC calendar day of `now`) and at most 120 years ago. */
export function isPlausibleBirthDate(date: CalendarDate, now: Date): boolean {
  const born = ordinal(date.y, date.m, date.d);
  const current = today(now);
  if (born > current) return false;
  const age = Math.floor((current - born) / 10000);
  return age <= 120;
}

/** A date in a common UK or ISO form that could be a living person's date of birth. */
export const dateOfBirth: Validator = (value) => {
  const now = new Date();
  const date = parseUkDate(value, now);
  return date !== null && isPlausibleBirthDate(date, now) ? ACCEPT : REJECT;
};

/** Age below which an unlabelled date is not taken for a birth date: recent dates are orders and events. */
export const ADULT_AGE = 16;

/**
 * A plausible birth date of an adult. Used for dates that carry no "DOB" word or column, which count only
 * inside a record naming a person: a date from this year there is a visit or an order, not a birthday.
 */
export const adultBirthDate: Validator = (value) => {
  // "3.9.10" with no label is a version number far more often than a birthday.
  if (/^\d{1,2}\.\d{1,2}\.\d{1,2}$/.test(value.trim())) return REJECT;
  const now = new Date();
  const date = parseUkDate(value, now);
  if (date === null || !isPlausibleBirthDate(date, now)) return REJECT;
  return now.getUTCFullYear() - date.y >= ADULT_AGE ? ACCEPT : REJECT;
};

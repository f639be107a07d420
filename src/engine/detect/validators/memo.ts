import { detached } from '../detach.js';
import type { Validator, ValidatorVerdict } from './types.js';

/** Distinct values remembered per validator; past it the memory starts again (bounded, whatever the data). */
const MEMO_LIMIT = 16_384;
const DAY_MS = 86_400_000;

/**
 * Remembers a validator's verdicts by value: the same names, dates and sort codes come back row after row of an
 * export, and these validators are the costly ones (name lists, date parsing). A verdict may
 * depend on today's date (a birth date is not in the future), so the memory is dropped when the UTC day changes.
 */
export function memoised(validator: Validator): Validator {
  const byValue = new Map<string, ValidatorVerdict>();
  const byCell = new Map<string, ValidatorVerdict>();
  const byColumn = new Map<string, ValidatorVerdict>();
  let day = -1;
  return (value, cell = false, column = false) => {
    const today = Math.floor(Date.now() / DAY_MS);
    if (today !== day) {
      byValue.clear();
      byCell.clear();
      byColumn.clear();
      day = today;
    }
    const memo = column ? byColumn : cell ? byCell : byValue;
    let verdict = memo.get(value);
    if (verdict === undefined) {
      verdict = validator(value, cell, column);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(detached(value), verdict);
    }
    return verdict;
  };
}

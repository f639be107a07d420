/**
 * A validator checks one candidate value (the regex match, or its `value` capture group).
 * It must be pure, fast and never throw. `ok: false` drops the candidate.
 * `testData: true` marks a value from a published test range (still reported, flagged).
 */
export interface ValidatorVerdict {
  ok: boolean;
  testData?: boolean;
}

/**
 * `cell` is true when the value is a whole cell under a header that names its category; `column` when that
 * cell is a table's (a CSV row, a spreadsheet or database table, a COPY row) rather than a key's value in a
 * pair: a number there may have lost its leading zeros, as spreadsheets and numeric columns keep no zeros.
 */
export type Validator = (value: string, cell?: boolean, column?: boolean) => ValidatorVerdict;

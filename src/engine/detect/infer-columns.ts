import type { CompiledRule } from '../../rulepack/compiled.js';
import { splitCells, type TableShape } from './table.js';
import { adultBirthDate } from './validators/date-of-birth.js';
import { hasKnownNameWord } from './validators/person-name.js';

/** Share of a column's sampled values that must fit a rule before the column is named after it. */
const COLUMN_AGREEMENT = 0.8;
const SAMPLE_ROWS = 30;

/**
 * Names the columns of a header-less table from their values: a column whose cells fit a rule's cell pattern
 * and validators is given that rule's first header, so it gets the same context a real header would give.
 * Returns the table unchanged when nothing is inferred.
 */
export function inferColumns(
  table: TableShape,
  firstText: string,
  rules: readonly CompiledRule[],
): TableShape {
  if (table.headers) return table;
  const rows = firstText
    .split('\n', SAMPLE_ROWS + 1)
    .slice(0, SAMPLE_ROWS)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim().length > 0)
    .slice(table.skip ?? 0)
    .map((l) => splitCells(l, table).map((c) => c.text.trim()));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const cellRules = rules.filter((r) => r.cellPattern !== null && r.context.headers.size > 0);
  const headers: string[] = [];
  let named = 0;
  for (let col = 0; col < width; col++) {
    const values = rows.map((r) => r[col] ?? '').filter((v) => v.length > 0);
    const rule = values.length >= 2 ? bestRule(values, cellRules) : null;
    headers.push(rule ? ([...rule.context.headers][0] as string) : '');
    if (rule) named++;
  }
  return named === 0 ? table : { ...table, headers, inferred: true };
}

function bestRule(values: string[], rules: readonly CompiledRule[]): CompiledRule | null {
  let best: CompiledRule | null = null;
  let bestShare = COLUMN_AGREEMENT;
  for (const rule of rules) {
    const fits = values.filter((v) => fitsRule(v, rule));
    const share = fits.length / values.length;
    if (share < bestShare || !evidence(rule, fits)) continue;
    if (share > bestShare || best === null) {
      best = rule;
      bestShare = share;
    }
  }
  return best;
}

function fitsRule(value: string, rule: CompiledRule): boolean {
  if (!(rule.cellPattern as RegExp).test(value)) return false;
  return rule.validators.every((v) => v.fn(value).ok);
}

/**
 * What a column needs beyond fitting the pattern. Capitalised words fit the name pattern, so most must be
 * listed names; dates fit the birth-date rule, so most must make their person an adult. Other rules whose
 * context is required (policy numbers, access codes) are never inferred: their shape alone says too little.
 */
function evidence(rule: CompiledRule, fits: string[]): boolean {
  if (rule.category === 'person-name') {
    return fits.filter(hasKnownNameWord).length >= fits.length * 0.6;
  }
  if (rule.category === 'date-of-birth') {
    const adults = fits.filter((v) => adultBirthDate(v).ok);
    return adults.length >= fits.length * COLUMN_AGREEMENT && new Set(adults).size >= 2;
  }
  return !rule.context.required;
}

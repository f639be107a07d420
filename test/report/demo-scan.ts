import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliResult, ROOT, spawnCli } from '../helpers/cli.js';

// What every report format must keep masked: raw values from the first data row of the demo customer export
// (forename, surname, postcode, phone, and the digits of the policy number, which Markdown would escape).
const row = (
  readFileSync(join(ROOT, 'fixtures/demo/restore/customers_export.csv'), 'utf8').split('\n')[1] as string
).split(',');

export const RAW_VALUES: readonly string[] = [
  row[3] as string,
  row[4] as string,
  row[7] as string,
  row[9] as string,
  (row[0] as string).replace(/^\D+/, ''),
];

/** `residue scan --quiet fixtures/demo --format F --fail-on never …` through the built bin. */
export function scanDemo(format: string, args: string[] = []): CliResult {
  return spawnCli(['scan', '--quiet', 'fixtures/demo', '--format', format, '--fail-on', 'never', ...args]);
}

/** The raw demo values that occur in the text. */
export function rawValuesIn(text: string): string[] {
  return RAW_VALUES.filter((v) => text.includes(v));
}

import { ResidueError } from '../model/errors.js';
import { isOneOf, REPORT_FORMATS, type ReportFormat } from '../model/vocabulary.js';
import { csvReporter } from './csv.js';
import { jsonReporter } from './json.js';
import { jsonlReporter } from './jsonl.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export { jsonPiecesOf } from './json.js';
export type { RenderOptions, Reporter } from './reporter.js';
export { DEFAULT_RENDER_OPTIONS, renderPieces } from './reporter.js';

/** One reporter per REPORT_FORMATS entry; the Record type makes a missing format a compile error. */
export const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  csv: csvReporter,
  jsonl: jsonlReporter,
  markdown: markdownReporter,
};

/**
 * Formats made to be kept or uploaded as CI artefacts (code scanning, test reports, spreadsheets, job
 * summaries), where a value shown once stays readable by everyone with access to the pipeline. With
 * --show-values their excerpts stay masked unless --show-values-in-files is given too.
 */
export const ARTIFACT_FORMATS: readonly ReportFormat[] = ['sarif', 'junit', 'csv', 'markdown'];

/** The reporter for a format. Other names are a usage error (the CLI already limits the choices). */
export function getReporter(name: string): Reporter {
  if (!isOneOf(REPORT_FORMATS, name)) {
    throw new ResidueError('USAGE', {
      detail: `unknown report format "${name}" (expected ${REPORT_FORMATS.join(', ')})`,
    });
  }
  return REPORTERS[name];
}

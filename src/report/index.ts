import { ResidueError } from '../model/errors.js';
import { isOneOf, REPORT_FORMATS, type ReportFormat } from '../model/vocabulary.js';
import { jsonReporter } from './json.js';
import type { Reporter } from './reporter.js';
import { textReporter } from './text.js';

export type { RenderOptions, Reporter } from './reporter.js';
export { DEFAULT_RENDER_OPTIONS } from './reporter.js';

/** One reporter per REPORT_FORMATS entry; the Record type makes a missing format a compile error. */
export const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  json: jsonReporter,
};

/** The reporter for a format. Other names are a usage error (the CLI already limits the choices). */
export function getReporter(name: string): Reporter {
  if (!isOneOf(REPORT_FORMATS, name)) {
    throw new ResidueError('USAGE', {
      detail: `unknown report format "${name}" (expected ${REPORT_FORMATS.join(', ')})`,
    });
  }
  return REPORTERS[name];
}

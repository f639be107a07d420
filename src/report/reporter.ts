import type { Report } from '../model/report.js';
import type { FailOn, ReportFormat } from '../model/vocabulary.js';

export interface RenderOptions {
  /** Emit ANSI colour. The caller decides (TTY, --no-color, NO_COLOR); reporters never detect it. */
  color: boolean;
  /** Findings printed per file by human-readable reporters. */
  maxExcerptsPerFile: number;
  /** Print under each finding why it scored what it did (--explain). */
  explain: boolean;
  /** The verdict that fails the scan (--fail-on); formats with a pass/fail per file (JUnit) follow it. */
  failOn?: FailOn;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = { color: false, maxExcerptsPerFile: 3, explain: false };

/** Turns the report model into the bytes of one output format. Pure: no I/O, no engine imports. */
export interface Reporter {
  readonly name: ReportFormat;
  render(report: Report, options: RenderOptions): string;
  /**
   * The same text in pieces, for reports too large to be one string (V8 caps a string at about 512 MiB, and a
   * mailbox of 40,000 messages makes a larger JSON report). Joined, the pieces equal render().
   */
  renderPieces?(report: Report, options: RenderOptions): Iterable<string>;
}

/** The report as pieces to write one after another: streamed where the format can, else one string. */
export function renderPieces(reporter: Reporter, report: Report, options: RenderOptions): Iterable<string> {
  return reporter.renderPieces ? reporter.renderPieces(report, options) : [reporter.render(report, options)];
}

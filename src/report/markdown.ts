import type { FileResult } from '../model/finding.js';
import type { ListedFiles, Report } from '../model/report.js';
import { VERDICTS, type Verdict } from '../model/vocabulary.js';
import type { Reporter } from './reporter.js';
import { sanitize } from './sanitize.js';
import { countsLine, inFileOrder } from './text.js';
import { formatCount, formatDuration, plural } from './units.js';

// Markdown for CI job summaries ($GITHUB_STEP_SUMMARY, GitLab and Azure DevOps summaries): a heading with the
// overall result, a line of totals, a table of the files with findings (verdict, records, categories, one
// masked example) and every file not fully inspected. Paths and excerpts come from scanned files: control
// characters are escaped first (sanitize), then every Markdown-significant character is backslash-escaped, so
// a file name cannot open a link, an image, HTML, a table cell or a mention in the page.

/** Files listed in the table; the rest are counted in a last row (the errors are always all listed). */
export const MAX_MARKDOWN_FILES = 200;

/** ASCII punctuation that can start Markdown (or GitHub) syntax anywhere in a line; `/` and `,` are inert. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&@:$^=%;?'"]/g;

/** Text shown literally by CommonMark and GitHub Flavored Markdown, inside a table cell or a list item. */
export function markdownText(text: string): string {
  return sanitize(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

const HEADING: Record<Verdict, string> = {
  'personal-data': '❌ residue: personal data found',
  'contains-pii': '⚠️ residue: stray personal data identifiers found',
  clean: '✅ residue: no personal data found',
};

/** The worst verdict, and whether any finding carries its value (--show-values-in-files): one pass. */
function survey(files: ListedFiles): { worst: Verdict; unmasked: boolean } {
  let worst: Verdict = 'clean';
  let unmasked = false;
  for (const f of files) {
    if (VERDICTS.indexOf(f.verdict) > VERDICTS.indexOf(worst)) worst = f.verdict;
    if (!unmasked) unmasked = f.findings.some((x) => x.value !== undefined);
  }
  return { worst, unmasked };
}

function totals(report: Report): string {
  const s = report.summary;
  const parts = [
    `**${formatCount(s.verdicts['personal-data'])} personal-data**`,
    `**${formatCount(s.verdicts['contains-pii'])} contains-pii**`,
    `${plural(s.filesScanned, 'file')} scanned`,
    plural(s.records, 'record'),
    plural(s.findings, 'finding'),
    `${formatCount(s.errors)} not fully inspected`,
    `${formatCount(s.skipped)} skipped`,
  ];
  if (report.suppressed && report.suppressed.length > 0) {
    parts.push(`${formatCount(report.suppressed.length)} suppressed`);
  }
  parts.push(formatDuration(s.durationMs));
  return parts.join(' · ');
}

function fileRow(file: FileResult): string {
  const first = file.findings[0];
  const example = first ? `${first.line}:${first.column} ${markdownText(first.excerpt)}` : '';
  const cells = [
    file.verdict,
    markdownText(file.path),
    formatCount(file.records),
    countsLine(file.counts),
    example,
  ];
  return `| ${cells.join(' | ')} |`;
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  render(report) {
    const s = report.summary;
    // With --show-values-in-files, findings carry their value and excerpts are not masked: say so.
    const { worst: verdict, unmasked } = survey(report.files);
    const incomplete = s.complete ? '' : ' (scan incomplete)';
    const heading =
      verdict === 'clean' && !s.complete ? `${HEADING.clean} in the files read` : HEADING[verdict];
    const lines = [`## ${heading}${incomplete}`, '', totals(report), ''];

    const listed = report.files.length;
    if (listed > 0) {
      lines.push(
        `| verdict | file | records | categories | example${unmasked ? '' : ' (masked)'} |`,
        '| --- | --- | ---: | --- | --- |',
      );
      let rows = 0;
      for (const file of inFileOrder(report.files)) {
        if (rows++ === MAX_MARKDOWN_FILES) break;
        lines.push(fileRow(file));
      }
      if (listed > MAX_MARKDOWN_FILES) {
        lines.push(`| | … and ${plural(listed - MAX_MARKDOWN_FILES, 'more file')} | | | |`);
      }
      lines.push('');
    }

    if (report.errors.length > 0) {
      lines.push(`### Not fully inspected (${formatCount(report.errors.length)})`, '');
      for (const e of report.errors) {
        lines.push(`- ${markdownText(e.path)}: ${markdownText(e.message)} (${markdownText(e.code)})`);
      }
      lines.push('');
    }

    const packs = report.rulePacks.map((p) => `${p.name} ${p.version}`).join(', ') || 'none';
    const roots = report.roots.join(', ');
    lines.push(
      `<sub>${markdownText(`${report.tool.name} ${report.tool.version} · roots: ${roots} · rule packs: ${packs}`)} · ${unmasked ? '**excerpts are NOT masked**' : 'excerpts are masked'}</sub>`,
      '',
    );
    return lines.join('\n');
  },
};

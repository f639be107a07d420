import { Chalk, type ChalkInstance } from 'chalk';
import type { FileResult, Finding } from '../model/finding.js';
import type { ListedFiles, Report } from '../model/report.js';
import { CATEGORIES, type Category, VERDICTS, type Verdict } from '../model/vocabulary.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { sanitize } from './sanitize.js';
import { formatBytes, formatCount, formatDuration, plural } from './units.js';

/** Skipped files listed before the rest are summarised as "… and N more". */
export const MAX_SKIPPED_LISTED = 20;

const VERDICT_LABEL: Record<Verdict, string> = {
  'personal-data': 'PERSONAL DATA',
  'contains-pii': 'contains pii',
  clean: 'clean',
};

/** Most serious verdict first; within a verdict, by path. */
export function fileOrder(a: FileResult, b: FileResult): number {
  const rank = VERDICTS.indexOf(b.verdict) - VERDICTS.indexOf(a.verdict);
  if (rank !== 0) return rank;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The files in fileOrder. A spooled list (already in path order) is read once per verdict instead of being
 * held whole to be sorted.
 */
export function* inFileOrder(files: ListedFiles): Generator<FileResult> {
  if (Array.isArray(files)) {
    yield* [...(files as readonly FileResult[])].sort(fileOrder);
    return;
  }
  for (let v = VERDICTS.length - 1; v >= 0; v--)
    for (const file of files) if (file.verdict === VERDICTS[v]) yield file;
}

/** `person-name 412 · date-of-birth 412 · postcode 410`: largest first, ties in vocabulary order. */
export function countsLine(counts: Partial<Record<Category, number>>): string {
  return CATEGORIES.filter((c) => (counts[c] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b))
    .map((c) => `${c} ${formatCount(counts[c] ?? 0)}`)
    .join(' · ');
}

class TextWriter {
  private readonly lines: string[] = [];
  private readonly c: ChalkInstance;

  constructor(
    private readonly report: Report,
    private readonly options: RenderOptions,
  ) {
    // An explicit level: output never depends on chalk's own TTY/env detection.
    this.c = new Chalk({ level: options.color ? 1 : 0 });
  }

  render(): string {
    this.files();
    this.errors();
    this.skipped();
    this.summary();
    return `${this.lines.join('\n')}\n`;
  }

  private files(): void {
    if (this.report.files.length === 0) {
      const found = this.report.summary.complete
        ? 'no personal data found'
        : 'no personal data found in the files read';
      this.lines.push(this.c.green(found), '');
      return;
    }
    for (const file of inFileOrder(this.report.files)) {
      this.lines.push(this.fileHeader(file));
      const counts = countsLine(file.counts);
      if (counts) this.lines.push(`  ${this.c.dim(counts)}`);
      const shown = file.findings.slice(0, Math.max(0, this.options.maxExcerptsPerFile));
      for (const f of shown) {
        this.lines.push(this.findingLine(f));
        if (this.options.explain) this.lines.push(this.explainLine(f));
      }
      const total = Math.max(file.findings.length, sumCounts(file.counts));
      if (total > shown.length) {
        this.lines.push(this.c.dim(`  … and ${formatCount(total - shown.length)} more findings`));
      }
      this.lines.push('');
    }
  }

  private fileHeader(file: FileResult): string {
    const label = VERDICT_LABEL[file.verdict];
    const styled =
      file.verdict === 'personal-data'
        ? this.c.bold.red(label)
        : file.verdict === 'contains-pii'
          ? this.c.yellow(label)
          : this.c.green(label);
    const notes: string[] = [];
    if (file.records > 0) notes.push(plural(file.records, 'record'));
    if (file.inspection === 'strings') notes.push('read as strings');
    const tail = notes.length > 0 ? `  (${notes.join(', ')})` : '';
    return `${styled}  ${this.c.bold(sanitize(file.path))}${tail}`;
  }

  /** `  12:5  nhs-number  0.95  943 *** **19`. The excerpt is printed as the engine masked it. */
  private findingLine(f: Finding): string {
    const where = this.c.dim(`${f.line}:${f.column}`);
    const test = f.testData ? this.c.dim('  (test data)') : '';
    const excerpt = sanitize(f.excerpt);
    return `  ${where}  ${this.c.cyan(f.category)}  ${f.confidence.toFixed(2)}  ${excerpt}${test}`;
  }

  /** `      pattern matched (base 0.4) · validated: person-name · field "name" +0.45 → 0.85` */
  private explainLine(f: Finding): string {
    const why = f.reasons.map(sanitize).join(' · ');
    return this.c.dim(`      ${why} → ${f.confidence.toFixed(2)}`);
  }

  private errors(): void {
    const { errors } = this.report;
    if (errors.length === 0) return;
    this.lines.push(this.c.bold.red(`errors (${formatCount(errors.length)})`));
    for (const e of errors) this.lines.push(`  ${sanitize(e.path)}: ${sanitize(e.message)}`);
    this.lines.push('');
  }

  private skipped(): void {
    const { skipped } = this.report;
    if (skipped.length === 0) return;
    this.lines.push(this.c.bold(`skipped (${formatCount(skipped.length)})`));
    for (const s of skipped.slice(0, MAX_SKIPPED_LISTED))
      this.lines.push(`  ${sanitize(s.path)}: ${sanitize(s.reason)}`);
    if (skipped.length > MAX_SKIPPED_LISTED) {
      this.lines.push(this.c.dim(`  … and ${formatCount(skipped.length - MAX_SKIPPED_LISTED)} more`));
    }
    this.lines.push('');
  }

  private summary(): void {
    const s = this.report.summary;
    const packs = this.report.rulePacks.map((p) => `${sanitize(p.name)} ${sanitize(p.version)}`).join(', ');
    const rows: [string, string][] = [
      ['files scanned', formatCount(s.filesScanned)],
      ['bytes scanned', formatBytes(s.bytesScanned)],
      ['personal-data files', formatCount(s.verdicts['personal-data'])],
      ['contains-pii files', formatCount(s.verdicts['contains-pii'])],
      ['records', formatCount(s.records)],
      ['findings', formatCount(s.findings)],
      ['errors', formatCount(s.errors)],
      ['skipped', formatCount(s.skipped)],
      ...(this.report.stringsOnly?.length
        ? ([
            [
              'strings only',
              `${formatCount(this.report.stringsOnly.length)} (unknown formats, searched as printable strings)`,
            ],
          ] as [string, string][])
        : []),
      ['time', formatDuration(s.durationMs)],
      ['rule packs', packs || 'none'],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    this.lines.push(this.c.bold('summary'));
    for (const [label, value] of rows) this.lines.push(`  ${label.padEnd(width)}  ${value}`);
    if (!s.complete) {
      this.lines.push(this.c.bold.yellow(`  scan incomplete: ${plural(s.errors, 'file')} not fully read`));
    }
  }
}

function sumCounts(counts: Partial<Record<Category, number>>): number {
  return Object.values(counts).reduce((n: number, v) => n + (v ?? 0), 0);
}

export const textReporter: Reporter = {
  name: 'text',
  render(report, options) {
    return new TextWriter(report, options).render();
  },
};

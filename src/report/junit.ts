import type { FileError, FileResult } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { type FailOn, VERDICTS } from '../model/vocabulary.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { countsLine } from './text.js';
import { formatCount } from './units.js';
import { xmlAttrs, xmlText } from './xml.js';

// JUnit XML for CI test report views (GitLab, Jenkins, Azure DevOps, test-reporter actions). One suite,
// `residue`; one test case per file with findings (classname = verdict, name = path) that fails when its
// verdict reaches --fail-on, so the failures agree with the exit code; one test case per file not fully
// inspected, with an <error>. The failure body lists masked excerpts; clean files are only counted.

/** Excerpts listed in one failure's body; the rest are counted. */
export const MAX_JUNIT_EXCERPTS = 20;

function fails(file: FileResult, failOn: FailOn): boolean {
  return failOn !== 'never' && VERDICTS.indexOf(file.verdict) >= VERDICTS.indexOf(failOn);
}

function fileCase(file: FileResult, failOn: FailOn): string {
  const open = `    <testcase${xmlAttrs({ classname: file.verdict, name: file.path })}`;
  const lines = file.findings
    .slice(0, MAX_JUNIT_EXCERPTS)
    .map(
      (f) =>
        `${f.line}:${f.column}  ${f.category}  ${f.confidence.toFixed(2)}  ${xmlText(f.excerpt)}${f.testData ? '  (test data)' : ''}`,
    );
  const total = Object.values(file.counts).reduce((n: number, v) => n + (v ?? 0), 0);
  const shown = Math.min(file.findings.length, MAX_JUNIT_EXCERPTS);
  if (total > shown) lines.push(`… and ${formatCount(total - shown)} more findings`);
  const records = file.records > 0 ? `${formatCount(file.records)} records; ` : '';
  const message = `${file.verdict}: ${records}${countsLine(file.counts)}`;
  const body = lines.join('\n');
  if (!fails(file, failOn))
    return `${open}>\n      <system-out>${xmlText(message)}\n${body}</system-out>\n    </testcase>`;
  return [
    `${open}>`,
    `      <failure${xmlAttrs({ type: file.verdict, message })}>${body}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function errorCase(e: FileError): string {
  return [
    `    <testcase${xmlAttrs({ classname: 'not-inspected', name: e.path })}>`,
    `      <error${xmlAttrs({ type: e.code, message: e.message })}>${xmlText(`${e.path}: ${e.message}`)}</error>`,
    '    </testcase>',
  ].join('\n');
}

export const junitReporter: Reporter = {
  name: 'junit',
  render(report: Report, options: RenderOptions) {
    const failOn: FailOn = options.failOn ?? 'contains-pii';
    let failures = 0;
    for (const f of report.files) if (fails(f, failOn)) failures++;
    const tests = report.files.length + report.errors.length;
    const counts = {
      tests,
      failures,
      errors: report.errors.length,
      skipped: 0,
      time: (report.summary.durationMs / 1000).toFixed(3),
    };
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${xmlAttrs({ name: 'residue', ...counts })}>`,
      `  <testsuite${xmlAttrs({ name: 'residue', ...counts, timestamp: report.startedAt })}>`,
      ...Array.from(report.files, (f) => fileCase(f, failOn)),
      ...report.errors.map(errorCase),
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n');
  },
};

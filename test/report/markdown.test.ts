import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { MAX_MARKDOWN_FILES, markdownReporter, markdownText } from '../../src/report/markdown.js';
import { DEFAULT_RENDER_OPTIONS } from '../../src/report/reporter.js';
import { RAW_VALUES, rawValuesIn, scanDemo } from './demo-scan.js';
import { cleanReport, sampleReport } from './report-fixture.js';

function render(report: Report): string {
  return markdownReporter.render(report, DEFAULT_RENDER_OPTIONS);
}

/** The table's body rows, each split on the pipes that are not escaped. */
function tableRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| verdict') && !l.startsWith('| ---'))
    .map((l) =>
      l
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('markdown reporter', () => {
  it('heads with the overall result, then totals, a table of files and every file not inspected', () => {
    const md = render(sampleReport());
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ residue: personal data found (scan incomplete)');
    expect(lines[2]).toBe(
      '**2 personal-data** · **1 contains-pii** · 57 files scanned · 413 records · 1,238 findings · 1 not fully inspected · 23 skipped · 1.2 s',
    );
    expect(tableRows(md)).toEqual([
      [
        'personal-data',
        'archive/letter\\.bin',
        '1',
        'person-name 1 · date-of-birth 1 · email-address 1',
        '1:9 M\\*\\*\\*\\* J\\*\\*\\*\\*',
      ],
      [
        'personal-data',
        'exports/customers\\.csv',
        '412',
        'person-name 412 · date-of-birth 412 · postcode 410',
        '2:1 J\\*\\*\\* S\\*\\*\\*\\*',
      ],
      ['contains-pii', 'src/app\\.js', '0', 'nhs-number 1', '12:5 999 \\*\\*\\* \\*\\*19'],
    ]);
    expect(md).toContain('### Not fully inspected (1)\n\n- locked/db\\.sqlite: permission denied (EACCES)\n');
    expect(md).toContain('excerpts are masked');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('names the result in the heading for each outcome', () => {
    const report = sampleReport();
    const pii = { ...report, files: [report.files[0] as FileResult] };
    expect(render(pii).split('\n')[0]).toBe(
      '## ⚠️ residue: stray personal data identifiers found (scan incomplete)',
    );
    expect(render(cleanReport()).split('\n')[0]).toBe('## ✅ residue: no personal data found');
    const unread = {
      ...cleanReport(),
      errors: report.errors,
      summary: { ...cleanReport().summary, errors: 1, complete: false },
    };
    const md = render(unread);
    expect(md.split('\n')[0]).toBe(
      '## ✅ residue: no personal data found in the files read (scan incomplete)',
    );
    expect(md).not.toContain('| verdict');
    expect(md).toContain('- locked/db\\.sqlite: permission denied (EACCES)');
  });

  it('lists every error, however many', () => {
    const errors = Array.from({ length: 250 }, (_, i) => ({
      path: `big/${i}.bin`,
      code: 'TOO_LARGE',
      message: 'too large',
    }));
    const md = render({ ...sampleReport(), errors });
    expect(md).toContain('### Not fully inspected (250)');
    expect(md.split('\n').filter((l) => l.startsWith('- big/'))).toHaveLength(250);
  });

  it(`lists at most ${MAX_MARKDOWN_FILES} files and counts the rest`, () => {
    const one = sampleReport().files[1] as FileResult;
    const files = Array.from({ length: MAX_MARKDOWN_FILES + 5 }, (_, i) => ({
      ...one,
      path: `f/${String(i).padStart(4, '0')}`,
    }));
    const md = render({ ...sampleReport(), files });
    expect(tableRows(md)).toHaveLength(MAX_MARKDOWN_FILES + 1);
    expect(md).toContain('| | … and 5 more files | | | |');
  });

  it('escapes paths and excerpts so they cannot make markup, links, HTML or extra cells', () => {
    expect(markdownText('a|b`c*d_e[f](g)<h>i&j@k~l')).toBe(
      'a\\|b\\`c\\*d\\_e\\[f\\]\\(g\\)\\<h\\>i\\&j\\@k\\~l',
    );
    expect(markdownText('line\nbreak\u202e')).toBe('line\\\\x0abreak\\\\u202e');
    const report = sampleReport();
    const file = {
      ...(report.files[1] as FileResult),
      path: '| x | <img src=y> [a](http://e.test) `c` **b**.csv',
    };
    (file.findings[0] as Finding).excerpt = '|<script>|';
    const errors = [{ path: '<b>x</b>|y', code: 'EIO', message: 'input/output error | while reading' }];
    const md = render({ ...report, files: [file], errors });
    const rows = tableRows(md);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(5);
    expect(rows[0]?.[1]).toBe(
      '\\| x \\| \\<img src\\=y\\> \\[a\\]\\(http\\://e\\.test\\) \\`c\\` \\*\\*b\\*\\*\\.csv',
    );
    expect(md).not.toMatch(/(?<!\\)<(img|script|b)/);
    expect(md).toContain('- \\<b\\>x\\</b\\>\\|y: input/output error \\| while reading (EIO)');
  });

  it('says when excerpts are not masked', () => {
    const report = sampleReport();
    const file = report.files[0] as FileResult;
    (file.findings[0] as Finding).value = '9990000019';
    expect(render(report)).toContain('**excerpts are NOT masked**');
  });
});

describe('residue scan --format markdown', () => {
  it('summarises fixtures/demo with masked values only', () => {
    const r = scanDemo('markdown');
    expect(r.code).toBe(0);
    expect(RAW_VALUES.every((v) => v.length >= 4)).toBe(true);
    expect(rawValuesIn(r.stdout)).toEqual([]);
    expect(r.stdout.startsWith('## ❌ residue: personal data found\n')).toBe(true);
    expect(tableRows(r.stdout)).toHaveLength(7);
  });

  it('lists files not inspected', () => {
    const r = scanDemo('markdown', ['--max-file-size', '2k']);
    expect(r.stdout).toMatch(/### Not fully inspected \(\d+\)/);
    expect(r.stdout).toContain('(TOO\\_LARGE)');
  });

  it('stays masked with --show-values alone; unmasks with --show-values-in-files too', () => {
    expect(rawValuesIn(scanDemo('markdown', ['--show-values']).stdout)).toEqual([]);
    const shown = scanDemo('markdown', ['--show-values', '--show-values-in-files']).stdout;
    expect(rawValuesIn(shown).length).toBeGreaterThan(0);
    expect(shown).toContain('**excerpts are NOT masked**');
  });
});

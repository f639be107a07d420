import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import type { RenderOptions } from '../../src/report/reporter.js';
import { countsLine, MAX_SKIPPED_LISTED, textReporter } from '../../src/report/text.js';
import { appFile, cleanReport, customersFile, sampleReport, skippedFiles } from './report-fixture.js';

const PLAIN: RenderOptions = { color: false, maxExcerptsPerFile: 3, explain: false };
const COLOUR: RenderOptions = { color: true, maxExcerptsPerFile: 3, explain: false };
/** chalk's SGR sequences only: anything else left after stripping them would be a leak. */
const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

function lines(report: Report, options: RenderOptions = PLAIN): string[] {
  const out = textReporter.render(report, options);
  expect(out.endsWith('\n')).toBe(true);
  return out.slice(0, -1).split('\n');
}

describe('text reporter: files', () => {
  it('prints personal-data files first, then contains-pii, each by path, with verdict, counts and excerpts', () => {
    const out = lines(sampleReport());
    expect(out.slice(0, 17)).toEqual([
      'PERSONAL DATA  archive/letter.bin  (1 record, read as strings)',
      '  person-name 1 · date-of-birth 1 · email-address 1',
      '  1:9  person-name  0.70  M**** J****',
      '  1:30  email-address  0.85  m***@e***.test',
      '  2:1  date-of-birth  0.60  **/**/**91',
      '',
      'PERSONAL DATA  exports/customers.csv  (412 records)',
      '  person-name 412 · date-of-birth 412 · postcode 410',
      '  2:1  person-name  0.90  J*** S****',
      '  2:12  date-of-birth  0.88  **/**/**84',
      '  2:23  postcode  0.80  LS1 ***',
      '  … and 1,231 more findings',
      '',
      'contains pii  src/app.js',
      '  nhs-number 1',
      '  12:5  nhs-number  0.95  999 *** **19  (test data)',
      '',
    ]);
  });

  it('honours maxExcerptsPerFile, counting the rest from the per-category counts', () => {
    const report: Report = { ...sampleReport(), files: [customersFile()] };
    expect(lines(report, { ...PLAIN, maxExcerptsPerFile: 1 }).slice(0, 5)).toEqual([
      'PERSONAL DATA  exports/customers.csv  (412 records)',
      '  person-name 412 · date-of-birth 412 · postcode 410',
      '  2:1  person-name  0.90  J*** S****',
      '  … and 1,233 more findings',
      '',
    ]);
    const none = lines(report, { ...PLAIN, maxExcerptsPerFile: 0 });
    expect(none.slice(2, 4)).toEqual(['  … and 1,234 more findings', '']);
  });

  it('with explain, prints under each finding why it scored what it did', () => {
    const report: Report = { ...sampleReport(), files: [customersFile()] };
    const out = lines(report, { ...PLAIN, maxExcerptsPerFile: 1, explain: true });
    expect(out[2]).toBe('  2:1  person-name  0.90  J*** S****');
    expect(out[3]).toBe('      pattern → 0.90');
    expect(lines(report, { ...PLAIN, maxExcerptsPerFile: 1 })[3]).toBe('  … and 1,233 more findings');
  });

  it('prints no "more" line when every finding is shown', () => {
    const report: Report = { ...sampleReport(), files: [appFile()] };
    expect(lines(report).slice(0, 4)).toEqual([
      'contains pii  src/app.js',
      '  nhs-number 1',
      '  12:5  nhs-number  0.95  999 *** **19  (test data)',
      '',
    ]);
  });

  it('orders counts by count, ties in vocabulary order, and groups thousands', () => {
    expect(countsLine({ postcode: 2, 'ip-address': 1_234_567, 'person-name': 2 })).toBe(
      'ip-address 1,234,567 · person-name 2 · postcode 2',
    );
    expect(countsLine({})).toBe('');
  });

  it('prints the engine excerpt as is: masked stays masked, and no raw value is looked up', () => {
    const file = appFile();
    file.findings = [{ ...(file.findings[0] as (typeof file.findings)[number]), value: '9990000019' }];
    const text = textReporter.render({ ...sampleReport(), files: [file] }, PLAIN);
    expect(text).toContain('999 *** **19');
    expect(text).not.toContain('9990000019');
  });

  it('says so when nothing was found', () => {
    expect(lines(cleanReport())[0]).toBe('no personal data found');
    const incomplete = cleanReport();
    incomplete.summary = { ...incomplete.summary, errors: 1, complete: false };
    expect(lines(incomplete)[0]).toBe('no personal data found in the files read');
  });
});

describe('text reporter: errors, skipped and summary', () => {
  it('lists errors as path: message and at most 20 skipped files, then a count', () => {
    const out = lines(sampleReport());
    const errorsAt = out.indexOf('errors (1)');
    expect(out.slice(errorsAt, errorsAt + 3)).toEqual([
      'errors (1)',
      '  locked/db.sqlite: permission denied',
      '',
    ]);
    const skippedAt = out.indexOf('skipped (23)');
    expect(skippedAt).toBeGreaterThan(errorsAt);
    const listed = out.slice(skippedAt + 1, skippedAt + 1 + MAX_SKIPPED_LISTED);
    expect(listed[0]).toBe('  vendor/lib00.min.js: excluded by .residueignore');
    expect(listed[19]).toBe('  vendor/lib19.min.js: excluded by .residueignore');
    expect(out[skippedAt + 1 + MAX_SKIPPED_LISTED]).toBe('  … and 3 more');
  });

  it('lists exactly 20 skipped files without a count line', () => {
    const out = lines({ ...sampleReport(), skipped: skippedFiles(20) });
    const at = out.indexOf('skipped (20)');
    expect(out[at + 20]).toBe('  vendor/lib19.min.js: excluded by .residueignore');
    expect(out[at + 21]).toBe('');
  });

  it('omits the errors and skipped sections when empty', () => {
    const out = lines(cleanReport());
    expect(out.some((l) => l.startsWith('errors') || l.startsWith('skipped'))).toBe(false);
  });

  it('ends with the summary block, rule packs on one line, and the incomplete warning', () => {
    expect(lines(sampleReport()).slice(-13)).toEqual([
      '',
      'summary',
      '  files scanned        57',
      '  bytes scanned        1.5 MiB',
      '  personal-data files  2',
      '  contains-pii files   1',
      '  records              413',
      '  findings             1,238',
      '  errors               1',
      '  skipped              23',
      '  time                 1.2 s',
      '  rule packs           uk-identifiers 1.0.0, uk-people 1.2.0',
      '  scan incomplete: 1 file not fully read',
    ]);
  });

  it('prints no incomplete warning for a complete scan', () => {
    const out = lines(cleanReport());
    expect(out.slice(-3)).toEqual([
      '  skipped              0',
      '  time                 42 ms',
      '  rule packs           none',
    ]);
    expect(out.some((l) => l.includes('scan incomplete'))).toBe(false);
  });
});

describe('text reporter: colour', () => {
  it('emits no escape codes with color:false', () => {
    expect(textReporter.render(sampleReport(), PLAIN)).not.toContain(ESC);
  });

  it('emits colour with color:true, and the same text once colour is stripped', () => {
    const coloured = textReporter.render(sampleReport(), COLOUR);
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mPERSONAL DATA${ESC}[39m${ESC}[22m`);
    expect(coloured).toContain(`${ESC}[33mcontains pii${ESC}[39m`);
    expect(coloured.replace(SGR, '')).toBe(textReporter.render(sampleReport(), PLAIN));
  });
});

describe('text reporter: attacker-controlled text', () => {
  const evilPath = 'x\u001b]0;owned\u0007\u001b[2J\u001b[1A\r\nPERSONAL DATA  fake.csv\u009b31m\u202egnp.exe';
  const evil = (): Report => {
    const file = appFile();
    file.path = evilPath;
    file.findings = [
      { ...(file.findings[0] as (typeof file.findings)[number]), excerpt: '999\u001b[8m *** **19' },
    ];
    return {
      ...sampleReport(),
      rulePacks: [{ name: 'pack\u001b[2K', version: '1\r', source: 'x' }],
      files: [file],
      errors: [{ path: 'e\u0000.txt', code: 'READ_ERROR', message: 'could not be read (\u001b[31m)' }],
      skipped: [{ path: 's\t.txt', reason: 'r\u0085' }],
    };
  };

  it('neutralises control characters in paths, excerpts, messages, reasons and pack names', () => {
    const out = lines(evil());
    expect(out[0]).toBe(
      'contains pii  x\\x1b]0;owned\\x07\\x1b[2J\\x1b[1A\\x0d\\x0aPERSONAL DATA  fake.csv\\x9b31m\\u202egnp.exe',
    );
    expect(out[2]).toBe('  12:5  nhs-number  0.95  999\\x1b[8m *** **19  (test data)');
    expect(out).toContain('  e\\x00.txt: could not be read (\\x1b[31m)');
    expect(out).toContain('  s\\x09.txt: r\\x85');
    expect(out).toContain('  rule packs           pack\\x1b[2K 1\\x0d');
  });

  it('leaves no escape but its own colour codes, and no stray line breaks', () => {
    const plain = textReporter.render(evil(), PLAIN);
    for (const line of plain.split('\n')) expect(line).not.toMatch(/[\p{Cc}\u202e]/u);
    // One line per item, exactly as many as the same report with harmless text.
    const harmless = evil();
    harmless.files = [appFile()];
    harmless.rulePacks = [{ name: 'pack', version: '1', source: 'x' }];
    harmless.errors = [{ path: 'e.txt', code: 'READ_ERROR', message: 'could not be read' }];
    harmless.skipped = [{ path: 's.txt', reason: 'r' }];
    expect(plain.split('\n')).toHaveLength(textReporter.render(harmless, PLAIN).split('\n').length);
    expect(textReporter.render(evil(), COLOUR).replace(SGR, '')).not.toContain(ESC);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResidueError } from '../../src/model/errors.js';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { jsonReporter } from '../../src/report/json.js';
import { DEFAULT_RENDER_OPTIONS, renderPieces } from '../../src/report/reporter.js';
import { readReportFile } from '../../src/workflow/report-file.js';
import { streamReportFile } from '../../src/workflow/report-stream.js';
import { fileResult, finding, personRow, report } from './fake-report.js';

const dir = mkdtempSync(join(tmpdir(), 'residue-report-stream-'));
let written = 0;
function write(text: string): string {
  const path = join(dir, `r${written++}.json`);
  writeFileSync(path, text);
  return path;
}

/** As `scan --format json` writes it: the real reporter, in pieces. */
function asScanWritesIt(r: Report): string {
  return [...renderPieces(jsonReporter, r, DEFAULT_RENDER_OPTIONS)].join('');
}

// Multi-byte paths, so 1-byte and 7-byte chunks cut UTF-8 sequences (2, 3 and 4 bytes) in two.
const sample = report(
  [
    fileResult('données/été.csv', 'c1', personRow('a', 2), 'personal-data', 1),
    fileResult('日本/名簿.txt', 'c2', [finding('email-address', 'e1')], 'contains-pii', 0, {
      truncated: true,
    }),
    fileResult(
      'emoji/😀 "quoted" \\ back.log',
      undefined,
      [finding('postcode', undefined)],
      'contains-pii',
      0,
    ),
  ],
  {
    errors: [{ path: 'broken.zip', code: 'ARCHIVE_CORRUPT', message: 'corrupt archive' }],
    skipped: [{ path: 'big.bin', reason: 'too large' }],
    stringsOnly: ['x.bin'],
    shard: { index: 1, count: 2 },
  },
);

function read(path: string, chunkBytes?: number): { head: unknown; files: FileResult[] } {
  const files: FileResult[] = [];
  const head = streamReportFile(path, (f) => files.push(f), chunkBytes);
  return { head, files };
}

describe('streamReportFile', () => {
  it.each([
    ['as scan writes it', asScanWritesIt(sample)],
    ['compact', JSON.stringify(sample)],
  ])('gives what JSON.parse gives, %s, in chunks of 1, 7 and 1 MiB bytes', (_, text) => {
    const path = write(text);
    const { files: expected, ...expectedHead } = JSON.parse(readFileSync(path, 'utf8')) as Report;
    for (const chunkBytes of [1, 7, undefined]) {
      const { head, files } = read(path, chunkBytes);
      expect(files).toEqual(expected);
      expect(head).toEqual(expectedHead);
    }
    expect(readReportFile(path)).toEqual(JSON.parse(text));
  });

  it('hands over the files in order, one call each', () => {
    const paths: string[] = [];
    streamReportFile(write(asScanWritesIt(sample)), (f) => paths.push(f.path), 7);
    expect(paths).toEqual(['données/été.csv', '日本/名簿.txt', 'emoji/😀 "quoted" \\ back.log']);
  });

  it('does not rely on the order of the keys', () => {
    const reversed = Object.fromEntries(Object.entries(sample).reverse());
    const { head, files } = read(write(JSON.stringify(reversed)), 7);
    expect(files).toEqual(sample.files);
    const { files: _f, ...rest } = sample;
    expect(head).toEqual(rest);
  });

  it('throws what the callback throws, not a JSON error', () => {
    const boom = new Error('boom');
    expect(() =>
      streamReportFile(write(asScanWritesIt(sample)), () => {
        throw boom;
      }),
    ).toThrow(boom);
  });

  it('agrees with JSON.parse on what is valid JSON', () => {
    const base = JSON.stringify(sample).slice(1);
    const cases = [
      // valid
      '"\\u00e9\\ud83d\\ude00"',
      '"\\ud800"',
      '"\\/\\b\\f\\n\\r\\t"',
      '[1e3, -0, 0.5, -1.25E-2, 10]',
      '{"a": [true, false, null, {}]}',
      '"é"',
      // invalid
      '01',
      '1.',
      '.5',
      '+1',
      'NaN',
      "'x'",
      '[1,]',
      '{"a":1,}',
      '"tab\there"',
      '"\\x"',
      'tru',
    ];
    for (const value of cases) {
      const text = `{"extra": ${value}, ${base}`;
      let parsed: unknown;
      try {
        parsed = (JSON.parse(text) as { extra: unknown }).extra;
      } catch {
        expect(failure(write(text), 1), value).toEqual(['REPORT_FILE', 'not valid JSON']);
        continue;
      }
      const { head } = read(write(text), 1);
      expect((head as { extra: unknown }).extra, value).toEqual(parsed);
    }
  });
});

/** The code and detail of the error a read gives. */
function failure(path: string, chunkBytes?: number): [string, unknown] | undefined {
  try {
    read(path, chunkBytes);
  } catch (e) {
    if (e instanceof ResidueError) return [e.code, e.data.detail];
    throw e;
  }
  return undefined;
}

describe('streamReportFile refuses what readReportFile refused, with the same words', () => {
  const good = asScanWritesIt(sample);
  const { files: _files, ...noFiles } = sample;
  const { errors: _errors, ...noErrors } = sample;
  const { fingerprints: _fp, ...noKey } = sample;
  const cases: [string, string, [string, unknown]][] = [
    ['empty', '', ['REPORT_FILE', 'not valid JSON']],
    ['only spaces', ' \n\t ', ['REPORT_FILE', 'not valid JSON']],
    ['cut short', good.slice(0, Math.floor(good.length / 2)), ['REPORT_FILE', 'not valid JSON']],
    ['cut one byte short', good.trimEnd().slice(0, -1), ['REPORT_FILE', 'not valid JSON']],
    [
      'cut inside a multi-byte path',
      good.slice(0, good.indexOf('été') + 1),
      ['REPORT_FILE', 'not valid JSON'],
    ],
    ['followed by more', `${good}{}`, ['REPORT_FILE', 'not valid JSON']],
    ['a byte-order mark', `\ufeff${good}`, ['REPORT_FILE', 'not valid JSON']],
    ['a list', '[]', ['REPORT_FILE', 'not a JSON object']],
    ['null', 'null', ['REPORT_FILE', 'not a JSON object']],
    ['a string', ' "report"', ['REPORT_FILE', 'not a JSON object']],
    [
      'schemaVersion 2',
      JSON.stringify({ ...sample, schemaVersion: 2 }),
      ['REPORT_FILE', 'schemaVersion is 2, expected 1'],
    ],
    [
      'schemaVersion "1"',
      JSON.stringify({ ...sample, schemaVersion: '1' }),
      ['REPORT_FILE', 'schemaVersion is "1", expected 1'],
    ],
    ['no schemaVersion', '{"files": []}', ['REPORT_FILE', 'schemaVersion is missing, expected 1']],
    [
      'schemaVersion 2 before a bad files',
      JSON.stringify({ ...sample, files: {}, schemaVersion: 2 }),
      ['REPORT_FILE', 'schemaVersion is 2, expected 1'],
    ],
    ['no files', JSON.stringify(noFiles), ['REPORT_FILE', '"files" is not a list']],
    [
      'files an object',
      JSON.stringify({ ...sample, files: { a: sample.files[0] } }),
      ['REPORT_FILE', '"files" is not a list'],
    ],
    ['no errors', JSON.stringify(noErrors), ['REPORT_FILE', '"errors" is not a list']],
    [
      'skipped a string',
      JSON.stringify({ ...sample, skipped: 'none' }),
      ['REPORT_FILE', '"skipped" is not a list'],
    ],
    [
      'a file without a path',
      JSON.stringify({ ...sample, files: [...sample.files, { findings: [] }] }),
      ['REPORT_FILE', 'an entry of "files" has no path or findings'],
    ],
    [
      'a null file',
      JSON.stringify({ ...sample, files: [null] }),
      ['REPORT_FILE', 'an entry of "files" has no path or findings'],
    ],
    [
      'findings not a list',
      JSON.stringify({ ...sample, files: [{ path: 'a', findings: {} }] }),
      ['REPORT_FILE', 'an entry of "files" has no path or findings'],
    ],
    [
      'a bad file and a missing key',
      JSON.stringify({ ...noKey, files: [{ path: 1, findings: [] }] }),
      ['REPORT_FILE', 'an entry of "files" has no path or findings'],
    ],
    ['no fingerprints', JSON.stringify(noKey), ['REPORT_NO_KEY', undefined]],
    [
      'an empty key id',
      JSON.stringify({ ...sample, fingerprints: { algorithm: 'hmac-sha256-128', keyId: '' } }),
      ['REPORT_NO_KEY', undefined],
    ],
  ];

  it.each(cases)('%s', (_, text, expected) => {
    const path = write(text);
    for (const chunkBytes of [1, 7, undefined]) expect(failure(path, chunkBytes)).toEqual(expected);
    // What JSON.parse thinks of it, so "not valid JSON" means what it meant.
    const valid = (() => {
      try {
        JSON.parse(readFileSync(path, 'utf8'));
        return true;
      } catch {
        return false;
      }
    })();
    expect(valid).toBe(expected[1] !== 'not valid JSON');
  });

  it('names the file and says why it cannot be read', () => {
    const missing = join(dir, 'missing.json');
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    for (const [path, detail] of [
      [missing, 'cannot read (ENOENT)'],
      [folder, 'cannot read (EISDIR)'],
    ] as const) {
      expect(() => readReportFile(path)).toThrow(
        expect.objectContaining({ code: 'REPORT_FILE', data: { path, detail } }),
      );
    }
  });

  it('names the file in REPORT_NO_KEY', () => {
    const path = write(JSON.stringify(noKey));
    expect(() => readReportFile(path)).toThrow(
      expect.objectContaining({ code: 'REPORT_NO_KEY', data: { path } }),
    );
  });
});

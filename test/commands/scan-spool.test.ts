import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan, type ScanCommandOptions } from '../../src/commands/scan.js';
import { MEMORY_CHARS } from '../../src/engine/spool/file-spool.js';
import type { FileResult } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { REPORT_FORMATS } from '../../src/model/vocabulary.js';
import { DEFAULT_RENDER_OPTIONS, getReporter, renderPieces } from '../../src/report/index.js';
import { BIN } from '../helpers/cli.js';
import { scanOptions } from '../helpers/scan-options.js';
import { DEMO, FIXED_KEY, keyFile, makeTree, workDir } from '../helpers/workflow-trees.js';

// A report that lists more than MEMORY_CHARS of files spools them to a sealed scratch file (engine/spool). Every
// format must come out as it does from a list held in memory, with suppressions and a baseline too.

const dir = workDir('spool');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~84 KB of report per export copy: enough copies to pass MEMORY_CHARS, and files that sort between them. */
const COPIES = Math.ceil(MEMORY_CHARS / 60_000);
const tree = makeTree(join(dir, 'tree'), {
  ...Object.fromEntries(
    Array.from({ length: COPIES }, (_, i) => [`exports/part-${String(i).padStart(3, '0')}.csv`, DEMO.export]),
  ),
  'exports/part-010b.tsv': DEMO.care,
  'logs/debug.log': DEMO.log,
  'letters/letter-0042.txt': DEMO.letter,
  'src/app.js': DEMO.app,
});

function options(extra: Partial<ScanCommandOptions> = {}): ScanCommandOptions {
  return scanOptions([tree], { fingerprintKey: FIXED_KEY, today: '2026-12-06', ...extra });
}

/** Every format's text, without the timings that differ from run to run. */
function rendered(report: Report): Record<string, string> {
  const steady = {
    ...report,
    startedAt: 'T0',
    finishedAt: 'T1',
    summary: { ...report.summary, durationMs: 0 },
  };
  return Object.fromEntries(
    REPORT_FORMATS.map((format) => {
      const options = { color: false, explain: true, maxExcerptsPerFile: 5, failOn: 'contains-pii' as const };
      return [format, [...renderPieces(getReporter(format), steady, options)].join('')];
    }),
  );
}

describe('a scan whose listed files pass the memory limit', () => {
  it('spools them, and every format reads the same as from memory', async () => {
    const spooled = await runScan(options());
    const inMemory = await runScan(options({ listMemoryChars: Number.POSITIVE_INFINITY }));
    expect(Array.isArray(spooled.files)).toBe(false);
    expect(Array.isArray(inMemory.files)).toBe(true);
    expect(spooled.files.length).toBe(COPIES + 4);
    const paths = [...spooled.files].map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths[11]?.endsWith('exports/part-010b.tsv')).toBe(true);
    expect(rendered(spooled)).toEqual(rendered(inMemory));
  });

  it('with a baseline and suppressions: the same files are left, spooled or not', async () => {
    // The baseline knows the debug log; a suppression drops one value from every copy of the export.
    const first = await runScan(options({ paths: [join(tree, 'logs')] }));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, [...renderPieces(getReporter('json'), first, DEFAULT_RENDER_OPTIONS)].join(''));
    const exported = [...(await runScan(options({ paths: [join(tree, 'exports/part-000.csv')] }))).files];
    const value = exported[0]?.findings[0]?.fingerprint as string;
    const suppressions = join(dir, 'suppressions.yaml');
    writeFileSync(
      suppressions,
      `suppressions:\n  - fingerprint: ${value}\n    reason: test\n    owner: qa\n    expires: 2027-01-01\n`,
    );
    const spooled = await runScan(options({ baseline, suppressions, listMemoryChars: 0 }));
    const inMemory = await runScan(
      options({ baseline, suppressions, listMemoryChars: Number.POSITIVE_INFINITY }),
    );
    expect(Array.isArray(spooled.files)).toBe(false);
    const files = [...spooled.files];
    expect(files.some((f) => f.path.endsWith('debug.log'))).toBe(false);
    expect(files).toHaveLength(COPIES + 3);
    const copy = files.find((f) => f.path.endsWith('part-000.csv'));
    expect(copy?.findings.some((f) => f.fingerprint === value)).toBe(false);
    expect(copy?.findings.length).toBeLessThan(exported[0]?.findings.length ?? 0);
    expect(rendered(spooled)).toEqual(rendered(inMemory));
  });
});

describe.runIf(process.platform === 'linux')('a scan whose scratch file hits a full disk', () => {
  it('keeps the rest in memory and writes the whole report (a file size limit as the full disk)', async () => {
    // The first 4 MiB go to the scratch file; writes past 5 MiB fail (EFBIG), as on a full disk.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f 5120; exec "${process.execPath}" "${BIN}" scan "${tree}" --threads 0 -q --format json --fail-on never --key-file "${keyFile(dir)}"`,
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report<FileResult[]>;
    const inMemory = await runScan(options({ listMemoryChars: Number.POSITIVE_INFINITY }));
    expect(report.files).toHaveLength(COPIES + 4);
    expect(report.files).toEqual([...inMemory.files]);
  });
});

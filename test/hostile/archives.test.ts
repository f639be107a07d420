// Hostile archives, end to end through the built CLI: bombs are stopped by a limit that says why, in bounded
// time and memory, and archive member names are only ever reported, never used as paths.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/engine/extract/byte-source.js';
import { DEFAULT_LIMITS } from '../../src/engine/extract/limits.js';
import { scanSource } from '../../src/engine/scan-file.js';
import { deflated, named, overlappingZip, quotedOverlapZip, rawZip } from './build.js';
import { type Measured, runMeasured, scratchDir } from './run.js';

/** Peak RSS allowed for the scan of every bomb below together (two worker threads). */
const MEMORY_CEILING_MIB = 600;
const MiB = 1024 * 1024;

interface ReportJson {
  files: { path: string; verdict: string }[];
  errors: { path: string; code: string; message: string }[];
  summary: { complete: boolean; filesScanned: number };
}

const CSV = 'name,dob,postcode\nJane Smith,03/04/1961,LS1 4AB\nPriya Patel,30/11/1972,M1 1AA\n';

let dir: string;
let tree: string;
let run: Measured;
let report: ReportJson;

/** 10 layers of zips, 10 members each; the innermost members are 10 MiB of zeros: 10¹¹ MiB in all. */
function nestedBomb(): Uint8Array {
  const zeros = deflated('zeros.bin', new Uint8Array(10 * MiB));
  let layer: Uint8Array = rawZip(Array.from({ length: 10 }, (_, i) => named(zeros, `zeros-${i}.bin`)));
  for (let k = 1; k < 10; k++) {
    const members = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`layer${k}-${i}.zip`, layer]));
    layer = zipSync(members, { level: 9 });
  }
  return layer;
}

/** 1 GiB of zeros as 100 concatenated gzip members of 10 MiB each (gzip readers read every member). */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(10 * MiB), { level: 9 });
  return Buffer.concat(Array.from({ length: 100 }, () => member));
}

async function tarOf(
  entries: { name: string; body?: string; type?: 'symlink' | 'link'; linkname?: string }[],
) {
  const p = pack();
  for (const e of entries) {
    if (e.type) p.entry({ name: e.name, type: e.type, linkname: e.linkname ?? '' });
    else p.entry({ name: e.name }, Buffer.from(e.body ?? ''));
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const errorsAt = (prefix: string) => report.errors.filter((e) => e.path.startsWith(prefix));

/**
 * stderr without Node's warnings about file handles closed by the garbage collector: a known leak (a file
 * sniffed as a zip is reopened by path and its first handle left open), fixed separately; the fd test in
 * soak.test.ts holds it to account.
 */
function stderrLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter(
      (l) =>
        l !== '' && !/Closing file descriptor \d+ on garbage collection|DEP0137|--trace-warnings/.test(l),
    );
}

beforeAll(async () => {
  dir = scratchDir('archives');
  tree = join(dir, 'bombs');
  mkdirSync(tree);
  writeFileSync(join(tree, 'nested.zip'), nestedBomb());
  writeFileSync(join(tree, 'overlap.zip'), overlappingZip(deflated('k', new Uint8Array(100 * MiB)), 10_000));
  writeFileSync(join(tree, 'quoted.zip'), quotedOverlapZip(new Uint8Array(10 * MiB), 250));
  writeFileSync(join(tree, 'zeros.gz'), gzipBomb());
  writeFileSync(
    join(tree, 'evil.tar'),
    await tarOf([
      { name: '../../../escaped/customers.csv', body: CSV },
      { name: `${dir}/absolute/customers.csv`, body: CSV },
      { name: '../link-out', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'hard', type: 'link', linkname: '/etc/shadow' },
    ]),
  );
  const empties = Object.fromEntries(
    Array.from({ length: 20_000 }, (_, i) => [`d${i % 100}/${i}.txt`, new Uint8Array(0)]),
  );
  writeFileSync(join(tree, 'thousands.zip'), zipSync(empties, { level: 0 }));
  // One process scans every bomb, so peak memory is measured for all of them at once.
  run = await runMeasured(
    ['scan', tree, '--threads', '2', '--format', 'json', '--quiet', '--fail-on-incomplete'],
    { cwd: dir, timeoutMs: 45_000 },
  );
  report = JSON.parse(run.stdout) as ReportJson;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('archive bombs, scanned together by the CLI with two workers', () => {
  it('finishes in bounded time and memory, and says the scan is incomplete', () => {
    expect(run.timedOut).toBe(false);
    expect(stderrLines(run.stderr)).toEqual([]);
    expect(run.code).toBe(1); // the tar holds personal data: 1 wins over 3 (incomplete)
    expect(report.summary.complete).toBe(false);
    expect(run.maxRssMiB).toBeGreaterThan(0);
    expect(run.maxRssMiB).toBeLessThan(MEMORY_CEILING_MIB);
    // Figures for the record (issue #7): visible with `npx vitest run test/hostile --reporter verbose`.
    console.info(`bombs: ${run.ms} ms, peak RSS ${run.maxRssMiB.toFixed(0)} MiB`);
  });

  it('nested zip of zips (10 layers × 10 members × 10 MiB): stopped by a limit that names where', () => {
    const errors = errorsAt('nested.zip');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'LIMIT')).toBe(true);
    // Each member one level too deep is listed; the budget on expansion then stops the whole file.
    expect(errors.some((e) => /nesting deeper than 8 at nested\.zip!\//.test(e.message))).toBe(true);
    expect(errors.at(-1)?.message).toMatch(
      /^not fully inspected: (expansion ratio over 200:1|expansion limit of \d+ bytes exceeded|more than \d+ members) at nested\.zip!\//,
    );
    expect(report.files.filter((f) => f.path.startsWith('nested.zip'))).toEqual([]);
  });

  it('overlapping-entry zip bomb, plain (10,000 entries on one kernel): refused before any member is read', () => {
    expect(errorsAt('overlap.zip')).toEqual([
      {
        path: 'overlap.zip',
        code: 'LIMIT',
        message: 'not fully inspected: overlapping zip entries (a zip bomb) at overlap.zip',
      },
    ]);
  });

  it('overlapping-entry zip bomb, quoted (Fifield): refused as well', () => {
    expect(errorsAt('quoted.zip')).toEqual([
      {
        path: 'quoted.zip',
        code: 'LIMIT',
        message: 'not fully inspected: overlapping zip entries (a zip bomb) at quoted.zip',
      },
    ]);
  });

  it('gzip bomb (1 GiB of zeros in 1 MiB): stopped by the expansion ratio', () => {
    expect(errorsAt('zeros.gz')).toEqual([
      {
        path: 'zeros.gz',
        code: 'LIMIT',
        message: 'not fully inspected: expansion ratio over 200:1 at zeros.gz',
      },
    ]);
  });

  it('tar member names with ../ and absolute paths are shown neutralised, and nothing is written', () => {
    const scanned = report.files.map((f) => f.path).filter((p) => p.startsWith('evil.tar'));
    expect(scanned).toEqual([
      'evil.tar!/__/__/__/escaped/customers.csv',
      `evil.tar!/${dir.replace(/^\/+/, '')}/absolute/customers.csv`,
    ]);
    expect(errorsAt('evil.tar')).toEqual([]);
    // Where an extracting tool would have written: above the scan's working folder, and the absolute path.
    expect(existsSync(join(dir, '..', '..', 'escaped'))).toBe(false);
    expect(existsSync(join(dir, 'absolute'))).toBe(false);
    expect(existsSync(join(dir, '..', 'link-out'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['bombs']);
    expect(readdirSync(tree).sort()).toEqual([
      'evil.tar',
      'nested.zip',
      'overlap.zip',
      'quoted.zip',
      'thousands.zip',
      'zeros.gz',
    ]);
  });

  it('a zip of 20,000 empty members is scanned (under the default member limit)', () => {
    expect(errorsAt('thousands.zip')).toEqual([]);
  });
});

describe('archive limits, in-process', () => {
  const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 30_000 };

  it('a zip of 20,000 empty members past --max-members 1000 stops with one error, fast', async () => {
    const empties = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`${i}.txt`, new Uint8Array(0)]),
    );
    const bytes = zipSync(empties, { level: 0 });
    const started = Date.now();
    const o = await scanSource('thousands.zip', bufferSource(bytes), [], {
      ...options,
      limits: { ...DEFAULT_LIMITS, maxMembers: 1000 },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(o.errors).toHaveLength(1);
    expect(o.errors[0]?.code).toBe('LIMIT');
    expect(o.errors[0]?.message).toMatch(/^not fully inspected: more than 1000 members at thousands\.zip!\//);
  });

  it('a zip holding exactly --max-members members is scanned whole', async () => {
    // Each member counts once: the directory of a zip is not counted again when its members are scanned.
    const bytes = zipSync({ 'a.csv': strToU8(CSV), 'b.txt': strToU8('notes\n') });
    const o = await scanSource('two.zip', bufferSource(bytes), [], {
      ...options,
      limits: { ...DEFAULT_LIMITS, maxMembers: 2 },
    });
    expect(o.errors).toEqual([]);
    expect(o.results.map((r) => r.path)).toEqual(['two.zip!/a.csv', 'two.zip!/b.txt']);
  });
});

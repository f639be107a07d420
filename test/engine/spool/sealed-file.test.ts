import { mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SealedFile } from '../../../src/engine/spool/sealed-file.js';

/** The descriptor SealedFile.open made: the one on a temp file that was not open before (by inode, not number). */
function openedBy<T>(make: () => T): { made: T; fd: string } {
  const before = new Set(tempLinks().map(([, link]) => link));
  const made = make();
  const fd = tempLinks().find(([, link]) => !before.has(link))?.[0];
  if (!fd) throw new Error('no new descriptor');
  return { made, fd };
}

function tempLinks(): [string, string][] {
  return readdirSync('/proc/self/fd')
    .map((fd): [string, string | undefined] => [fd, linkOf(fd)])
    .filter((e): e is [string, string] => e[1]?.startsWith(tmpdir()) === true);
}

function linkOf(fd: string): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * A temp folder of its own for each test, as TMPDIR (other test files make temp files of theirs at the same
 * time); the returned function gives its path.
 */
function ownTmpdir(): () => string {
  const saved = process.env.TMPDIR;
  let own = '';
  beforeEach(() => {
    own = mkdtempSync(join(tmpdir(), 'residue-sealed-'));
    process.env.TMPDIR = own;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(own, { recursive: true, force: true });
  });
  return () => own;
}

describe.runIf(process.platform === 'linux')('SealedFile (Linux)', () => {
  const own = ownTmpdir();

  it('gives back each record as written, before and after its batch is written', () => {
    const file = SealedFile.open([]) as SealedFile;
    const texts = ['plain', 'Łódź — 💷 £12', 'x'.repeat(3 * 1024 * 1024), ''];
    const extents = texts.map((t) => file.append(t));
    expect(file.read(extents[1] as (typeof extents)[number])).toBe(texts[1]);
    file.flush();
    expect(extents.map((e) => file.read(e))).toEqual(texts);
    file.close();
  });

  it('has no name in the temp folder, and holds no plaintext on disk', () => {
    const { made: file, fd } = openedBy(() => SealedFile.open([]) as SealedFile);
    expect(readlinkSync(`/proc/self/fd/${fd}`)).toMatch(/\(deleted\)$/);
    const extent = file.append('Margaret Thompson, 14 Acacia Avenue, LS1 4AP');
    file.flush();
    expect(readdirSync(own())).toEqual([]);
    const raw = readFileSync(`/proc/self/fd/${fd}`);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.includes('Thompson')).toBe(false);
    expect(raw.includes('LS1 4AP')).toBe(false);
    expect(file.read(extent)).toContain('Thompson');
    file.close();
  });

  it('refuses a record changed on disk', () => {
    const { made: file, fd } = openedBy(() => SealedFile.open([]) as SealedFile);
    const extent = file.append('Margaret Thompson');
    file.flush();
    const writer = openSync(`/proc/self/fd/${fd}`, 'r+');
    writeSync(writer, Buffer.from([0x41]), 0, 1, extent.offset + extent.length - 1);
    expect(() => file.read(extent)).toThrow();
    file.close();
  });
});

describe('SealedFile without O_TMPFILE (as on macOS and Windows)', () => {
  const own = ownTmpdir();

  it('is unlinked as soon as it is open, and still gives back what it sealed', () => {
    const file = SealedFile.open([], false) as SealedFile;
    expect(file).not.toBeNull();
    expect(readdirSync(own())).toEqual([]);
    const extent = file.append('Margaret Thompson');
    file.flush();
    expect(file.read(extent)).toBe('Margaret Thompson');
    file.close();
  });

  it('is not made when the temp folder lies inside a scanned root (it would need a name there)', () => {
    expect(SealedFile.open([join(own(), '..')], false)).toBeNull();
    expect(SealedFile.open([own()], false)).toBeNull();
    expect(readdirSync(own())).toEqual([]);
    // Elsewhere in the tree is fine.
    const other = SealedFile.open([join(own(), 'elsewhere')], false);
    expect(other).not.toBeNull();
    other?.close();
  });
});

import { describe, expect, it } from 'vitest';
import { FileSpool } from '../../../src/engine/spool/file-spool.js';
import type { FileResult, Finding } from '../../../src/model/finding.js';

const finding = (excerpt: string): Finding => ({
  category: 'person-name',
  ruleId: 'uk.person-name',
  severity: 'medium',
  line: 1,
  column: 1,
  confidence: 0.9,
  excerpt,
  reasons: ['pattern matched (base 0.6)'],
});

const result = (path: string, findings: Finding[] = [finding('J*** S****')]): FileResult => ({
  path,
  size: 100,
  verdict: 'contains-pii',
  records: 0,
  inspection: 'text',
  encoding: 'utf-8',
  counts: { 'person-name': findings.length },
  findings,
});

/** Paths out of order, one twice (kept in the order added), non-ASCII, and one large file. */
function inputs(): FileResult[] {
  const big = Array.from({ length: 3000 }, (_, i) => finding(`Ł*** Ó**** ${i} 💷`));
  return [
    result('m/b.csv'),
    result('z.csv', big),
    result('a/é.txt'),
    result('m/b.csv', [finding('second')]),
    result('a/ä.txt'),
    result('0.txt'),
  ];
}

const sortedPaths = ['0.txt', 'a/ä.txt', 'a/é.txt', 'm/b.csv', 'm/b.csv', 'z.csv'];

function spooled(files: FileResult[], memoryChars: number) {
  const spool = new FileSpool({ roots: [], memoryChars });
  for (const f of files) spool.add(f);
  return spool.finish();
}

describe('FileSpool', () => {
  it('keeps a small list in memory, as an array in path order (equal paths in the order added)', () => {
    const list = spooled(inputs(), 1 << 30);
    expect(Array.isArray(list)).toBe(true);
    expect([...list].map((f) => f.path)).toEqual(sortedPaths);
    expect([...list][3]?.findings[0]?.excerpt).toBe('J*** S****');
    expect([...list][4]?.findings[0]?.excerpt).toBe('second');
  });

  it('past its memory, gives back the same files from disk, in the same order, as often as iterated', () => {
    const inMemory = [...spooled(inputs(), 1 << 30)];
    for (const memoryChars of [0, 500]) {
      const list = spooled(inputs(), memoryChars);
      expect(Array.isArray(list)).toBe(false);
      expect(list.length).toBe(6);
      expect([...list]).toEqual(inMemory);
      expect([...list]).toEqual(inMemory);
    }
  });

  it('gives back an empty list when nothing was added', () => {
    expect([...spooled([], 0)]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../src/engine/extract/byte-source.js';
import type { Segment } from '../../../src/engine/extract/segment.js';
import { LineIndex } from '../../../src/engine/extract/segment.js';
import { OVERLAP_CHARS, SEGMENT_CHARS, textSegments } from '../../../src/engine/extract/text-segments.js';
import type { Encoding } from '../../../src/model/vocabulary.js';

async function segmentsOf(
  bytes: Uint8Array,
  encoding: Encoding = 'utf-8',
  bom = 0,
): Promise<{ segments: Segment[]; encoding: Encoding }> {
  const state = { encoding };
  const segments: Segment[] = [];
  for await (const s of textSegments(bufferSource(bytes), state, bom)) segments.push(s);
  return { segments, encoding: state.encoding };
}

/** The accepted parts of all segments, joined, must be the whole text exactly once. */
function accepted(segments: Segment[]): string {
  return segments.map((s) => s.text.slice(s.acceptFrom, s.acceptUntil)).join('');
}

describe('textSegments', () => {
  it('returns one segment for a small file', async () => {
    const { segments } = await segmentsOf(Buffer.from('a,b\n1,2\n'));
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({
      text: 'a,b\n1,2\n',
      base: 0,
      acceptFrom: 0,
      acceptUntil: 8,
      line: 1,
      column: 1,
    });
  });

  it('cuts a many-line file at line breaks, covering every character once, with correct line numbers', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `row ${i},${'x'.repeat(30)}`);
    const text = `${lines.join('\n')}\n`;
    const { segments } = await segmentsOf(Buffer.from(text));
    expect(segments.length).toBeGreaterThan(1);
    expect(accepted(segments)).toBe(text);
    for (const s of segments.slice(1)) {
      expect(s.text[s.acceptFrom - 1]).toBe('\n');
      expect(s.column).toBe(1);
      const firstLine = s.text.slice(s.acceptFrom, s.text.indexOf('\n', s.acceptFrom));
      expect(firstLine).toBe(lines[s.line - 1]);
    }
  });

  it('finds a value straddling the cut of a line longer than a segment, exactly once', async () => {
    const value = '943 476 5919';
    const prefix = 'x'.repeat(SEGMENT_CHARS - 5); // the value starts 5 chars before the first cut point
    const text = `${prefix}${value}${'y'.repeat(OVERLAP_CHARS * 2)}`;
    const { segments } = await segmentsOf(Buffer.from(text));
    expect(segments.length).toBeGreaterThan(1);
    expect(accepted(segments)).toBe(text);
    const hits = segments.flatMap((s) => {
      const i = s.text.indexOf(value);
      return i >= s.acceptFrom && i < s.acceptUntil
        ? [{ abs: s.base + i, whole: s.text.slice(i, i + value.length) }]
        : [];
    });
    expect(hits).toEqual([{ abs: prefix.length, whole: value }]);
  });

  it('decodes UTF-16LE without BOM and keeps multi-byte characters split across reads', async () => {
    const text = `name\n${'Siân Brontë\n'.repeat(200_000)}`;
    const { segments } = await segmentsOf(Buffer.from(text, 'utf16le'), 'utf-16le');
    expect(accepted(segments)).toBe(text);
  });

  it('switches to windows-1252 when UTF-8 turns out invalid part-way', async () => {
    const head = 'plain ascii line\n'.repeat(100_000);
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('Zo\xeb Bront\xeb\n', 'latin1')]);
    const { segments, encoding } = await segmentsOf(bytes, 'utf-8');
    expect(encoding).toBe('windows-1252');
    expect(accepted(segments).endsWith('Zoë Brontë\n')).toBe(true);
  });

  it('skips the BOM', async () => {
    const { segments } = await segmentsOf(Buffer.from('\ufeffabc'), 'utf-8', 3);
    expect(accepted(segments)).toBe('abc');
  });
});

describe('LineIndex', () => {
  it('gives 1-based line and column from the segment start', () => {
    const seg: Segment = { text: 'ab\ncd\nef', base: 0, acceptFrom: 0, acceptUntil: 8, line: 10, column: 1 };
    const idx = new LineIndex(seg);
    expect(idx.position(0)).toEqual({ line: 10, column: 1 });
    expect(idx.position(4)).toEqual({ line: 11, column: 2 });
    expect(idx.position(6)).toEqual({ line: 12, column: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { type ByteSource, bufferSource } from '../../../src/engine/extract/byte-source.js';
import type { Segment } from '../../../src/engine/extract/segment.js';
import { LineIndex } from '../../../src/engine/extract/segment.js';
import {
  LEAD_CHARS,
  OVERLAP_CHARS,
  SEGMENT_CHARS,
  textSegments,
} from '../../../src/engine/extract/text-segments.js';
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

/** A source that hands over exactly these reads. */
function chunked(chunks: Uint8Array[]): ByteSource {
  return {
    size: chunks.reduce((n, c) => n + c.length, 0),
    async *chunks() {
      yield* chunks;
    },
  };
}

async function joined(segments: AsyncIterable<Segment>): Promise<string> {
  const all: Segment[] = [];
  for await (const s of segments) all.push(s);
  return accepted(all);
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

  it('gives the last line of a segment the text after it as context, and leaves that text to the next one', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `row ${i},${'x'.repeat(30)}`);
    const text = `${lines.join('\n')}\n`;
    const { segments } = await segmentsOf(Buffer.from(text));
    expect(segments.length).toBeGreaterThan(1);
    for (const [i, s] of segments.slice(0, -1).entries()) {
      const next = segments[i + 1] as Segment;
      expect(s.text.length - s.acceptUntil).toBe(LEAD_CHARS);
      expect(s.text.slice(s.acceptUntil)).toBe(
        next.text.slice(next.acceptFrom, next.acceptFrom + LEAD_CHARS),
      );
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

  it('keeps a UTF-8 character cut between reads whole, before and after ASCII reads', async () => {
    const state = { encoding: 'utf-8' as Encoding };
    const chunks = [
      Buffer.from('name\nZo'),
      Buffer.from([0xc3]),
      Buffer.from([0xab]),
      Buffer.from(' Bront\n'),
    ];
    const text = await joined(textSegments(chunked(chunks), state, 0));
    expect(text).toBe('name\nZoë Bront\n');
    expect(state.encoding).toBe('utf-8');
  });

  it('reads a character cut off by an ASCII read as windows-1252, keeping its first byte', async () => {
    const state = { encoding: 'utf-8' as Encoding };
    const chunks = [Buffer.from('name\nZo\xc3', 'latin1'), Buffer.from('plain ascii\n')];
    const text = await joined(textSegments(chunked(chunks), state, 0));
    expect(state.encoding).toBe('windows-1252');
    expect(text).toBe('name\nZoÃplain ascii\n');
  });

  it('reads windows-1252 past Latin-1 (€, curly quotes) around ASCII reads', async () => {
    const state = { encoding: 'windows-1252' as Encoding };
    const chunks = [
      Buffer.from('price \x80 5\n', 'latin1'),
      Buffer.from('O\x92Neill\n', 'latin1'),
      Buffer.from('ok\n'),
    ];
    expect(await joined(textSegments(chunked(chunks), state, 0))).toBe('price € 5\nO’Neill\nok\n');
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

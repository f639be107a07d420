// What a format extractor hands to the scanner, as plain data to compare. Test code only.
import { expect } from 'vitest';
import type { ByteSource } from '../../../../src/engine/extract/byte-source.js';
import { PIECE_CHARS } from '../../../../src/engine/extract/formats/office-text.js';
import type { Part } from '../../../../src/engine/extract/formats/types.js';
import { DEFAULT_LIMITS, ExpansionBudget } from '../../../../src/engine/extract/limits.js';
import { readAll } from '../../../../src/engine/extract/peek.js';

/**
 * A text part, or text streamed (a sheet as a member, comments or a document's text as a stream; read whole
 * here); an error's code and path; a member.
 */
export type Seen =
  | { name: string | null; text: string }
  | { error: string; path: string }
  | { member: string };

export async function seenParts(parts: Iterable<Part> | AsyncIterable<Part>): Promise<Seen[]> {
  const out: Seen[] = [];
  for await (const p of parts) {
    if (p.kind === 'text') out.push({ name: p.name, text: p.text });
    else if (p.kind === 'error') out.push({ error: p.error.code, path: p.error.path });
    else if (p.kind === 'stream' || p.inspection === 'office') {
      out.push({ name: p.name, text: new TextDecoder().decode(await readAll(p.source)) });
    } else out.push({ member: p.name });
  }
  return out;
}

/**
 * Reads a streamed part as the scan does, each chunk charged to an expansion budget of `maxBytes` as it
 * comes: the bytes the extractor made (the chunk that spent the budget included), and the error that stopped
 * it.
 */
export async function readUnderBudget(
  source: ByteSource,
  maxBytes: number,
  path: string,
): Promise<{ made: number; error: unknown }> {
  const budget = new ExpansionBudget({ ...DEFAULT_LIMITS, maxExpandedBytes: maxBytes }, 0);
  let made = 0;
  try {
    for await (const chunk of source.chunks()) {
      made += chunk.length;
      budget.bytes(chunk.length, path);
    }
  } catch (e) {
    return { made, error: e };
  }
  return { made, error: null };
}

/**
 * A bomb sheet (cells naming one string of `longest` characters) is handed on as a streamed member of unknown
 * size (a long text, as a `stream`), and read under a 2 MiB budget it stops with LIMIT within one piece (and
 * one cell) past the limit: it was never built whole.
 */
export async function expectStopsWithinAPiece(
  sheet: Part | undefined,
  path: string,
  longest: number,
  kind: 'member' | 'stream' = 'member',
): Promise<void> {
  // A document's own text is named null, and reported at the document's path.
  const name = path.includes('!/') ? path.slice(path.indexOf('!/') + 2) : null;
  expect(sheet).toMatchObject({ kind, name, inspection: 'office' });
  if (sheet?.kind !== 'member' && sheet?.kind !== 'stream') return;
  expect(sheet.source.size).toBe(Number.POSITIVE_INFINITY);
  const limit = 2 * 1024 * 1024;
  const { made, error } = await readUnderBudget(sheet.source, limit, path);
  expect(error).toMatchObject({ code: 'LIMIT', stopsFile: true });
  expect(made).toBeGreaterThan(limit);
  expect(made).toBeLessThanOrEqual(limit + PIECE_CHARS + longest + 1);
}

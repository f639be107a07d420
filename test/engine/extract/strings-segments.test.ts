import { describe, expect, it } from 'vitest';
import { bufferSource, READ_CHUNK_BYTES } from '../../../src/engine/extract/byte-source.js';
import { stringsSegments } from '../../../src/engine/extract/strings-segments.js';

async function runs(bytes: Uint8Array): Promise<string[]> {
  const out: string[] = [];
  for await (const s of stringsSegments(bufferSource(bytes))) out.push(...s.text.split('\n'));
  return out;
}

describe('stringsSegments', () => {
  it('extracts 8-bit and UTF-16LE printable runs and drops short ones', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 1, 2, 3]),
      Buffer.from('Jane Doe 03/04/1961 LS1 4AB'),
      Buffer.from([0, 0, 0x41, 0x42, 0, 7]),
      Buffer.from('Mr Alan Smith', 'utf16le'),
      Buffer.from([0, 0, 0xff, 0x01]),
    ]);
    expect(await runs(bytes)).toEqual(['Jane Doe 03/04/1961 LS1 4AB', 'Mr Alan Smith']);
  });

  it('keeps Latin-1 letters inside runs', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 0]),
      Buffer.from('Zo\xeb Bront\xeb', 'latin1'),
      Buffer.from([0]),
    ]);
    expect(await runs(bytes)).toEqual(['Zoë Brontë']);
  });

  it('finds a run that straddles a read boundary once, whole', async () => {
    const filler = Buffer.alloc(READ_CHUNK_BYTES - 6, 0);
    const bytes = Buffer.concat([filler, Buffer.from('customer Jane Doe'), Buffer.from([0, 0])]);
    expect(await runs(bytes)).toEqual(['customer Jane Doe']);
  });
});

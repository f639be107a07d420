import { describe, expect, it } from 'vitest';
import { sniffEncoding } from '../../../src/engine/extract/sniff.js';

const csv = 'name,dob\nJane Doe,03/04/1961\n';

describe('sniffEncoding', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'utf-8', 3],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]),
      'utf-16le',
      2,
    ],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]),
      'utf-16be',
      2,
    ],
    ['UTF-16LE without BOM', Buffer.from(csv, 'utf16le'), 'utf-16le', 0],
    ['UTF-16BE without BOM', Buffer.from(csv, 'utf16le').swap16(), 'utf-16be', 0],
    ['plain ASCII', Buffer.from(csv), 'utf-8', 0],
    ['UTF-8 accents', Buffer.from('Siân Brontë,£12\n'), 'utf-8', 0],
    ['windows-1252 accents', Buffer.from('Zo\xeb Bront\xeb,\xa312\n', 'latin1'), 'windows-1252', 0],
    [
      'binary with NULs',
      Buffer.from([0x03, 0x00, 0x10, 0x7f, 0x00, 0x00, 0x41, 0x42, 0x00, 0x01, 0x02, 0x03]),
      'binary',
      0,
    ],
  ])('%s', (_name, bytes, encoding, bom) => {
    expect(sniffEncoding(bytes)).toEqual({ encoding, bomLength: bom });
  });

  it('treats a UTF-8 character cut at the sample end as UTF-8', () => {
    const bytes = Buffer.from(`${'a'.repeat(8190)}é`); // 8192 bytes; the sample boundary splits nothing here
    const cut = bytes.subarray(0, 8191); // first byte of é only
    expect(sniffEncoding(cut).encoding).toBe('utf-8');
  });
});

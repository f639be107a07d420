import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../../src/engine/extract/formats/sniff-format.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);
const tarHead = () => {
  const h = new Uint8Array(512);
  h.set(text('ustar'), 257);
  return h;
};

describe('sniffFormat', () => {
  it.each([
    ['zip', bytes(0x50, 0x4b, 0x03, 0x04, 0), 'zip'],
    ['empty zip', bytes(0x50, 0x4b, 0x05, 0x06, 0), 'zip'],
    ['gzip', bytes(0x1f, 0x8b, 8, 0), 'gzip'],
    ['bzip2', text('BZh91AY&SY'), 'bzip2'],
    ['xz', bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00), 'xz'],
    ['tar', tarHead(), 'tar'],
    ['pdf', text('%PDF-1.7\n'), 'pdf'],
    ['sqlite', text('SQLite format 3\0rest'), 'sqlite'],
    [
      'email',
      text('From: Jane <j@example.com>\nTo: a@example.org\nSubject: hi\nDate: Mon, 1 Jan 2024\n\nbody'),
      'email',
    ],
    [
      'mbox',
      text('From jane@example.com Mon Jan  1 00:00:00 2024\nFrom: Jane <j@example.com>\nSubject: x\n\nbody'),
      'mbox',
    ],
  ])('%s', (_n, head, format) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it.each([
    ['CSV', text('name,dob\nJane,1961-04-03\n')],
    ['a letter starting with From', text('From the desk of Jane Smith\nDear Sir,\n')],
    ['a log with a Subject-like line', text('Subject: backup finished\nall good\n')],
    ['nothing', new Uint8Array(0)],
    ['PK but not a zip', text('PK is a nice name\n')],
  ])('%s is not a container or document', (_n, head) => {
    expect(sniffFormat(head)).toBeNull();
  });
});

/** Container and document formats recognised by their first bytes, never by file name. */
export const FORMATS = [
  'zip',
  'gzip',
  'tar',
  'pdf',
  'sqlite',
  'email',
  'mbox',
  'cfb',
  ...['bzip2', 'xz', 'lzma', 'zstd', 'lz4', '7z', 'rar', 'pgdump'],
] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Formats recognised but not read: compressed or archived data that would otherwise be searched as printable
 * strings (finding nothing) and passed as clean. Each is listed as UNSUPPORTED, naming what it is.
 */
export const UNREAD_FORMATS = {
  bzip2: 'bzip2 compression',
  xz: 'xz compression',
  lzma: 'LZMA compression',
  zstd: 'Zstandard compression',
  lz4: 'LZ4 compression',
  '7z': '7-Zip archives',
  rar: 'RAR archives',
  pgdump: 'PostgreSQL custom-format dumps (pg_dump -Fc; restore or dump as plain SQL to scan)',
} as const satisfies Partial<Record<Format, string>>;

const ASCII = new TextDecoder('latin1');

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  return bytes.every((b, i) => head[at + i] === b);
}

const MAIL_HEADER =
  /^(?:Return-Path|Received|Delivered-To|From|To|Cc|Subject|Date|Message-ID|MIME-Version|Content-Type|Reply-To|X-[\w-]+):[ \t]/i;

/** The format of a byte stream from its head (the first chunk), or null for plain text and unknown binary. */
export function sniffFormat(head: Uint8Array): Format | null {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x42, 0x5a, 0x68]) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39)
    return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return 'lz4';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(head, [0x50, 0x47, 0x44, 0x4d, 0x50])) return 'pgdump';
  // Compound File Binary: legacy Office (.doc, .xls, .ppt), Outlook .msg, and encrypted OOXML.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  if (isLzmaAlone(head)) return 'lzma';
  if (startsWith(head, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return 'tar';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (ASCII.decode(head.subarray(0, 16)) === 'SQLite format 3\0') return 'sqlite';
  return sniffMail(ASCII.decode(head.subarray(0, 4096)));
}

/** An RFC 5322 message starts with header lines; an mbox starts with a "From " separator line. */
function sniffMail(text: string): Format | null {
  const lines = text.split(/\r?\n/, 12);
  const first = lines[0] ?? '';
  if (/^From \S+ /.test(first) && lines.slice(1, 6).some((l) => MAIL_HEADER.test(l))) return 'mbox';
  const headerish = lines.slice(0, 8).filter((l) => MAIL_HEADER.test(l) || /^[ \t]+\S/.test(l)).length;
  const known = lines
    .slice(0, 8)
    .filter((l) => /^(?:From|To|Subject|Date|Message-ID|Received):/i.test(l)).length;
  return MAIL_HEADER.test(first) && headerish >= 3 && known >= 2 ? 'email' : null;
}

/**
 * The legacy `.lzma` header has no magic number: a properties byte (almost always 0x5d), a dictionary size
 * (a power of two from 4 KiB to 1 GiB in practice), then the uncompressed size (all 0xff when unknown).
 */
function isLzmaAlone(head: Uint8Array): boolean {
  if (head.length < 13 || head[0] !== 0x5d) return false;
  const dictionary = new DataView(head.buffer, head.byteOffset + 1, 4).getUint32(0, true);
  if (dictionary < 4096 || dictionary > 1 << 30 || (dictionary & (dictionary - 1)) !== 0) return false;
  const size = head.subarray(5, 13);
  return size.every((b) => b === 0xff) || size[7] === 0;
}

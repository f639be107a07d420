/** Container and document formats recognised by their first bytes, never by file name. */
export const FORMATS = ['zip', 'gzip', 'bzip2', 'xz', 'tar', 'pdf', 'sqlite', 'email', 'mbox'] as const;
export type Format = (typeof FORMATS)[number];

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
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
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

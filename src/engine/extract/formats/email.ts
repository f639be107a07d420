import type { Address, Email } from 'postal-mime';
import { bufferSource } from '../byte-source.js';
import { ExtractError } from '../limits.js';
import { htmlToText } from './html-text.js';
import type { Part } from './types.js';

type PostalMime = typeof import('postal-mime').default;

let parser: Promise<PostalMime> | null = null;
function loadPostalMime(): Promise<PostalMime> {
  parser ??= import('postal-mime').then((m) => m.default);
  return parser;
}

/** Header fields that name people: display names and addresses are personal data. */
const HEADERS: readonly [label: string, key: keyof Email][] = [
  ['From', 'from'],
  ['Sender', 'sender'],
  ['Reply-To', 'replyTo'],
  ['To', 'to'],
  ['Cc', 'cc'],
  ['Bcc', 'bcc'],
];

/**
 * One RFC 5322 message (quoted-printable, base64 and charsets decoded): `headers` (who and what, as `Key: value`
 * lines), `body.txt` (the text body, or the HTML body as text), then each attachment as a member named by its
 * file name, which is sniffed and scanned in turn (a CSV as a table, a zip opened, a forwarded message parsed).
 */
export async function* emailParts(bytes: Uint8Array, path: string): AsyncGenerator<Part> {
  const PostalMime = await loadPostalMime();
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      forceRfc822Attachments: true,
    });
  } catch (e) {
    throw parseError(e, path);
  }
  const names = new UniqueNames(['headers', 'body.txt']);
  yield { kind: 'text', name: 'headers', text: headerText(email), inspection: 'email' };
  // The text body, unless it is empty and an HTML body says more.
  const text = email.text?.trimEnd() ?? '';
  const body = text === '' && email.html !== undefined ? htmlToText(email.html) : text;
  if (body !== '') yield { kind: 'text', name: 'body.txt', text: body, inspection: 'email' };
  for (const [i, attachment] of email.attachments.entries()) {
    const content = attachment.content;
    const data =
      typeof content === 'string'
        ? new TextEncoder().encode(content)
        : content instanceof Uint8Array
          ? content
          : new Uint8Array(content);
    const name = names.take(safeFileName(attachment.filename) ?? `attachment-${i + 1}`);
    yield { kind: 'member', name, source: bufferSource(data) };
  }
  // postal-mime gives whatever arrived of a cut-off message without a word; what was read is scanned above,
  // and the message is listed as not fully read, so a truncated mailbox is never passed as clean.
  if (unclosedMultipart(bytes)) {
    yield {
      kind: 'error',
      error: new ExtractError('CORRUPT', path, 'a multipart body is not closed'),
    };
  }
}

const CONTENT_TYPE = /^Content-Type:[^\n]*(?:\r?\n[ \t][^\n]*)*/gim;
const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/i;

/** True when a multipart boundary declared in a Content-Type header never has its closing `--boundary--`. */
function unclosedMultipart(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  for (const header of text.matchAll(CONTENT_TYPE)) {
    const m = BOUNDARY.exec(header[0]);
    const boundary = m?.[1] ?? m?.[2];
    if (boundary !== undefined && !text.includes(`--${boundary}--`)) return true;
  }
  return false;
}

/** postal-mime's own limits (2 MiB of headers, 256 levels of parts) are LIMIT; its messages are not shown. */
function parseError(e: unknown, path: string): ExtractError {
  const message = e instanceof Error ? e.message : '';
  if (/maximum header size/i.test(message)) return new ExtractError('LIMIT', path, 'mail headers over 2 MiB');
  if (/maximum mime nesting/i.test(message)) {
    return new ExtractError('LIMIT', path, 'MIME parts nested more than 256 deep');
  }
  return new ExtractError('CORRUPT', path, 'unreadable mail message');
}

function headerText(email: Email): string {
  const lines: string[] = [];
  for (const [label, key] of HEADERS) {
    const value = email[key] as Address | Address[] | undefined;
    if (value === undefined) continue;
    const list = (Array.isArray(value) ? value : [value]).map(formatAddress).filter((a) => a !== '');
    if (list.length > 0) lines.push(`${label}: ${list.join(', ')}`);
  }
  if (email.subject !== undefined) lines.push(`Subject: ${oneLine(email.subject)}`);
  const date = email.headers.find((h) => h.key === 'date')?.value;
  if (date !== undefined) lines.push(`Date: ${oneLine(date)}`);
  return `${lines.join('\n')}\n`;
}

function formatAddress(a: Address): string {
  if (a.group !== undefined) return `${oneLine(a.name)}: ${a.group.map(formatAddress).join(', ')};`;
  const name = oneLine(a.name);
  if (name === '') return a.address;
  return a.address === '' ? name : `${name} <${a.address}>`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Only the last component of a sent file name is kept; it is shown, never used as a path. */
function safeFileName(name: string | null): string | null {
  if (name === null) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed from shown names
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? null : base;
}

/** Attachments may share a name: the second `report.csv` becomes `report~2.csv`. */
class UniqueNames {
  private readonly used: Set<string>;
  constructor(reserved: readonly string[]) {
    this.used = new Set(reserved);
  }

  take(name: string): string {
    let candidate = name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 2; this.used.has(candidate); n++) candidate = `${stem}~${n}${ext}`;
    this.used.add(candidate);
    return candidate;
  }
}

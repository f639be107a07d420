import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../../src/engine/extract/byte-source.js';
import { emailParts } from '../../../../src/engine/extract/formats/email.js';
import { htmlToText } from '../../../../src/engine/extract/formats/html-text.js';
import { mboxMessages } from '../../../../src/engine/extract/formats/mbox.js';
import { readAll } from '../../../../src/engine/extract/peek.js';
import { type FileOutcome, scanSource } from '../../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../../src/rulepack/packs.js';

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 };

const scan = (name: string, bytes: Uint8Array | string): Promise<FileOutcome> =>
  scanSource(name, bufferSource(typeof bytes === 'string' ? strToU8(bytes) : bytes), rules, options);

function summary(o: FileOutcome): { results: Record<string, string>; errors: Record<string, string> } {
  return {
    results: Object.fromEntries(o.results.map((r) => [r.path, r.verdict])),
    errors: Object.fromEntries(o.errors.map((e) => [e.path, e.code])),
  };
}

const CSV = 'name,dob,postcode\r\nJane Smith,03/04/1961,LS1 4AB\r\nPriya Patel,30/11/1972,M1 1AA\r\n';
const base64 = (data: string | Uint8Array) =>
  (
    Buffer.from(data)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

interface Attachment {
  name?: string;
  type: string;
  data: string | Uint8Array;
}

/** A multipart/mixed message: a quoted-printable text body (or an HTML one) and base64 attachments. */
function mail(opts: { headers?: string; text?: string; html?: string; attachments?: Attachment[] }): string {
  const head =
    opts.headers ??
    [
      'From: "Smith, Jane" <jane.smith@example.com>',
      'To: Customer Services <help@shop.example>, =?UTF-8?Q?Pri=C3=BDa?= Patel <priya@example.org>',
      'Subject: =?UTF-8?Q?My_account_=E2=80=93_change_of_address?=',
      'Date: Mon, 1 Jan 2024 10:00:00 +0000',
      'Message-ID: <1@example.com>',
      'MIME-Version: 1.0',
    ].join('\r\n');
  const parts: string[] = [];
  if (opts.text !== undefined)
    parts.push(
      `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${opts.text}`,
    );
  if (opts.html !== undefined) parts.push(`Content-Type: text/html; charset=utf-8\r\n\r\n${opts.html}`);
  for (const a of opts.attachments ?? []) {
    const disposition = a.name ? `attachment; filename="${a.name}"` : 'attachment';
    parts.push(
      `Content-Type: ${a.type}\r\nContent-Disposition: ${disposition}\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64(a.data)}`,
    );
  }
  const body = parts.map((p) => `--b1\r\n${p}\r\n`).join('');
  return `${head}\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n${body}--b1--\r\n`;
}

// Quoted-printable: soft line breaks (=\r\n) and =XX escapes that must be decoded before detection.
const QP_BODY =
  'Dear team,\r\n\r\nPlease update the record for our customer Jane Smith, date of birth 03/04/19=\r\n61,' +
  ' who has moved to 12 High Street, Leeds LS1 4AB.\r\nThanks =E2=80=93 Jane\r\n';

const ORDER = mail({ text: QP_BODY, attachments: [{ name: 'customers.csv', type: 'text/csv', data: CSV }] });

describe('a mail message', () => {
  it('yields its headers, its decoded text body and each attachment as a member', async () => {
    const parts = [];
    for await (const part of emailParts(strToU8(ORDER), 'mail.eml')) {
      parts.push(
        part.kind === 'member'
          ? { ...part, source: Buffer.from(await readAll(part.source)).toString() }
          : part,
      );
    }
    expect(parts).toEqual([
      {
        kind: 'text',
        name: 'headers',
        inspection: 'email',
        text:
          'From: Smith, Jane <jane.smith@example.com>\n' +
          'To: Customer Services <help@shop.example>, Priýa Patel <priya@example.org>\n' +
          'Subject: My account – change of address\n' +
          'Date: Mon, 1 Jan 2024 10:00:00 +0000\n',
      },
      {
        kind: 'text',
        name: 'body.txt',
        inspection: 'email',
        text:
          'Dear team,\n\nPlease update the record for our customer Jane Smith, date of birth 03/04/1961,' +
          ' who has moved to 12 High Street, Leeds LS1 4AB.\nThanks – Jane',
      },
      { kind: 'member', name: 'customers.csv', source: CSV },
    ]);
  });

  it('scans headers, body and the CSV attachment (as a table) under mail.eml!/…', async () => {
    const o = await scan('mail.eml', ORDER);
    expect(summary(o)).toEqual({
      results: {
        'mail.eml!/headers': 'contains-pii',
        'mail.eml!/body.txt': 'personal-data',
        'mail.eml!/customers.csv': 'personal-data',
      },
      errors: {},
    });
    const byPath = Object.fromEntries(o.results.map((r) => [r.path, r]));
    expect(byPath['mail.eml!/headers']?.inspection).toBe('email');
    expect(byPath['mail.eml!/body.txt']?.counts).toMatchObject({ 'date-of-birth': 1, postcode: 1 });
    const csv = byPath['mail.eml!/customers.csv'];
    expect(csv?.inspection).toBe('text');
    expect(csv?.records).toBe(2);
    expect(csv?.counts).toMatchObject({ 'person-name': 2, 'date-of-birth': 2, postcode: 2 });
  });

  it('opens a zip attachment and parses a forwarded message; unnamed and same-named files stay apart', async () => {
    const forwarded = mail({ text: 'Jane Smith, born 03/04/1961, LS1 4AB\r\n' });
    const bytes = mail({
      text: 'See attached.\r\n',
      attachments: [
        { name: 'export.zip', type: 'application/zip', data: zipSync({ 'customers.csv': strToU8(CSV) }) },
        { name: '../../etc/customers.csv', type: 'text/csv', data: CSV },
        { name: 'customers.csv', type: 'text/csv', data: 'nothing,here\r\n1,2\r\n' },
        { type: 'message/rfc822', data: forwarded },
      ],
    });
    expect(summary(await scan('fwd.eml', bytes))).toEqual({
      results: {
        'fwd.eml!/headers': 'contains-pii',
        'fwd.eml!/body.txt': 'clean',
        'fwd.eml!/export.zip!/customers.csv': 'personal-data',
        'fwd.eml!/customers.csv': 'personal-data',
        'fwd.eml!/customers~2.csv': 'clean',
        'fwd.eml!/attachment-4!/headers': 'contains-pii',
        'fwd.eml!/attachment-4!/body.txt': 'personal-data',
      },
      errors: {},
    });
  });

  it('reads an HTML-only body as text, a line per block and a tab per table cell', async () => {
    const html =
      '<html><head><style>p { color: red }</style></head><body><p>Dear Jane&nbsp;Smith,</p>' +
      '<table><tr><th>name</th><th>dob</th></tr><tr> <td>Jane Smith</td> <td>03/04/1961</td> </tr></table>' +
      '<!-- hidden --><div>Cost &pound;5 &#x2013; paid<br>LS1 4AB</div></body></html>';
    expect(htmlToText(html)).toBe(
      'Dear Jane Smith,\n\nname\tdob\nJane Smith\t03/04/1961\n\nCost £5 – paid\nLS1 4AB',
    );
    const parts = [];
    for await (const part of emailParts(strToU8(mail({ html })), 'h.eml')) parts.push(part);
    expect(parts[1]).toEqual({ kind: 'text', name: 'body.txt', inspection: 'email', text: htmlToText(html) });
  });

  it('a message with no body yields its headers only', async () => {
    expect(summary(await scan('empty.eml', mail({})))).toEqual({
      results: { 'empty.eml!/headers': 'contains-pii' },
      errors: {},
    });
  });
});

describe('what a message cannot show is said', () => {
  it('parts nested past the parser limit are LIMIT, not a crash', async () => {
    let nested =
      'From: a@example.com\r\nTo: b@example.com\r\nSubject: deep\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n';
    for (let i = 0; i < 300; i++)
      nested += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    const o = await scan('deep.eml', `${nested}Content-Type: text/plain\r\n\r\nJane Smith 03/04/1961\r\n`);
    expect(summary(o)).toEqual({ results: {}, errors: { 'deep.eml': 'LIMIT' } });
    expect(o.errors[0]?.message).toBe('not fully inspected: MIME parts nested more than 256 deep');
  });

  it('a message cut off inside an attachment yields what arrived and is listed as cut off', async () => {
    const b64 = base64(CSV);
    const cut = ORDER.slice(0, ORDER.indexOf(b64) + 76);
    expect(Buffer.from(b64.slice(0, 76), 'base64').toString()).toBe(`${CSV.slice(0, 57)}`);
    expect(summary(await scan('cut.eml', cut))).toEqual({
      results: {
        'cut.eml!/headers': 'contains-pii',
        'cut.eml!/body.txt': 'personal-data',
        'cut.eml!/customers.csv': 'personal-data',
      },
      errors: { 'cut.eml': 'CORRUPT' },
    });
  });
});

const message = (n: number, extra = '') =>
  [
    `From: Person ${n} <p${n}@example.com>`,
    'To: desk@example.org',
    `Subject: note ${n}`,
    'Date: Tue, 2 Jan 2024 09:00:00 +0000',
    '',
    n === 1
      ? 'Customer Jane Smith, date of birth 03/04/1961, lives at LS1 4AB.'
      : 'The meeting moved to Friday.',
    extra,
  ].join('\n');

describe('an mbox file', () => {
  const MBOX =
    `From p1@example.com Tue Jan  2 09:00:00 2024\n${message(1)}\n` +
    `From p2@example.com Tue Jan  2 09:05:00 2024\n${message(2, '>From the desk of the manager\n>>From here')}\n`;

  it('splits on From lines after a blank line, strips them, and undoes >From quoting', () => {
    const messages = [...mboxMessages(strToU8(MBOX))].map((m) => Buffer.from(m).toString());
    expect(messages).toEqual([message(1), `${message(2, 'From the desk of the manager\n>From here')}`]);
  });

  it('does not split on a From line inside a paragraph', () => {
    const text = `From a@b Tue Jan  2 09:00:00 2024\n${message(2, 'line\nFrom me to you\n')}`;
    expect([...mboxMessages(strToU8(text))]).toHaveLength(1);
  });

  it('scans each message as a mail message under box.mbox!/message-N!/…', async () => {
    expect(summary(await scan('box.mbox', MBOX))).toEqual({
      results: {
        'box.mbox!/message-1!/headers': 'contains-pii',
        'box.mbox!/message-1!/body.txt': 'personal-data',
        'box.mbox!/message-2!/headers': 'contains-pii',
        'box.mbox!/message-2!/body.txt': 'clean',
      },
      errors: {},
    });
  });

  it('scans an mbox with CRLF line ends the same way', async () => {
    const o = await scan('crlf.mbox', MBOX.replaceAll('\n', '\r\n'));
    expect(Object.keys(summary(o).results)).toEqual([
      'crlf.mbox!/message-1!/headers',
      'crlf.mbox!/message-1!/body.txt',
      'crlf.mbox!/message-2!/headers',
      'crlf.mbox!/message-2!/body.txt',
    ]);
  });
});

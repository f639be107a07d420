// Property tests: whatever bytes arrive, scanSource resolves in bounded time with results or errors, and a
// damaged archive is said to be damaged. Runs are bounded and seeded, so a failure replays exactly.
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { pack } from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/engine/extract/byte-source.js';
import { htmlToText } from '../../src/engine/extract/formats/html-text.js';
import { type FileOutcome, scanSource } from '../../src/engine/scan-file.js';
import type { CompiledRule } from '../../src/rulepack/compiled.js';
import { builtinPackNames, loadPacks, packPaths } from '../../src/rulepack/packs.js';

const SEED = 0x7e51d0e;
/** One input must be scanned well within this; a hang fails the property instead of the whole suite. */
const PER_INPUT_MS = 5_000;
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 10_000 };

const CSV =
  'name,dob,nhs_number,postcode\nJane Smith,03/04/1961,485 112 2330,LS1 4AB\nPriya Patel,30/11/1972,632 465 2114,M1 1AA\n';

let rules: readonly CompiledRule[] = [];
let ZIP: Uint8Array;
let GZIP: Uint8Array;
let TAR: Uint8Array;

beforeAll(async () => {
  rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
  ZIP = zipSync({ 'export/customers.csv': strToU8(CSV), 'notes.txt': strToU8('maintenance notes\n') });
  GZIP = gzipSync(CSV);
  TAR = await tar({ 'srv/customers.csv': CSV, 'srv/readme.txt': 'nothing here\n' });
});

async function tar(files: Record<string, string>): Promise<Uint8Array> {
  const p = pack();
  for (const [name, body] of Object.entries(files)) p.entry({ name }, Buffer.from(body));
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of p) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Scans bytes; rejects (failing the property) if the scan throws or takes longer than PER_INPUT_MS. */
async function scanBounded(name: string, bytes: Uint8Array): Promise<FileOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`scan of ${bytes.length} bytes took over ${PER_INPUT_MS} ms`)),
      PER_INPUT_MS,
    );
  });
  try {
    return await Promise.race([scanSource(name, bufferSource(bytes), rules, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every outcome says something: a result for what was read, or an error for what was not. */
function expectAccountedFor(o: FileOutcome): void {
  expect(o.results.length + o.errors.length).toBeGreaterThan(0);
  for (const e of o.errors) {
    expect(e.code).toMatch(/^[A-Z_]+$/);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

const mutation = (length: number) =>
  fc.array(fc.record({ at: fc.nat({ max: length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
    minLength: 1,
    maxLength: 8,
  });

function mutate(bytes: Uint8Array, edits: { at: number; byte: number }[]): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (const { at, byte } of edits) copy[at] = byte;
  return copy;
}

/** First bytes that send the input to each extractor, so random tails exercise the parsers, not just text. */
const MAGICS: Record<string, number[]> = {
  zip: [0x50, 0x4b, 0x03, 0x04],
  'zip-empty': [0x50, 0x4b, 0x05, 0x06],
  gzip: [0x1f, 0x8b, 0x08, 0x00],
  bzip2: [0x42, 0x5a, 0x68],
  pdf: [...Buffer.from('%PDF-1.4\n')],
  sqlite: [...Buffer.from('SQLite format 3\0')],
  email: [...Buffer.from('From: a@example.com\nTo: b@example.com\nSubject: x\n\n')],
  utf16: [0xff, 0xfe],
  cfb: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  mbox: [...Buffer.from('From a@example.com Tue Jan  2 09:00:00 2024\nFrom: a@example.com\nSubject: x\n\n')],
};

describe('fuzz: scanSource never throws and always accounts for its input', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 8192 }), async (bytes) => {
        expectAccountedFor(await scanBounded('random.bin', bytes));
      }),
      { numRuns: 150, seed: SEED },
    );
  });

  it('random bytes behind the magic number of every extractor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(MAGICS)),
        fc.uint8Array({ maxLength: 4096 }),
        async (kind, tail) => {
          const bytes = Uint8Array.from([...(MAGICS[kind] as number[]), ...tail]);
          expectAccountedFor(await scanBounded(`random.${kind}`, bytes));
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });

  it('random bytes behind a tar header (ustar magic at offset 257)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 512, maxLength: 4096 }), async (bytes) => {
        const copy = Uint8Array.from(bytes);
        copy.set(Buffer.from('ustar\x0000'), 257);
        expectAccountedFor(await scanBounded('random.tar', copy));
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('a CSV cut or mutated anywhere still gives one result and never an error', async () => {
    const csv = strToU8(CSV);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: csv.length }), mutation(csv.length), async (cut, edits) => {
        const o = await scanBounded('customers.csv', mutate(csv, edits).subarray(0, cut));
        expect(o.errors).toEqual([]);
        expect(o.results).toHaveLength(1);
      }),
      { numRuns: 100, seed: SEED },
    );
  });
});

describe('fuzz: a damaged archive is listed in errors, never passed as clean', () => {
  it('a zip cut anywhere past its magic number is an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: ZIP.length - 1 }), async (cut) => {
        const o = await scanBounded('backup.zip', ZIP.subarray(0, cut));
        expect(o.errors.length).toBeGreaterThan(0);
        expect(o.results.filter((r) => r.verdict !== 'clean')).toEqual([]);
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('a gzip cut anywhere past its magic number is an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: GZIP.length - 1 }), async (cut) => {
        const o = await scanBounded('customers.csv.gz', GZIP.subarray(0, cut));
        expect(o.errors.map((e) => e.code)).toContain('CORRUPT');
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('a tar cut anywhere past its magic number is an error, unless the cut falls between members', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 263, max: TAR.length - 1 }), async (cut) => {
        fc.pre(cut % 512 !== 0);
        const o = await scanBounded('backup.tar', TAR.subarray(0, cut));
        expect(o.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  // Both a cut on a 512-byte boundary between members (no end-of-archive marker) and a cut inside a member's
  // body are CORRUPT, never a READ_ERROR or a silent short archive.
  it('a tar cut anywhere past its magic number is CORRUPT, wherever the cut falls', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 263, max: TAR.length - 1 }), async (cut) => {
        const o = await scanBounded('backup.tar', TAR.subarray(0, cut));
        // Once: a cut inside a member's body is not reported again for the archive.
        expect(o.errors.map((e) => e.code)).toEqual(['CORRUPT']);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('a tar cut on each block boundary: members before the cut are scanned, the archive is CORRUPT', async () => {
    // TAR: header, customers.csv body, header, readme.txt body, two zero blocks (3,072 bytes).
    expect(TAR.length).toBe(3072);
    for (const cut of [1024, 2048, 2560]) {
      const o = await scanBounded('backup.tar', TAR.subarray(0, cut));
      expect(o.errors.map((e) => [e.code, e.message])).toEqual([
        ['CORRUPT', 'not fully inspected: corrupt or truncated (no end-of-archive marker)'],
      ]);
      expect(o.results.find((r) => r.path === 'backup.tar!/srv/customers.csv')?.verdict).toBe(
        'personal-data',
      );
    }
    const whole = await scanBounded('backup.tar', TAR);
    expect(whole.errors).toEqual([]);
    expect(whole.results.map((r) => r.path)).toEqual([
      'backup.tar!/srv/customers.csv',
      'backup.tar!/srv/readme.txt',
    ]);
  });

  it('a mutated gzip is an error whenever zlib itself rejects it', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(GZIP.length), async (edits) => {
        const bytes = mutate(GZIP, edits);
        let zlibRejects = false;
        try {
          gunzipSync(bytes);
        } catch {
          zlibRejects = true;
        }
        const o = await scanBounded('customers.csv.gz', bytes);
        expectAccountedFor(o);
        // Still a gzip (magic intact) that zlib rejects: residue must say it could not read it.
        if (zlibRejects && bytes[0] === 0x1f && bytes[1] === 0x8b) expect(o.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: SEED },
    );
  });

  it('a mutated zip or tar never throws and is accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('zip', 'tar'),
        fc.array(fc.record({ pick: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (kind, picks) => {
          const base = kind === 'zip' ? ZIP : TAR;
          const edits = picks.map((p) => ({ at: p.pick % base.length, byte: p.byte }));
          expectAccountedFor(await scanBounded(`backup.${kind}`, mutate(base, edits)));
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });

  it('a mutated tar header is an error (tar headers carry a checksum)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 147 }), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        // Bytes 0-147 of the first header (name, mode, uid, gid, size, mtime): any change breaks the checksum.
        const bytes = Uint8Array.from(TAR);
        bytes[at] = ((bytes[at] as number) + delta) & 0xff;
        const o = await scanBounded('backup.tar', bytes);
        expect(o.errors.map((e) => e.code)).toContain('CORRUPT');
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});

// ---- valid documents of every other extractor, mutated: parsers meet almost-right input, not noise ----

const BOUNDARY = 'b0undary';
const MAIL = [
  'From: Jane Smith <jane@example.com>',
  'To: desk@example.org',
  'Subject: =?utf-8?q?customer_export?=',
  'MIME-Version: 1.0',
  `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
  '',
  `--${BOUNDARY}`,
  'Content-Type: text/plain; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Customer Jane Smith, date of birth 03/04/1961, lives at LS1 4AB.=0A',
  `--${BOUNDARY}`,
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Customer <b>Priya Patel</b>, born 30/11/1972</p><script>x()</script>',
  `--${BOUNDARY}`,
  'Content-Type: text/csv; name="customers.csv"',
  'Content-Disposition: attachment; filename="customers.csv"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from(CSV).toString('base64'),
  `--${BOUNDARY}--`,
  '',
].join('\r\n');
const MBOX = `From jane@example.com Tue Jan  2 09:00:00 2024\n${MAIL.replace(/\r\n/g, '\n')}\nFrom desk@example.org Tue Jan  2 10:00:00 2024\nFrom: desk@example.org\nSubject: re\n\nThanks.\n`;

/** A one-page PDF with a text line, xref and trailer, as a writer would lay it out. */
function minimalPdf(line: string): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${out.length}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('fuzz: mail, mailboxes, PDF and SQLite, mutated', () => {
  const documents: Record<string, () => Promise<Uint8Array> | Uint8Array> = {
    'message.eml': () => Buffer.from(MAIL),
    'inbox.mbox': () => Buffer.from(MBOX),
    'letter.pdf': () => minimalPdf('Patient Jane Smith, NHS number 485 112 2330, born 03/04/1961'),
    'crm.sqlite': async () => {
      const SQL = await initSqlJs();
      const db = new SQL.Database();
      db.run(
        "CREATE TABLE people (full_name TEXT, dob TEXT, postcode TEXT); INSERT INTO people VALUES ('Jane Smith', '1961-04-03', 'LS1 4AB'), ('Priya Patel', '1972-11-30', 'M1 1AA');",
      );
      const bytes = db.export();
      db.close();
      return bytes;
    },
  };

  for (const [name, make] of Object.entries(documents)) {
    it(`${name}: the valid one is personal-data; mutated or cut, it never throws and is accounted for`, async () => {
      const bytes = await make();
      const whole = await scanBounded(name, bytes);
      expect(whole.errors).toEqual([]);
      expect(whole.results.some((r) => r.verdict === 'personal-data')).toBe(true);
      await fc.assert(
        fc.asyncProperty(mutation(bytes.length), fc.nat({ max: bytes.length }), async (edits, cut) => {
          expectAccountedFor(await scanBounded(name, mutate(bytes, edits)));
          expectAccountedFor(await scanBounded(name, bytes.subarray(0, Math.max(cut, 1))));
        }),
        { numRuns: 40, seed: SEED },
      );
    });
  }

  it('HTML bodies: any markup turns into text without throwing, in bounded time', () => {
    const tag = fc.constantFrom(
      '<p>',
      '</p>',
      '<br>',
      '<script>',
      '</script>',
      '<style>',
      '<!--',
      '-->',
      '&amp;',
      '&#',
      '<',
      '>',
      '"',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tag, fc.string({ maxLength: 20 })), { maxLength: 200 }), (pieces) => {
        const started = Date.now();
        expect(typeof htmlToText(pieces.join(''))).toBe('string');
        expect(Date.now() - started).toBeLessThan(PER_INPUT_MS);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

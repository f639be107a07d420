import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../../src/engine/extract/byte-source.js';
import { joinItems, pdfParts } from '../../../../src/engine/extract/formats/pdf.js';
import { DEFAULT_LIMITS } from '../../../../src/engine/extract/limits.js';
import { type FileOutcome, scanSource } from '../../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../../src/rulepack/packs.js';

const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 60_000 };

const scan = (name: string, bytes: Uint8Array): Promise<FileOutcome> =>
  scanSource(name, bufferSource(bytes), rules, options);

function summary(o: FileOutcome): { results: Record<string, string>; errors: Record<string, string> } {
  return {
    results: Object.fromEntries(o.results.map((r) => [r.path, r.verdict])),
    errors: Object.fromEntries(o.errors.map((e) => [e.path, e.code])),
  };
}

// ---- a minimal PDF writer: Helvetica text lines, optional 1×1 image, optional filled-in text fields ----

interface PageSpec {
  lines?: string[];
  image?: boolean;
  fields?: Record<string, string>;
  comments?: string[];
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const pdfString = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Objects numbered from 1; an object body is a string or, for a stream with binary data, bytes. */
function writePdf(objects: (string | Buffer)[], trailer: string, { eof = true } = {}): Uint8Array {
  const chunks: Buffer[] = [latin1('%PDF-1.4\n')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([latin1(`${i + 1} 0 obj\n`), Buffer.from(body), latin1('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  chunks.push(
    latin1(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}` +
        `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${length}\n${eof ? '%%EOF\n' : ''}`,
    ),
  );
  return Buffer.concat(chunks);
}

const stream = (data: Buffer, dict = '') =>
  Buffer.concat([latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);

function buildPdf(pages: PageSpec[], opts: { eof?: boolean } = {}): Uint8Array {
  const objects: (string | Buffer)[] = [];
  const reserve = (body: string | Buffer = '') => objects.push(body);
  const catalog = reserve();
  const tree = reserve();
  const font = reserve('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const gray =
    '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8';
  const image = reserve(stream(Buffer.from([0x80]), gray));
  const kids: number[] = [];
  const fields: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    if (page.lines?.length) {
      ops.push('BT', '/F1 12 Tf', '14 TL', '72 720 Td');
      page.lines.forEach((line, i) => {
        ops.push(`${i > 0 ? 'T* ' : ''}${pdfString(line)} Tj`);
      });
      ops.push('ET');
    }
    if (page.image) ops.push('q 400 0 0 500 72 200 cm /Im1 Do Q');
    const pageNo = reserve();
    const content = reserve(stream(latin1(ops.join('\n'))));
    const annots = Object.entries(page.fields ?? {}).map(([name, value], i) =>
      reserve(
        `<< /Type /Annot /Subtype /Widget /FT /Tx /T ${pdfString(name)} /V ${pdfString(value)} ` +
          `/Rect [72 ${500 - i * 30} 300 ${520 - i * 30}] /P ${pageNo} 0 R >>`,
      ),
    );
    for (const [i, comment] of (page.comments ?? []).entries()) {
      annots.push(
        reserve(
          `<< /Type /Annot /Subtype /Text /Rect [400 ${700 - i * 30} 420 ${720 - i * 30}] /Contents ${pdfString(comment)} >>`,
        ),
      );
    }
    const resources = `<< /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >>`;
    const annotList = annots.length ? ` /Annots [${annots.map((n) => `${n} 0 R`).join(' ')}]` : '';
    objects[pageNo - 1] =
      `<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${content} 0 R${annotList} >>`;
    kids.push(pageNo);
    fields.push(...annots);
  }
  const acroForm = fields.length
    ? ` /AcroForm << /Fields [${fields.map((n) => `${n} 0 R`).join(' ')}] >>`
    : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R${acroForm} >>`;
  objects[tree - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return writePdf(objects, `/Root ${catalog} 0 R`, opts);
}

// ---- the standard security handler, revision 2 (40-bit RC4), enough to lock a PDF with a user password ----

const PASSWORD_PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (pw: string) => Buffer.concat([latin1(pw), PASSWORD_PAD]).subarray(0, 32);

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

function encryptedPdf(line: string, userPassword: string): Uint8Array {
  const id = Buffer.alloc(16, 7);
  const owner = rc4(md5(padded('owner')).subarray(0, 5), padded(userPassword));
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-44);
  const key = md5(padded(userPassword), owner, permissions, id).subarray(0, 5);
  const objectKey = md5(key, Buffer.from([4, 0, 0, 0, 0])).subarray(0, 10);
  return writePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [5 0 R] /Count 1 >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      stream(rc4(objectKey, latin1(`BT /F1 12 Tf 72 720 Td ${pdfString(line)} Tj ET`))),
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${rc4(key, PASSWORD_PAD).toString('hex')}> /P -44 >>`,
    ],
    `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
  );
}

const LETTER = ['Patient: Jane Smith', '12 High Street', 'Leeds LS1 4AB', 'Date of birth: 03/04/1961'];
const NOTES = ['Maintenance notes', 'The boiler was serviced and the filter replaced.'];

async function texts(bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const part of pdfParts(bytes, 'x.pdf')) {
    out.push(part.kind === 'error' ? { error: part.error.code, detail: part.error.detail } : part);
  }
  return out;
}

describe('PDF text', () => {
  it('yields one text part per page, an address block as lines', async () => {
    expect(await texts(buildPdf([{ lines: LETTER }, { lines: NOTES }]))).toEqual([
      { kind: 'text', name: 'page-1', text: LETTER.join('\n'), inspection: 'pdf' },
      { kind: 'text', name: 'page-2', text: NOTES.join('\n'), inspection: 'pdf' },
    ]);
  });

  it('scans each page under file!/page-N with its findings and verdict', async () => {
    const o = await scan('letter.pdf', buildPdf([{ lines: LETTER }, { lines: NOTES }]));
    expect(summary(o)).toEqual({
      results: { 'letter.pdf!/page-1': 'personal-data', 'letter.pdf!/page-2': 'clean' },
      errors: {},
    });
    const [page1, page2] = o.results;
    expect(page1?.inspection).toBe('pdf');
    expect(Object.keys(page1?.counts ?? {}).sort()).toEqual([
      'date-of-birth',
      'person-name',
      'postal-address',
      'postcode',
    ]);
    expect(page1?.findings.find((f) => f.category === 'postcode')?.line).toBe(3);
    expect(page2?.findings).toEqual([]);
  });

  it('is found by its content inside an archive, whatever it is called', async () => {
    const bytes = zipSync({
      'letters/scan-0001.dat': buildPdf([{ lines: LETTER }]),
      'readme.txt': strToU8('hi\n'),
    });
    expect(summary(await scan('docs.zip', bytes))).toEqual({
      results: {
        'docs.zip!/letters/scan-0001.dat!/page-1': 'personal-data',
        'docs.zip!/readme.txt': 'clean',
      },
      errors: {},
    });
  });

  it('reads the values of filled-in form fields with their names, and comments', async () => {
    const bytes = buildPdf([
      {
        lines: ['Application form'],
        fields: { full_name: 'Jane Smith', date_of_birth: '03/04/1961' },
        comments: ['Checked against passport'],
      },
    ]);
    const [page] = await texts(bytes);
    expect(page).toEqual({
      kind: 'text',
      name: 'page-1',
      text: 'Application form\nChecked against passport\nfull_name: Jane Smith\ndate_of_birth: 03/04/1961',
      inspection: 'pdf',
    });
  });
});

describe('joinItems', () => {
  const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({
    str,
    transform: [12, 0, 0, 12, x, y],
    width,
    height: 12,
    hasEOL,
  });

  it('keeps runs on one baseline on one line, spaced where there is a gap, and breaks where it moves', () => {
    expect(
      joinItems([
        item('Jane', 72, 700, 24),
        item('Smith', 100, 700, 30),
        item('LS1', 72, 686, 18),
        item('4AB', 90, 686, 20),
        item('', 110, 686, 0, true),
        item('Leeds', 72, 672, 30),
      ]),
    ).toBe('Jane Smith\nLS14AB\nLeeds');
  });

  it('breaks a line where pdf.js marks an end of line even on the same baseline', () => {
    expect(joinItems([item('a', 72, 700, 6, true), item('b', 80, 700, 6)])).toBe('a\nb');
  });
});

describe('what a PDF cannot show is said', () => {
  it('a password-protected PDF is ENCRYPTED, and nothing of it is reported', async () => {
    const o = await scan('locked.pdf', encryptedPdf('Patient: Jane Smith', 'secret'));
    expect(summary(o)).toEqual({ results: {}, errors: { 'locked.pdf': 'ENCRYPTED' } });
    expect(o.errors[0]?.message).toBe('not inspected: encrypted (password-protected PDF)');
  });

  it('a PDF encrypted with an empty user password opens, as in any viewer', async () => {
    const o = await scan('owner-only.pdf', encryptedPdf('Patient: Jane Smith', ''));
    expect(summary(o)).toEqual({ results: { 'owner-only.pdf!/page-1': 'contains-pii' }, errors: {} });
  });

  it('a truncated PDF is CORRUPT, not a crash', async () => {
    const full = buildPdf([{ lines: LETTER }, { lines: NOTES }]);
    for (const cut of [8, 200, full.length - 120]) {
      const o = await scan('cut.pdf', full.subarray(0, cut));
      expect(summary(o)).toEqual({ results: {}, errors: { 'cut.pdf': 'CORRUPT' } });
      expect(o.errors[0]?.message).toBe(
        'not fully inspected: corrupt or truncated (unreadable PDF structure)',
      );
    }
  });

  it('a page that cannot be read is CORRUPT for that page; the other pages are scanned', async () => {
    // Objects: 1 catalog, 2 page tree, 3 font, 4 image, then page and content for each page: 5–6, 7–8.
    const broken = (bytes: Uint8Array, object: number) => {
      const lines = Buffer.from(bytes).toString('latin1').split('\n');
      lines[lines.indexOf('xref') + 2 + object] = '0000000009 00000 n ';
      return latin1(lines.join('\n'));
    };
    const two = broken(buildPdf([{ lines: NOTES }, { lines: LETTER }]), 8);
    expect(summary(await scan('two.pdf', two))).toEqual({
      results: { 'two.pdf!/page-1': 'clean' },
      errors: { 'two.pdf!/page-2': 'CORRUPT' },
    });
    // When no page can be read, that is what is said, not that the PDF has no text layer.
    const one = await scan('one.pdf', broken(buildPdf([{ lines: LETTER }]), 6));
    expect(summary(one)).toEqual({ results: {}, errors: { 'one.pdf!/page-1': 'CORRUPT' } });
    expect(one.errors[0]?.message).toBe('not fully inspected: corrupt or truncated (unreadable page)');
  });

  it('a PDF with no end-of-file marker is read as far as it goes and flagged CORRUPT', async () => {
    const o = await scan('no-eof.pdf', buildPdf([{ lines: LETTER }], { eof: false }));
    expect(summary(o)).toEqual({
      results: { 'no-eof.pdf!/page-1': 'personal-data' },
      errors: { 'no-eof.pdf': 'CORRUPT' },
    });
    expect(o.errors[0]?.message).toContain('PDF is truncated');
  });

  it('a scanned PDF with no text layer is UNSUPPORTED, never clean', async () => {
    const o = await scan('scan.pdf', buildPdf([{ image: true }, { image: true }]));
    expect(summary(o)).toEqual({ results: {}, errors: { 'scan.pdf': 'UNSUPPORTED' } });
    expect(o.errors[0]?.message).toBe('not inspected: PDF has no text layer (scanned image?)');
  });

  it('an image-only page among text pages is UNSUPPORTED for that page; a blank page is clean', async () => {
    const o = await scan('mixed.pdf', buildPdf([{ lines: NOTES }, { image: true }, {}]));
    expect(summary(o)).toEqual({
      results: { 'mixed.pdf!/page-1': 'clean', 'mixed.pdf!/page-3': 'clean' },
      errors: { 'mixed.pdf!/page-2': 'UNSUPPORTED' },
    });
  });
});

describe('a PDF decompression bomb', () => {
  /** One page whose Flate content stream inflates to `size` bytes of spaces around one line of text. */
  function bombPdf(size: number): Uint8Array {
    const ops = Buffer.alloc(size, 0x20);
    latin1('BT /F1 12 Tf 72 720 Td (Patient Jane Smith, NHS number 485 112 2330) Tj ET').copy(ops, 0);
    const content = stream(deflateSync(ops, { level: 9 }), '/Filter /FlateDecode');
    return writePdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        content,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ],
      '/Root 1 0 R',
    );
  }

  it('is stopped by the expansion limit before pdf.js inflates it', async () => {
    const bytes = bombPdf(64 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(200 * 1024);
    const o = await scanSource('bomb.pdf', bufferSource(bytes), rules, {
      ...options,
      limits: { ...DEFAULT_LIMITS, maxExpandedBytes: 8 * 1024 * 1024 },
    });
    expect(o.results).toEqual([]);
    expect(o.errors.map((e) => [e.path, e.code, e.message])).toEqual([
      ['bomb.pdf', 'LIMIT', 'not fully inspected: expansion limit of 8388608 bytes exceeded at bomb.pdf'],
    ]);
  });

  it('the same PDF within the limit is read', async () => {
    const o = await scan('small.pdf', bombPdf(64 * 1024));
    expect(summary(o)).toEqual({ results: { 'small.pdf!/page-1': 'personal-data' }, errors: {} });
  });
});

// Property tests: an office document whose XML is cut or mutated anywhere is scanned without throwing; what
// cannot be read is an extraction error (CORRUPT), never an unexpected one. Seeded, so a failure replays.
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../../src/engine/extract/byte-source.js';
import { scanSource } from '../../../../src/engine/scan-file.js';
import { builtinPackNames, loadPacks, packPaths } from '../../../../src/rulepack/packs.js';
import { docx, odf, odsRow, pptx, wp, wtable, xlsx } from './office-build.js';

const SEED = 0x0ff1ce;
const rules = loadPacks(packPaths(builtinPackNames())).flatMap((p) => p.rules);
const options = { minConfidence: 0.5, showValues: false, maxFindings: 1000, timeBudgetMs: 10_000 };

const DOCUMENTS: Record<string, { bytes: Uint8Array; part: string }> = {
  'a.docx': {
    bytes: docx(
      wp('Mrs Margaret Wilson\n14 Larkspur Close') +
        wtable([
          ['Name', 'DOB'],
          ['Jane Smith', '03/04/1961'],
        ]),
    ),
    part: 'word/document.xml',
  },
  'b.xlsx': {
    bytes: xlsx([
      {
        name: 'Customers',
        rows: [
          ['Name', 'DOB', 'Postcode'],
          ['Jane Smith', 22374, 'LS1 4AB'],
          ['Priya &amp; <Co>', { v: 26633, s: 1 }, { inline: 'M1 1AA' }],
        ],
      },
    ]),
    part: 'xl/worksheets/sheet1.xml',
  },
  'c.pptx': { bytes: pptx([{ paragraphs: ['Jane Smith', '03/04/1961'], table: [['a', 'b']] }]), part: '' },
  'd.ods': {
    bytes: odf(
      'spreadsheet',
      `<table:table table:name="T">${odsRow(['Name', 'DOB'])}${odsRow(['Jane Smith', { date: '1961-04-03' }, { empty: 9 }], 3)}</table:table>`,
    ),
    part: 'content.xml',
  },
};

/** The document with one XML part replaced by `mutate(part)`. */
function damaged(name: string, mutate: (xml: Uint8Array) => Uint8Array): Uint8Array {
  const doc = DOCUMENTS[name] as { bytes: Uint8Array; part: string };
  const files = unzipSync(doc.bytes);
  const part = doc.part || (Object.keys(files).find((k) => /slides\/slide\d+\.xml$/.test(k)) as string);
  files[part] = Uint8Array.from(mutate(files[part] as Uint8Array));
  return zipSync(files);
}

async function outcomeOf(name: string, bytes: Uint8Array) {
  const o = await scanSource(name, bufferSource(bytes), rules, options);
  return { codes: o.errors.map((e) => e.code), results: o.results.length };
}

describe('fuzz: damaged office XML', () => {
  it('an XML part cut anywhere is scanned as far as it goes, and said to be corrupt', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(DOCUMENTS)),
        fc.double({ min: 0, max: 0.999 }),
        async (name, at) => {
          const { codes } = await outcomeOf(
            name,
            damaged(name, (xml) => xml.subarray(0, Math.floor(xml.length * at))),
          );
          expect(codes).toContain('CORRUPT');
          expect(codes.every((c) => c === 'CORRUPT')).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('an XML part with bytes overwritten never throws and never fails unexpectedly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(DOCUMENTS)),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 0.999 }), fc.constantFrom(...strToU8('<>/&;"=x \u00e9'))),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (name, edits) => {
          const { codes } = await outcomeOf(
            name,
            damaged(name, (xml) => {
              const copy = Uint8Array.from(xml);
              for (const [at, byte] of edits) copy[Math.floor(copy.length * at)] = byte;
              return copy;
            }),
          );
          expect(codes.every((c) => c === 'CORRUPT')).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});

import { FlowText, OOXML } from './office-flow.js';
import { errorPart, type OfficePackage } from './office-package.js';
import { streamedText, type XmlText } from './office-stream.js';
import { TextPieces } from './office-text.js';
import type { Part } from './types.js';

/** Parts of a Word document besides its body that hold text, in reading order. */
const SIDE_PARTS = [
  /^word\/header\d*\.xml$/i,
  /^word\/footer\d*\.xml$/i,
  /^word\/footnotes\.xml$/i,
  /^word\/endnotes\.xml$/i,
  /^word\/comments\.xml$/i,
];

/**
 * A Word document (docx, docm, dotx) as one text named after the document itself: the body, then headers,
 * footers, footnotes, endnotes and comments, handed on as they are read. A part that is missing or not
 * well-formed is an error for the document; the text of the rest is still scanned.
 */
export async function* docxParts(pkg: OfficePackage): AsyncIterable<Part> {
  const out = new TextPieces();
  const errors: Part[] = [];
  const parts: XmlText[] = [];
  const main = pkg.has('word/document.xml')
    ? 'word/document.xml'
    : await pkg.relatedPart('', 'officeDocument');
  if (main) parts.push({ part: main, handler: new FlowText(OOXML, { out }) });
  else errors.push(errorPart('CORRUPT', pkg.path, 'a Word document without word/document.xml'));
  // Each part after text begins on a line of its own.
  const before = () => {
    if (out.length > 0) out.add('\n');
  };
  for (const pattern of SIDE_PARTS) {
    for (const entry of pkg.matching(pattern)) {
      parts.push({ part: entry.fileName, handler: new FlowText(OOXML, { out }), before });
    }
  }
  yield* streamedText(pkg, null, out, parts, { errors });
}

import { FlowText, OOXML } from './office-flow.js';
import { errorPart, type OfficePackage, truncatedPart, wasRead } from './office-package.js';
import { TextBuilder } from './office-text.js';
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
 * A Word document (docx, docm, dotx) as one text part named after the document itself: the body, then
 * headers, footers, footnotes, endnotes and comments. A part that is missing or not well-formed is an error
 * for the document; the text of the rest is still scanned.
 */
export async function* docxParts(pkg: OfficePackage): AsyncIterable<Part> {
  const out = new TextBuilder();
  const errors: Part[] = [];
  const main = pkg.has('word/document.xml')
    ? 'word/document.xml'
    : await pkg.relatedPart('', 'officeDocument');
  let read = false;
  if (main) {
    const error = await pkg.read(main, new FlowText(OOXML, { out }));
    read = wasRead(error);
    if (error) errors.push(error);
  } else errors.push(errorPart('CORRUPT', pkg.path, 'a Word document without word/document.xml'));
  for (const pattern of SIDE_PARTS) {
    for (const entry of pkg.matching(pattern)) {
      if (out.length > 0) out.add('\n');
      const error = await pkg.read(entry.fileName, new FlowText(OOXML, { out }));
      read ||= wasRead(error);
      if (error) errors.push(error);
    }
  }
  if (read) yield { kind: 'text', name: null, text: out.toString(), inspection: 'office' };
  if (out.truncated) yield truncatedPart(pkg.path);
  yield* errors;
}

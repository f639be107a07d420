import { FlowText, OOXML } from './office-flow.js';
import { type OfficePackage, truncatedPart, wasRead } from './office-package.js';
import { attributes, relationshipId } from './office-xml.js';
import type { Part } from './types.js';

/**
 * A presentation (pptx, pptm, potx): one text part per slide, `deck.pptx!/slide-3`, in the order the deck
 * shows them, with the slide's speaker notes after its own text. A slide that cannot be read is an error for
 * that slide; the others are still scanned.
 */
export async function* pptxParts(pkg: OfficePackage): AsyncIterable<Part> {
  const slides = await slideParts(pkg);
  for (const [i, slide] of slides.entries()) {
    const at = `${pkg.path}!/slide-${i + 1}`;
    const text = new FlowText(OOXML);
    const errors: Part[] = [];
    const error = await pkg.read(slide, text, at);
    if (error) errors.push(error);
    const read = wasRead(error) && pkg.has(slide);
    const notes = await pkg.relatedPart(slide, 'notesSlide');
    if (notes && pkg.has(notes)) {
      text.out.add('\n');
      const notesError = await pkg.read(notes, text, at);
      if (notesError) errors.push(notesError);
    }
    if (read) yield { kind: 'text', name: `slide-${i + 1}`, text: text.out.toString(), inspection: 'office' };
    if (text.out.truncated) yield truncatedPart(at);
    yield* errors;
  }
}

/** Slide part names in show order: `p:sldIdLst` through the presentation's relationships, else by number. */
async function slideParts(pkg: OfficePackage): Promise<string[]> {
  const main = pkg.has('ppt/presentation.xml')
    ? 'ppt/presentation.xml'
    : await pkg.relatedPart('', 'officeDocument');
  const ids: string[] = [];
  if (main) {
    await pkg.read(main, {
      open(name, raw) {
        if (name === 'sldId') {
          const id = relationshipId(attributes(raw));
          if (id) ids.push(id);
        }
      },
      close() {},
      text() {},
    });
    const { rels } = await pkg.relationships(main);
    const ordered = ids.flatMap((id) => {
      const r = rels.get(id);
      return r && !r.external ? [r.target] : [];
    });
    if (ordered.length > 0) return ordered;
  }
  return pkg.matching(/^ppt\/slides\/slide\d+\.xml$/i).map((e) => e.fileName);
}

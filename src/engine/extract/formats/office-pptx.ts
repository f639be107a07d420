import { FlowText, OOXML } from './office-flow.js';
import { type OfficePackage, wasRead } from './office-package.js';
import { streamedText, type XmlText } from './office-stream.js';
import { attributes, relationshipId } from './office-xml.js';
import type { Part } from './types.js';

/**
 * A presentation (pptx, pptm, potx): one text per slide, `deck.pptx!/slide-3`, in the order the deck shows
 * them, with the slide's speaker notes after its own text, handed on as they are read. A slide that cannot
 * be read is an error for that slide; the others are still scanned.
 */
export async function* pptxParts(pkg: OfficePackage): AsyncIterable<Part> {
  const slides = await slideParts(pkg);
  for (const [i, slide] of slides.entries()) {
    const at = `${pkg.path}!/slide-${i + 1}`;
    // One handler for the slide and its notes, as one text.
    const text = new FlowText(OOXML);
    const parts: XmlText[] = [{ part: slide, handler: text }];
    const notes = await pkg.relatedPart(slide, 'notesSlide');
    if (notes && pkg.has(notes)) parts.push({ part: notes, handler: text, before: () => text.out.add('\n') });
    yield* streamedText(pkg, `slide-${i + 1}`, text.out, parts, {
      reportAt: at,
      starters: 1,
      read: (error) => wasRead(error) && pkg.has(slide),
    });
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

import type { ExpansionBudget } from '../limits.js';
import { docxParts } from './office-docx.js';
import { odfEncrypted, odsParts, odtParts } from './office-odf.js';
import { errorPart, OfficePackage } from './office-package.js';
import { pptxParts } from './office-pptx.js';
import { xlsxParts } from './office-xlsx.js';
import type { Part } from './types.js';
import type { ZipArchive } from './zip.js';

type OfficeKind = 'docx' | 'xlsx' | 'pptx' | 'odf';

/** Each OOXML kind: its main part, and the folder that marks it even when the main part is missing. */
const OOXML_KINDS = [
  { kind: 'docx', main: 'word/document.xml', folder: 'word/' },
  { kind: 'xlsx', main: 'xl/workbook.xml', folder: 'xl/' },
  { kind: 'pptx', main: 'ppt/presentation.xml', folder: 'ppt/' },
] as const;

const ODF_MIME = 'application/vnd.oasis.opendocument.';

/** What reading a document needs beyond its zip; each has a default for tests. */
export interface OfficeOptions {
  /** The top-level file's expansion budget, charged with a workbook's shared strings as they are read. */
  budget?: ExpansionBudget;
  /** Where a scratch file (shared strings past their memory cap) is never named; null: none is made. */
  scratchRoots?: readonly string[] | null;
  /** Characters of a workbook's shared strings held in memory before the rest go to a scratch file. */
  sharedStringsMemoryChars?: number;
}

/**
 * Office documents are zips with a known layout: their text is scanned instead of their raw XML members.
 * Recognised by entries, never by file name: OOXML (docx, xlsx, pptx and their macro and template kinds) by
 * `[Content_Types].xml` and its main part; ODF by a `mimetype` entry beside `content.xml`. Returns null for an
 * ordinary zip. Objects embedded in an OOXML document (`word/embeddings/*.xlsx`), and any entry that is not
 * part of the document's own structure, are yielded as members, so they are opened and scanned in turn.
 */
export function officeParts(
  zip: ZipArchive,
  path: string,
  options: OfficeOptions = {},
): AsyncIterable<Part> | null {
  const pkg = new OfficePackage(zip, path, options.budget);
  const kind = officeKind(pkg);
  if (kind === null) return null;
  return kind === 'odf' ? odfParts(pkg) : ooxmlParts(pkg, kind, options);
}

function officeKind(pkg: OfficePackage): OfficeKind | null {
  if (pkg.has('[Content_Types].xml')) {
    for (const k of OOXML_KINDS) if (pkg.has(k.main)) return k.kind;
    const names = pkg.zip.entries.map((e) => e.fileName.toLowerCase());
    for (const k of OOXML_KINDS) if (names.some((n) => n.startsWith(k.folder))) return k.kind;
  }
  if (pkg.has('mimetype') && (pkg.has('content.xml') || pkg.has('META-INF/manifest.xml'))) return 'odf';
  return null;
}

async function* ooxmlParts(
  pkg: OfficePackage,
  kind: Exclude<OfficeKind, 'odf'>,
  options: OfficeOptions,
): AsyncIterable<Part> {
  if (kind === 'docx') yield* docxParts(pkg);
  else if (kind === 'xlsx')
    yield* xlsxParts(pkg, {
      roots: options.scratchRoots === undefined ? [] : options.scratchRoots,
      ...(options.sharedStringsMemoryChars !== undefined
        ? { memoryChars: options.sharedStringsMemoryChars }
        : {}),
    });
  else yield* pptxParts(pkg);
  yield* members(pkg, (name) => EMBEDDED.test(name) || !OOXML_STRUCTURE.test(name));
}

/** Objects embedded in an OOXML document: a chart's workbook, a pasted spreadsheet, an OLE object. */
const EMBEDDED = /^(?:word|xl|ppt)\/embeddings\/[^/]+$/i;
/**
 * What a package is made of, metadata included (document properties, custom XML such as SharePoint's): not
 * scanned, like the author of a file on disk. Anything else in the zip (a file added beside the document) is
 * scanned as a member, so a zip that merely looks like a document hides nothing.
 */
const OOXML_STRUCTURE = /^(?:\[Content_Types\]\.xml$|_rels\/|docProps\/|customXml\/|word\/|xl\/|ppt\/)/i;
const ODF_STRUCTURE =
  /^(?:mimetype$|content\.xml$|styles\.xml$|meta\.xml$|settings\.xml$|manifest\.rdf$|layout-cache$|META-INF\/|Thumbnails\/|Pictures\/|Configurations2\/|Object \d+\/|ObjectReplacements\/|Basic\/|Scripts\/)/i;

function* members(pkg: OfficePackage, wanted: (name: string) => boolean): Iterable<Part> {
  for (const e of pkg.zip.entries) {
    if (wanted(e.fileName)) yield { kind: 'member', name: e.fileName, source: pkg.zip.source(e) };
  }
}

async function* odfParts(pkg: OfficePackage): AsyncIterable<Part> {
  const mimetype = (await pkg.readText('mimetype'))?.trim() ?? '';
  if (!mimetype.startsWith(ODF_MIME)) {
    // A `mimetype` entry of some other zip-based format (an EPUB, say): an ordinary archive after all.
    yield* members(pkg, () => true);
    return;
  }
  if (await odfEncrypted(pkg)) {
    yield errorPart('ENCRYPTED', pkg.path, 'a password-protected OpenDocument file');
    return;
  }
  if (!pkg.has('content.xml')) {
    yield errorPart('CORRUPT', pkg.path, 'an OpenDocument file without content.xml');
    return;
  }
  // Spreadsheets are tables; text documents, presentations and drawings are flowing text.
  if (mimetype.startsWith(`${ODF_MIME}spreadsheet`)) yield* odsParts(pkg);
  else yield* odtParts(pkg);
  yield* members(pkg, (name) => !ODF_STRUCTURE.test(name));
}

import { type CFB$Blob, type CFB$Container, read } from 'cfb';
import { bufferSource } from '../byte-source.js';
import { errorPart } from './office-package.js';
import { olePackage } from './ole-package.js';
import type { Part } from './types.js';
import { xlsParts } from './xls.js';

/** `EncryptedPackage` as a directory entry name (UTF-16LE): the stream holding an encrypted OOXML file. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * A Compound File (OLE2: legacy .xls/.doc/.ppt, .msg) opened as the file system of streams it is, with
 * SheetJS's `cfb`. An Excel workbook is read cell by cell; a legacy file that says it is encrypted is
 * ENCRYPTED, since its strings are ciphertext. Parts are made as they are asked for. Anything else returns null: the caller searches the whole file
 * through its printable strings, as it does a workbook that cannot be parsed.
 */
export function compoundParts(bytes: Uint8Array, path: string): Iterable<Part> | null {
  let container: CFB$Container;
  try {
    container = read(bytes, { type: 'buffer' });
  } catch {
    // Not a well-formed compound file: its strings are all there is, unless its bytes name an
    // EncryptedPackage stream (a damaged password-protected docx/xlsx), when nothing in it can be read.
    // Only here: in a readable file the directory says which streams there are, and the same UTF-16 text
    // in a document's body is only text.
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(ENCRYPTED_PACKAGE) === -1) {
      return null;
    }
    return [errorPart('ENCRYPTED', path, 'password-protected Office document')];
  }
  const streams = rootStreams(container);
  if (streams.has('EncryptedPackage')) {
    return [errorPart('ENCRYPTED', path, 'password-protected Office document')];
  }
  const word = streams.get('WordDocument');
  if (word && wordEncrypted(word)) return [errorPart('ENCRYPTED', path, 'password-protected Word document')];
  if (streams.has('EncryptedSummary')) {
    return [errorPart('ENCRYPTED', path, 'password-protected PowerPoint presentation')];
  }
  const workbook = streams.get('Workbook') ?? streams.get('Book');
  if (!workbook) return null;
  const sheets = xlsParts(workbook, path);
  if (sheets === null) return null;
  return (function* () {
    yield* sheets; // one sheet at a time, as the caller scans them
    yield* embeddedStreams(container);
  })();
}

/** Streams at the top of the file, by name. */
function rootStreams(container: CFB$Container): Map<string, Uint8Array> {
  const streams = new Map<string, Uint8Array>();
  container.FileIndex.forEach((entry, i) => {
    const path = container.FullPaths[i] ?? '';
    if (entry.type === 2 && path.split('/').length === 2 && entry.content) {
      streams.set(entry.name, asBytes(entry.content));
    }
  });
  return streams;
}

/** Word's File Information Block: `wIdent` 0xA5EC, then at 0x0A the flags with fEncrypted (0x0100). */
function wordEncrypted(stream: Uint8Array): boolean {
  if (stream.length < 0x0c || (stream[0] as number) !== 0xec || (stream[1] as number) !== 0xa5) return false;
  return ((stream[0x0b] as number) & 0x01) !== 0;
}

/**
 * What a workbook is made of besides its cells: the workbook stream, macros and pivot caches. Not scanned,
 * as an .xlsx's own parts are not.
 */
const WORKBOOK_STRUCTURE = /^(?:Workbook|Book)$|^(?:_VBA_PROJECT_CUR|_SX_DB_CUR)\//;

/**
 * OLE plumbing and metadata beside an embedded object or the document (MS-OLEDS, MS-OLEPS): the object's
 * class and link data, its cached picture, print settings, and property sets (`\x05SummaryInformation`,
 * `\x05DocumentSummaryInformation` and custom ones, all `\x05…`). Not the object's content. Any other name,
 * even one starting with a control character, may hold what was embedded, and is scanned.
 */
function isOleInternal(leaf: string): boolean {
  const rest = leaf.slice(1);
  switch (leaf.charCodeAt(0)) {
    case 0x01:
      // Sh33tJ5: the marker stream SheetJS writes into every compound file it creates.
      return rest === 'CompObj' || rest === 'Ole' || rest === 'Ole10ItemName' || rest === 'Sh33tJ5';
    case 0x02:
      return /^OlePres\d*$/.test(rest);
    case 0x03:
      return rest === 'ObjInfo' || rest === 'EPRINT' || rest === 'LinkInfo' || rest === 'OCXNAME';
    case 0x05:
      return true;
    default:
      return false;
  }
}

/** `\x01Ole10Native`: a file embedded as an OLE Package, opened as the file it holds. */
const OLE10_NATIVE = `${String.fromCharCode(1)}Ole10Native`;

/**
 * Every other stream of the workbook (objects embedded in it, `MBD0001/Package` holding a pasted .docx, a
 * file dropped in as a Package) as a member, so it is opened and scanned in turn and a workbook hides
 * nothing beside its cells.
 */
function embeddedStreams(container: CFB$Container): Part[] {
  const parts: Part[] = [];
  container.FileIndex.forEach((entry, i) => {
    const name = (container.FullPaths[i] ?? '').replace(/^[^/]*\//, '');
    const slash = name.lastIndexOf('/');
    const leaf = name.slice(slash + 1);
    if (entry.type !== 2 || !entry.content || WORKBOOK_STRUCTURE.test(name) || isOleInternal(leaf)) {
      return;
    }
    const content = asBytes(entry.content);
    if (leaf === OLE10_NATIVE) {
      // Named after the file it holds (`MBD0001/customers.csv`), else after the stream, without its \x01.
      const pkg = olePackage(content);
      const member = `${name.slice(0, slash + 1)}${pkg.name ?? leaf.slice(1)}`;
      parts.push({ kind: 'member', name: member, source: bufferSource(pkg.data) });
      return;
    }
    parts.push({ kind: 'member', name, source: bufferSource(content) });
  });
  return parts;
}

function asBytes(content: CFB$Blob): Uint8Array {
  return content instanceof Uint8Array ? content : Uint8Array.from(content as ArrayLike<number>);
}

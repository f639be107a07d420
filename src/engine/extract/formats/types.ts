import type { Inspection } from '../../../model/vocabulary.js';
import type { ByteSource } from '../byte-source.js';
import type { ExtractError } from '../limits.js';

/**
 * What a format extractor finds inside one input: a nested file (sniffed and scanned again, so a zip in a tar
 * is opened too), text it decoded (a PDF page, a mail body), text it writes as the scan reads it (a document's
 * paragraphs, a sheet's comments), or a part it could not read (an encrypted member), which becomes an error
 * for that part while the rest goes on. A `stream` is scanned as `text` is, but is never whole in memory, and
 * its UTF-8 counts against the expansion budget as it is read, as a member's bytes do; it is no member (not
 * counted as one, never sniffed). A `name` of null is the input itself (a Word document's text).
 */
export type Part =
  | { kind: 'member'; name: string; source: ByteSource; inspection?: Inspection }
  | { kind: 'text'; name: string | null; text: string; inspection: Inspection }
  | { kind: 'stream'; name: string | null; source: ByteSource; inspection: Inspection }
  | { kind: 'error'; error: ExtractError };

/** A document extractor: whole bytes in (bounded by the buffered-size limit), parts out. */
export type DocumentExtractor = (bytes: Uint8Array, path: string) => AsyncIterable<Part>;

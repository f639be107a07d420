import type { Inspection } from '../../../model/vocabulary.js';
import type { ByteSource } from '../byte-source.js';
import type { ExtractError } from '../limits.js';

/**
 * What a format extractor finds inside one input: a nested file (sniffed and scanned again, so a zip in a tar
 * is opened too), text it decoded (a PDF page, a database table as CSV, a mail body), or a part it could not
 * read (an encrypted member), which becomes an error for that part while the rest goes on.
 */
export type Part =
  | { kind: 'member'; name: string; source: ByteSource; inspection?: Inspection }
  | { kind: 'text'; name: string | null; text: string; inspection: Inspection }
  | { kind: 'error'; error: ExtractError };

/** A document extractor: whole bytes in (bounded by the buffered-size limit), parts out. */
export type DocumentExtractor = (bytes: Uint8Array, path: string) => AsyncIterable<Part>;

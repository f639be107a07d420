import type { Format } from './sniff-format.js';
import type { DocumentExtractor, Part } from './types.js';
import type { ZipArchive } from './zip.js';

/**
 * Document formats read whole and turned into parts. A format missing here is reported as not inspected
 * (UNSUPPORTED), never passed as clean.
 */
export const DOCUMENT_EXTRACTORS: Partial<Record<Format, DocumentExtractor>> = {};

/** Office documents are zips with a known layout; null when the zip is an ordinary archive. */
export function officeParts(_zip: ZipArchive, _path: string): AsyncIterable<Part> | null {
  return null;
}

import { emailParts } from './email.js';
import { mboxParts } from './mbox.js';
import { pdfParts } from './pdf.js';
import type { Format } from './sniff-format.js';
import type { DocumentExtractor } from './types.js';

/**
 * Document formats read whole and turned into parts. A format missing here (and not read otherwise: archives,
 * Compound Files and SQLite databases, which scan-entry opens itself) is reported as not inspected
 * (UNSUPPORTED), never passed as clean.
 */
export const DOCUMENT_EXTRACTORS: Partial<Record<Format, DocumentExtractor>> = {
  pdf: pdfParts,
  email: emailParts,
  mbox: mboxParts,
};

/** Office documents are zips with a known layout; null when the zip is an ordinary archive. */
export { officeParts } from './office.js';

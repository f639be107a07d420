import type { PathLike } from 'node:fs';
import { fileErrorMessage } from '../model/errors.js';
import type { FileError, FileResult } from '../model/finding.js';
import type { Inspection } from '../model/vocabulary.js';
import type { CompiledRule } from '../rulepack/compiled.js';
import { ownerMatcher } from './classify/owner-pack.js';
import { type ByteSource, bufferSource } from './extract/byte-source.js';
import { compoundParts } from './extract/formats/compound-file.js';
import { gunzipSource } from './extract/formats/gzip.js';
import { DOCUMENT_EXTRACTORS, officeParts } from './extract/formats/index.js';
import type { OfficeOptions } from './extract/formats/office.js';
import { checkPdfExpansion } from './extract/formats/pdf.js';
import { sniffFormat, UNREAD_FORMATS } from './extract/formats/sniff-format.js';
import { sqliteTables } from './extract/formats/sqlite.js';
import { tarMembers } from './extract/formats/tar.js';
import type { Part } from './extract/formats/types.js';
import { openZip } from './extract/formats/zip.js';
import { type ExpansionBudget, ExtractError } from './extract/limits.js';
import { type Peeked, peek, readAll } from './extract/peek.js';
import { bytesRandomAccess, fileRandomAccess } from './extract/random-access.js';
import { stringsText } from './extract/strings-segments.js';
import { scanWithOwnerContent } from './owner-content.js';
import { type StreamScanOptions, scanStream } from './scan-stream.js';

/** One thing to scan: a file on disk, or a member or part of one (`outer.zip!/inner.tar!/export.csv`). */
export interface Entry {
  path: string;
  source: ByteSource;
  /** Set for a top-level file on disk: archives that need random access are opened from it, not buffered. */
  filePath?: PathLike;
  /** Containers above this entry. */
  depth: number;
  /** The extractor that made this entry's text (a table, a sheet): it is scanned as text, never sniffed. */
  inspection?: Inspection;
}

export interface EntryContext {
  rules: readonly CompiledRule[];
  options: StreamScanOptions;
  budget: ExpansionBudget;
  /** For office documents: where a scratch file may be made, and what a workbook's strings may hold. */
  office: Omit<OfficeOptions, 'budget'>;
  started: number;
  results: FileResult[];
  errors: FileError[];
  timedOut: boolean;
}

/**
 * Scans an entry by what its bytes are, not by its name: archives are opened and their members scanned in
 * turn, documents are turned into text, everything else is scanned as text or printable strings. A member
 * that cannot be read becomes an error for that member; a spent budget stops the whole top-level file.
 */
export async function scanEntry(entry: Entry, ctx: EntryContext): Promise<void> {
  if (ctx.timedOut) return;
  // With an owner's fingerprint pack that lists files, the entry's bytes are fingerprinted as they are read.
  const owner = ctx.options.ownerPrints ? ownerMatcher(ctx.options.ownerPrints) : null;
  if (owner?.hasFiles()) return scanWithOwnerContent(entry, ctx, owner, (e) => scanByFormat(e, ctx));
  return scanByFormat(entry, ctx);
}

async function scanByFormat(entry: Entry, ctx: EntryContext): Promise<void> {
  const input = await peek(entry.source);
  try {
    await scanPeeked(entry, input, ctx);
  } finally {
    await input.release();
  }
}

async function scanPeeked(entry: Entry, input: Peeked, ctx: EntryContext): Promise<void> {
  // Text an extractor made (a table, a sheet) is text whatever it starts with: `%PDF-` or `From:` in a
  // sheet's first cell is data, not a document to open.
  if (entry.inspection !== undefined) return scanText(entry.path, input, ctx, entry.inspection);
  const format = sniffFormat(input.head);
  // Opening a container is one level more: `a.zip` is 1, `a.zip!/b.tar` 2, `a.tgz` (gzip, then tar) 2. A gzip
  // layer counts although its path does not show it, so a gzip of a gzip of … stops at the depth limit.
  if (format !== null) ctx.budget.enter(entry.depth + 1, entry.path);
  switch (format) {
    case 'gzip':
      // Transparent: `export.csv.gz` is reported as itself, `backup.tgz` shows its tar members below it.
      return scanEntry(
        {
          ...entry,
          depth: entry.depth + 1,
          filePath: undefined,
          source: metered(gunzipSource(input.source, entry.path), entry.path, ctx),
        },
        ctx,
      );
    case 'zip':
      return scanZip(entry, input.source, ctx);
    case 'tar':
      for await (const member of tarMembers(input.source, entry.path)) {
        await scanPart({ kind: 'member', ...member }, entry, ctx);
        if (ctx.timedOut) return;
      }
      return;
    case 'cfb':
      return scanCompoundFile(entry, input, ctx);
    case 'sqlite':
      return scanSqlite(entry, input.source, ctx);
    case null:
      return scanText(entry.path, input, ctx, entry.inspection);
    default: {
      if (format in UNREAD_FORMATS) {
        const what = UNREAD_FORMATS[format as keyof typeof UNREAD_FORMATS];
        throw new ExtractError('UNSUPPORTED', entry.path, `unsupported format: ${what}`);
      }
      const extractor = DOCUMENT_EXTRACTORS[format];
      if (!extractor)
        throw new ExtractError('UNSUPPORTED', entry.path, `${format} files are not supported yet`);
      ctx.budget.buffered(entry.source.size, entry.path);
      const bytes = await readAll(input.source);
      if (format === 'pdf') await checkPdfExpansion(bytes, entry.path, ctx.budget);
      for await (const part of extractor(bytes, entry.path)) {
        await scanPart(part, entry, ctx);
        if (ctx.timedOut) return;
      }
    }
  }
}

/**
 * A Compound File (legacy .doc/.xls/.ppt, .msg). A legacy Excel workbook is read cell by cell; a file that
 * says it is encrypted (a password-protected docx/xlsx holding an encrypted package, an .xls with FILEPASS,
 * a .doc with its FIB's encrypted bit, a .ppt with an encrypted summary) is listed as ENCRYPTED rather than
 * passed as clean. Anything else, and a workbook that cannot be parsed, is searched through its printable
 * strings, where legacy Office keeps its text.
 */
async function scanCompoundFile(entry: Entry, input: Peeked, ctx: EntryContext): Promise<void> {
  ctx.budget.buffered(entry.source.size, entry.path);
  const bytes = Buffer.from(await readAll(input.source));
  const parts = compoundParts(bytes, entry.path);
  if (parts === null) {
    const text = stringsText(bytes);
    await scanText(entry.path, await peek(bufferSource(new TextEncoder().encode(text))), ctx, 'strings');
    return;
  }
  for (const part of parts) {
    // Text made from a few bytes counts against the expansion budget, as inflated bytes do: a sheet's (a
    // member) and its notes (a stream), piece by piece as they are read (one small record can repeat a
    // 65,535-character shared string); a broken sheet's strings here, whole.
    if (part.kind === 'text') ctx.budget.bytes(part.text.length, `${entry.path}!/${part.name}`);
    await scanPart(part, entry, ctx);
    if (ctx.timedOut) return;
  }
}

/**
 * What a format read out of order is opened from: a top-level file from its path, never buffered; anything
 * else (an archive member, a gzip's content, a remote file) read into memory, within the buffered-size limit.
 */
async function randomAccessInput(
  entry: Entry,
  source: ByteSource,
  ctx: EntryContext,
): Promise<{ filePath: PathLike } | { bytes: Uint8Array }> {
  if (entry.filePath !== undefined) return { filePath: entry.filePath };
  ctx.budget.buffered(entry.source.size, entry.path);
  return { bytes: await readAll(source) };
}

async function scanZip(entry: Entry, source: ByteSource, ctx: EntryContext): Promise<void> {
  const zip = await openZip(await randomAccessInput(entry, source, ctx), entry.path, ctx.budget);
  try {
    const parts: AsyncIterable<Part> =
      officeParts(zip, entry.path, { ...ctx.office, budget: ctx.budget }) ??
      (async function* () {
        for (const e of zip.entries)
          yield { kind: 'member', name: e.fileName, source: zip.source(e) } as Part;
      })();
    for await (const part of parts) {
      await scanPart(part, entry, ctx);
      if (ctx.timedOut) return;
    }
  } finally {
    await zip.close();
  }
}

/** A SQLite database, its pages read on demand: a database file on disk of any size in the memory of a few pages. */
async function scanSqlite(entry: Entry, source: ByteSource, ctx: EntryContext): Promise<void> {
  const input = await randomAccessInput(entry, source, ctx);
  const file =
    'filePath' in input
      ? fileRandomAccess(input.filePath, entry.source.size)
      : bytesRandomAccess(input.bytes);
  try {
    for await (const part of sqliteTables(file, entry.path)) {
      await scanPart(part, entry, ctx);
      if (ctx.timedOut) return;
    }
  } finally {
    file.close();
  }
}

async function scanPart(part: Part, parent: Entry, ctx: EntryContext): Promise<void> {
  if (part.kind === 'error') {
    ctx.errors.push(asFileError(part.error));
    return;
  }
  const path = part.kind !== 'member' && part.name === null ? parent.path : `${parent.path}!/${part.name}`;
  try {
    if (part.kind === 'text') {
      const input = await peek(bufferSource(new TextEncoder().encode(part.text)));
      await scanText(path, input, ctx, part.inspection);
      return;
    }
    if (part.kind === 'stream') {
      const input = await peek(metered(part.source, path, ctx));
      try {
        await scanText(path, input, ctx, part.inspection);
      } finally {
        await input.release();
      }
      return;
    }
    ctx.budget.member(path);
    const inspection = part.inspection ? { inspection: part.inspection } : {};
    await scanEntry(
      { path, source: metered(part.source, path, ctx), depth: parent.depth + 1, ...inspection },
      ctx,
    );
  } catch (e) {
    if (!(e instanceof ExtractError) || e.stopsFile) throw e;
    ctx.errors.push(asFileError(e));
  }
}

async function scanText(
  path: string,
  input: Peeked,
  ctx: EntryContext,
  inspection?: Inspection,
): Promise<void> {
  const scanned = await scanStream(path, input, ctx.rules, ctx.options, {
    started: ctx.started,
    ...(inspection ? { inspection } : {}),
  });
  ctx.results.push(scanned.result);
  if (scanned.timedOut) ctx.timedOut = true;
}

/** Counts every byte a member expands to against the top-level file's budget. */
function metered(source: ByteSource, path: string, ctx: EntryContext): ByteSource {
  return {
    size: source.size,
    async *chunks() {
      for await (const chunk of source.chunks()) {
        ctx.budget.bytes(chunk.length, path);
        yield chunk;
      }
    },
  };
}

export function asFileError(e: ExtractError): FileError {
  return { path: e.path, code: e.code, message: fileErrorMessage(e.code, { detail: e.detail }) };
}

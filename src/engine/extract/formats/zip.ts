import type { PathLike } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import type { ByteSource } from '../byte-source.js';
import { type ExpansionBudget, ExtractError } from '../limits.js';

export interface ZipArchive {
  /** File entries (directories left out), in central-directory order. */
  entries: Entry[];
  /** Streams one entry's uncompressed bytes. */
  source(entry: Entry): ByteSource;
  /** Reads one entry whole (office parts, nested archives): bounded by the buffered-size limit. */
  read(entry: Entry): Promise<Uint8Array>;
  /** Resolves once the file handle is closed (yauzl closes it asynchronously). */
  close(): Promise<void>;
}

const OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: true,
  validateEntrySizes: true,
  strictFileNames: false,
};

/**
 * Opens a zip (zip64 included) from a file on disk, or from memory for a nested one, and reads its central
 * directory. Rejects the overlapping-entry trick of non-recursive zip bombs, where many entries share one
 * compressed stream: a local header that starts inside an earlier entry's data is not a real archive.
 */
export async function openZip(
  input: { filePath: PathLike } | { bytes: Uint8Array },
  path: string,
  budget: ExpansionBudget,
): Promise<ZipArchive> {
  // Loaded on first use: most trees hold no zip, and each worker thread starts faster without it.
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z?: ZipFile) => (err || !z ? reject(err) : resolve(z));
    // yauzl passes the path to fs.open, which takes bytes as well as text.
    if ('filePath' in input) yauzl.open(input.filePath as string, OPTIONS, done);
    else
      yauzl.fromBuffer(
        Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.length),
        OPTIONS,
        done,
      );
  }).catch((e: unknown) => {
    throw new ExtractError('CORRUPT', path, `not a readable zip: ${reason(e)}`);
  });
  try {
    const entries = await readDirectory(zip, path, budget);
    return {
      entries,
      source: (entry) => entrySource(zip, entry, `${path}!/${entry.fileName}`),
      read: async (entry) => {
        const memberPath = `${path}!/${entry.fileName}`;
        budget.buffered(entry.uncompressedSize, memberPath);
        const parts: Uint8Array[] = [];
        for await (const chunk of entrySource(zip, entry, memberPath).chunks()) parts.push(chunk);
        return Buffer.concat(parts);
      },
      close: () => closeZip(zip, 'filePath' in input),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** yauzl closes an opened file's descriptor asynchronously and says so with 'close'; in memory there is none. */
function closeZip(zip: ZipFile, fromFile: boolean): Promise<void> {
  if (!zip.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    if (fromFile) {
      // 'close' waits for member streams to end; one abandoned mid-read (a limit hit) may never end it.
      const timer = setTimeout(resolve, 1000);
      zip.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    }
    zip.close();
    if (!fromFile) resolve();
  });
}

async function readDirectory(zip: ZipFile, path: string, budget: ExpansionBudget): Promise<Entry[]> {
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      try {
        // A directory listing thousands of entries is refused before any is read; each member is counted
        // when it is scanned.
        budget.checkMembers(entries.length, `${path}!/${entry.fileName}`);
      } catch (e) {
        reject(e);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (e: unknown) =>
      reject(new ExtractError('CORRUPT', path, `bad zip directory: ${reason(e)}`)),
    );
    zip.readEntry();
  });
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1] as Entry;
    const next = byOffset[i] as Entry;
    if (next.relativeOffsetOfLocalHeader < prev.relativeOffsetOfLocalHeader + 30 + prev.compressedSize) {
      throw new ExtractError('LIMIT', path, `overlapping zip entries (a zip bomb) at ${path}`, true);
    }
  }
  return entries;
}

function entrySource(zip: ZipFile, entry: Entry, memberPath: string): ByteSource {
  return {
    size: entry.uncompressedSize,
    async *chunks() {
      if (entry.isEncrypted()) throw new ExtractError('ENCRYPTED', memberPath, 'encrypted zip member');
      if (!entry.canDecodeFileData()) {
        throw new ExtractError(
          'UNSUPPORTED',
          memberPath,
          `zip compression method ${entry.compressionMethod}`,
        );
      }
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
      ).catch((e: unknown) => {
        throw new ExtractError('CORRUPT', memberPath, reason(e));
      });
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (e) {
        throw new ExtractError('CORRUPT', memberPath, reason(e));
      }
    },
  };
}

/** yauzl's messages name offsets and sizes, never file content: safe to report. */
function reason(e: unknown): string {
  return e instanceof Error ? e.message : 'unreadable';
}

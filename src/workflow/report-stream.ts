import { closeSync, openSync, readSync } from 'node:fs';
import { JSONParser } from '@streamparser/json';
import { ResidueError } from '../model/errors.js';
import type { FileResult } from '../model/finding.js';
import { type Report, SCHEMA_VERSION } from '../model/report.js';

/**
 * Reads an earlier JSON report in chunks, handing each entry of `files` to a callback as it is parsed and
 * keeping only the other top-level fields. Reading the file whole costs about four times its size in memory,
 * and a report over ~512 MiB (V8's string limit) — which `scan` writes in pieces — could not be read at all.
 *
 * The checks are those the workflows rely on — schemaVersion 1, the lists they walk, the fingerprint key id
 * — and the rest is trusted, as the report is residue's own output. They are made once the whole file is
 * read, in a fixed order, so a file gets the same error whatever the order of its keys. Every problem is a
 * ResidueError (exit 2). Entries handed over before a later problem is found are the caller's to discard.
 */

/** A report without its `files`. */
export type ReportHead = Omit<Report, 'files'>;

const CHUNK_BYTES = 1024 * 1024;

/** Streams the report at `path`: calls `onFile` for each entry of `files`, in order; returns the rest. */
export function streamReportFile(
  path: string,
  onFile: (file: FileResult) => void,
  chunkBytes = CHUNK_BYTES,
): ReportHead {
  const reader = new ReportReader(path, onFile);
  for (const chunk of chunksOf(path, chunkBytes)) reader.write(chunk);
  return reader.end();
}

/**
 * The bytes of the file at `path`, a chunk at a time, each valid until the next is asked for (the buffer is
 * reused). The file is closed at the end or when the caller stops early. Failures to read are REPORT_FILE.
 */
export function* chunksOf(path: string, chunkBytes = CHUNK_BYTES): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buffer, 0, chunkBytes, null);
      } catch (e) {
        throw cannotRead(path, e);
      }
      if (got === 0) return;
      yield buffer.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
}

function cannotRead(path: string, e: unknown): ResidueError {
  return new ResidueError('REPORT_FILE', {
    path,
    detail: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
  });
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;

/** Push-style: write() the bytes in any chunks, then end(). */
export class ReportReader {
  // `$.files.*` hands over each file; `$.*` every other top-level value. Emitted values are dropped from
  // their parent (keepStack: false), except the files, whose parent `files` is itself emitted: onValue
  // drops those, or the list would grow to the whole report.
  private readonly parser = new JSONParser({ paths: ['$.*', '$.files.*'], keepStack: false });
  private readonly head = new Map<string, unknown>();
  /** The first byte that is not JSON whitespace: the root's type, for a valid document. */
  private first: number | undefined;
  private invalid = false;
  /** What a callback threw: the parser would report it as a syntax error. */
  private thrown: { error: unknown } | undefined;
  private filesIsList: boolean | undefined;
  private badEntry = false;

  constructor(
    private readonly path: string,
    private readonly onFile: (file: FileResult) => void,
  ) {
    this.parser.onError = () => {
      this.invalid = true;
    };
    this.parser.onValue = ({ value, key, parent, stack }) => {
      if (this.thrown) return;
      try {
        if (stack.length === 1) {
          if (key === 'files') this.filesIsList = Array.isArray(value);
          else if (typeof key === 'string') this.head.set(key, value);
          return;
        }
        // A member of `files`: a list entry, or a key of an object where the list should be.
        if (Array.isArray(parent)) parent.pop();
        else if (parent && key !== undefined) delete (parent as Record<string | number, unknown>)[key];
        if (!Array.isArray(parent) || this.badEntry) return;
        const file = value as Record<string, unknown> | null;
        if (
          !file ||
          typeof file !== 'object' ||
          typeof file.path !== 'string' ||
          !Array.isArray(file.findings)
        ) {
          this.badEntry = true;
          return;
        }
        this.onFile(value as unknown as FileResult);
      } catch (error) {
        this.thrown = { error };
      }
    };
  }

  write(chunk: Uint8Array): void {
    if (this.invalid) return;
    if (this.first === undefined) {
      const at = chunk.findIndex((b) => !SPACE.has(b));
      if (at !== -1) this.first = chunk[at];
    }
    this.parser.write(chunk);
    if (this.thrown) throw this.thrown.error;
  }

  /** The top-level fields but `files`, once every check has passed. */
  end(): ReportHead {
    if (!this.invalid && !this.parser.isEnded) this.parser.end();
    if (this.thrown) throw this.thrown.error;
    // A byte-order mark is refused as JSON.parse refuses it (the parser would skip it).
    if (this.invalid || this.first === undefined || this.first === 0xef) return this.fail('not valid JSON');
    if (this.first !== OPEN_BRACE) return this.fail('not a JSON object');
    const head = Object.fromEntries(this.head) as Record<string, unknown>;
    if (head.schemaVersion !== SCHEMA_VERSION) {
      return this.fail(
        `schemaVersion is ${JSON.stringify(head.schemaVersion) ?? 'missing'}, expected ${SCHEMA_VERSION}`,
      );
    }
    if (!this.filesIsList) this.fail('"files" is not a list');
    for (const key of ['errors', 'skipped'] as const) {
      if (!Array.isArray(head[key])) this.fail(`"${key}" is not a list`);
    }
    if (this.badEntry) this.fail('an entry of "files" has no path or findings');
    const keyId = (head.fingerprints as { keyId?: unknown } | undefined)?.keyId;
    if (typeof keyId !== 'string' || keyId === '')
      throw new ResidueError('REPORT_NO_KEY', { path: this.path });
    return head as unknown as ReportHead;
  }

  private fail(detail: string): never {
    throw new ResidueError('REPORT_FILE', { path: this.path, detail });
  }
}

import { Readable } from 'node:stream';
import type { ByteSource } from '../byte-source.js';
import { ExtractError } from '../limits.js';

/**
 * The regular files of a tar stream, one after another: each member is handed on as a source that must be
 * read (or abandoned) before the next is produced, so nothing is buffered or written to disk.
 */
export async function* tarMembers(
  source: ByteSource,
  path: string,
): AsyncGenerator<{ name: string; source: ByteSource }> {
  // Loaded on first use: most trees hold no tar, and each worker thread starts faster without it.
  const { extract } = await import('tar-stream');
  const tar = extract();
  const tail = { zeros: 0 };
  // Set when a member's body broke: that error is already reported for the member, not again for the tar.
  let memberBroke = false;
  Readable.from(trackTrailingZeros(source.chunks(), tail))
    .on('error', (e) => tar.destroy(e))
    .pipe(tar);
  try {
    for await (const entry of tar) {
      const { name, type, size } = entry.header;
      if (type !== 'file' && type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      let consumed = false;
      yield {
        name: safeName(name),
        source: {
          size: size ?? 0,
          async *chunks() {
            consumed = true;
            try {
              for await (const chunk of entry) yield chunk as Uint8Array;
            } catch (e) {
              // The archive ended (or broke) inside this member's body.
              memberBroke = true;
              throw corrupt(e, path);
            }
          },
        },
      };
      if (!consumed) entry.resume();
    }
  } catch (e) {
    if (memberBroke) return;
    throw corrupt(e, path);
  }
  // tar-stream stops quietly at the end of the input; a tar cut on a block boundary between members would
  // pass as complete, its later members silently missing. A whole tar ends with two zero blocks.
  if (!memberBroke && tail.zeros < END_OF_ARCHIVE) {
    throw new ExtractError('CORRUPT', path, 'no end-of-archive marker');
  }
}

/** Two 512-byte zero blocks (POSIX ustar). */
const END_OF_ARCHIVE = 1024;

function corrupt(e: unknown, path: string): ExtractError {
  if (e instanceof ExtractError) return e;
  return new ExtractError('CORRUPT', path, e instanceof Error ? e.message : 'unreadable tar');
}

/** Passes chunks through, counting how many zero bytes the stream has ended with so far. */
async function* trackTrailingZeros(
  chunks: AsyncIterable<Uint8Array>,
  tail: { zeros: number },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    let i = chunk.length - 1;
    while (i >= 0 && chunk[i] === 0) i--;
    tail.zeros = i < 0 ? tail.zeros + chunk.length : chunk.length - 1 - i;
    yield chunk;
  }
}

/** Member names are only reported, never used as paths; leading slashes and `..` are shown neutralised. */
function safeName(name: string): string {
  return name.replace(/^\/+/, '').replace(/(^|\/)\.\.(?=\/|$)/g, '$1__') || '(unnamed)';
}

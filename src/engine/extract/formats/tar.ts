import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
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
  const tar = extract();
  Readable.from(source.chunks())
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
            for await (const chunk of entry) yield chunk as Uint8Array;
          },
        },
      };
      if (!consumed) entry.resume();
    }
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('CORRUPT', path, e instanceof Error ? e.message : 'unreadable tar');
  }
}

/** Member names are only reported, never used as paths; leading slashes and `..` are shown neutralised. */
function safeName(name: string): string {
  return name.replace(/^\/+/, '').replace(/(^|\/)\.\.(?=\/|$)/g, '$1__') || '(unnamed)';
}

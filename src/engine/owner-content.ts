import type { PathLike } from 'node:fs';
import { markOwnerFile, OWNER_RULE, type OwnerMatcher } from './classify/owner-pack.js';
import { type ByteSource, fileSource } from './extract/byte-source.js';
import { Fingerprinter } from './fingerprint/keyed.js';
import type { Entry, EntryContext } from './scan-entry.js';

/**
 * Scans an entry while its bytes are fingerprinted with the owner's pack key, then marks it when they are a
 * file the owner handed over: a CSV copied as is, an archive member, a gzip's content. A top-level file
 * whose bytes the scan did not stream (a zip read by random access) is read once more to be fingerprinted.
 */
export async function scanWithOwnerContent(
  entry: Entry,
  ctx: EntryContext,
  matcher: OwnerMatcher,
  scan: (entry: Entry) => Promise<void>,
): Promise<void> {
  const hash = matcher.fingerprinter.content();
  let bytes = 0;
  let ended = false;
  const source: ByteSource = {
    size: entry.source.size,
    async *chunks() {
      for await (const chunk of entry.source.chunks()) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
      ended = true;
    },
  };
  try {
    await scan({ ...entry, source });
  } finally {
    if (!ctx.timedOut) {
      let print: string | null = ended ? hash.digest() : null;
      if (print === null && entry.filePath !== undefined)
        print = await filePrint(entry.filePath, entry.source.size, matcher);
      if (print !== null && matcher.isOwnerFile(print)) {
        const key = ctx.options.fingerprintKey;
        markOwnerFile(
          ctx.results,
          { path: entry.path, size: ended ? bytes : entry.source.size },
          {
            category: matcher.prints.fileCategory,
            maxFindings: ctx.options.maxFindings,
            ...(key ? { orgFingerprint: new Fingerprinter(key).raw(`${OWNER_RULE.file}\0${print}`) } : {}),
          },
        );
      }
    }
  }
}

async function filePrint(path: PathLike, size: number, matcher: OwnerMatcher): Promise<string | null> {
  const hash = matcher.fingerprinter.content();
  try {
    for await (const chunk of fileSource(path, size).chunks()) hash.update(chunk);
  } catch {
    return null;
  }
  return hash.digest();
}

import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ByteSource } from '../byte-source.js';
import { ExtractError } from '../limits.js';

/** The decompressed stream of a gzip file (all members); it stands in for the file at the same path. */
export function gunzipSource(source: ByteSource, path: string): ByteSource {
  return {
    size: Number.NaN,
    async *chunks() {
      const gunzip = createGunzip();
      Readable.from(source.chunks())
        .on('error', (e) => gunzip.destroy(e))
        .pipe(gunzip);
      try {
        for await (const chunk of gunzip) yield chunk as Uint8Array;
      } catch (e) {
        if (e instanceof ExtractError) throw e;
        throw new ExtractError('CORRUPT', path, e instanceof Error ? e.message : 'bad gzip stream');
      }
    },
  };
}

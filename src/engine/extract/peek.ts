import type { ByteSource } from './byte-source.js';

/** A source whose first chunk has been read to sniff it, replayed in front of the rest. */
export interface Peeked {
  head: Uint8Array;
  source: ByteSource;
  /** Bytes read from the original source so far. */
  bytesRead(): number;
  /**
   * Closes the original source (its file handle) when it was not read to the end: a zip reopened by path, a
   * scan stopped early. Harmless after a full read.
   */
  release(): Promise<void>;
}

export async function peek(source: ByteSource): Promise<Peeked> {
  const iterator = source.chunks()[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  let bytes = head.length;
  let replayed = false;
  return {
    head,
    bytesRead: () => bytes,
    release: async () => {
      await iterator.return?.();
    },
    source: {
      size: source.size,
      async *chunks() {
        if (replayed) throw new Error('a peeked source is read once');
        replayed = true;
        if (head.length > 0) yield head;
        for (let n = await iterator.next(); !n.done; n = await iterator.next()) {
          bytes += n.value.length;
          yield n.value;
        }
      },
    },
  };
}

/** Reads a source whole (nested archives, documents); callers check the size limit first. */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

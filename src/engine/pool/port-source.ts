import type { MessagePort } from 'node:worker_threads';
import type { ByteSource } from '../extract/byte-source.js';

/**
 * A file whose bytes the main thread reads (an sftp:// file: the connection lives there) scanned in a worker:
 * the worker pulls chunks over a MessagePort, one at a time, so no more than a chunk or two is ever in flight.
 * Worker → main: `pull`. Main → worker: a chunk, the end, or the code of a read error. Closing the port from
 * either side (the worker is done, stopped early or gone) stops the read.
 */
export type SourceReply = { chunk: Uint8Array } | { end: true } | { error: string };

/** Main side: answers the worker's pulls from `source` until it ends, fails or the port closes. */
export function serveSource(source: ByteSource, port: MessagePort): { close(): Promise<void> } {
  const chunks = source.chunks()[Symbol.asyncIterator]();
  let closed = false;
  // Pulls are answered in turn. Closing frees the reader at once; the source closes its handle after the read
  // in progress.
  let turn: Promise<void> = Promise.resolve();
  const finish = (): Promise<void> => {
    if (!closed) {
      closed = true;
      port.close();
      // A source that fails while closing has nothing more to give: its read errors were answered already.
      turn = turn
        .then(() => chunks.return?.())
        .then(
          () => {},
          () => {},
        );
    }
    return turn;
  };
  const answer = async (): Promise<void> => {
    if (closed) return;
    let reply: SourceReply;
    try {
      const next = await chunks.next();
      reply = next.done ? { end: true } : { chunk: ownBuffer(next.value) };
    } catch (e) {
      // Only the error's code crosses: the message of a remote error could name a path or carry server text.
      const code = (e as { code?: unknown } | undefined)?.code;
      reply = { error: typeof code === 'string' ? code : 'EIO' };
    }
    if (!closed) port.postMessage(reply);
  };
  port.on('message', () => {
    turn = turn.then(answer);
  });
  port.once('close', () => void finish());
  return { close: finish };
}

/**
 * Worker side: the bytes the main thread serves on `port`, read once, front to back. `waiting` is told when a
 * pull starts (true) and is answered (false): time spent waiting on a slow link is not the worker's.
 */
export function portSource(
  port: MessagePort,
  size: number,
  waiting: (waits: boolean) => void = () => {},
): ByteSource {
  let read = false;
  return {
    size,
    async *chunks() {
      if (read) throw new Error('a streamed source is read once');
      read = true;
      try {
        for (;;) {
          waiting(true);
          let reply: SourceReply;
          try {
            reply = await pull(port);
          } finally {
            waiting(false);
          }
          if ('end' in reply) return;
          if ('error' in reply) throw Object.assign(new Error('read failed'), { code: reply.error });
          yield reply.chunk;
        }
      } finally {
        port.close();
      }
    },
  };
}

function pull(port: MessagePort): Promise<SourceReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: SourceReply): void => {
      port.off('close', onClose);
      resolve(reply);
    };
    // The main thread closed its end: the scan was stopped, or the connection is gone.
    const onClose = (): void => {
      port.off('message', onMessage);
      reject(Object.assign(new Error('read stopped'), { code: 'ECONNRESET' }));
    };
    port.once('message', onMessage);
    port.once('close', onClose);
    port.postMessage({ pull: true });
  });
}

/**
 * The bytes in a buffer of their own. Posting a view to a worker copies its whole underlying buffer: a small
 * Buffer is a slice of Node's shared 8 KiB pool, so a 1 KiB file would carry 8 KiB.
 */
export function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

// A file's bytes served over a MessagePort (main thread) and pulled as a ByteSource (worker). Both ends run in
// this thread here; pool.test.ts runs the worker end in a real worker.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../../src/engine/extract/byte-source.js';
import { portSource, serveSource } from '../../../src/engine/pool/port-source.js';

/** A source of `chunks`, failing with `fail` after them when given; it records reads and whether it closed. */
function recordingSource(chunks: Uint8Array[], fail?: Error) {
  const seen = { reads: 0, closed: false };
  const source: ByteSource = {
    size: chunks.reduce((n, c) => n + c.length, 0),
    async *chunks() {
      try {
        for (const c of chunks) {
          seen.reads++;
          yield c;
        }
        if (fail) throw fail;
      } finally {
        seen.closed = true;
      }
    },
  };
  return { source, seen };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('serveSource / portSource', () => {
  it('hands over every chunk in order, one read per pull, then closes the source', async () => {
    const parts = ['name,dob\n', 'Jane Smith,03/04/1961\n', 'John Smith,04/05/1962\n'].map(bytes);
    const { source, seen } = recordingSource(parts);
    const { port1, port2 } = new MessageChannel();
    serveSource(source, port1);
    const got: string[] = [];
    for await (const chunk of portSource(port2, source.size).chunks()) {
      got.push(new TextDecoder().decode(chunk));
      // The main side reads a chunk only when asked: never more than the one just handed over.
      expect(seen.reads).toBe(got.length);
    }
    expect(got.join('')).toBe('name,dob\nJane Smith,03/04/1961\nJohn Smith,04/05/1962\n');
    await settle();
    expect(seen.closed).toBe(true);
  });

  it("a read error crosses as its code only, never the error's text", async () => {
    const secret = Object.assign(new Error('/home/jane/people.csv: permission denied'), { code: 'EACCES' });
    const { source } = recordingSource([bytes('a,b\n')], secret);
    const { port1, port2 } = new MessageChannel();
    serveSource(source, port1);
    const chunks = portSource(port2, source.size).chunks()[Symbol.asyncIterator]();
    await chunks.next();
    const error = await chunks.next().then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error?.code).toBe('EACCES');
    expect(error?.message).toBe('read failed');
  });

  it('a reader that stops early closes the source (its file handle) on the other side', async () => {
    const { source, seen } = recordingSource([bytes('1'), bytes('2'), bytes('3')]);
    const { port1, port2 } = new MessageChannel();
    serveSource(source, port1);
    for await (const _ of portSource(port2, source.size).chunks()) break;
    await settle();
    expect(seen.reads).toBe(1);
    expect(seen.closed).toBe(true);
  });

  it('a reader waiting when the main side closes fails at once (ECONNRESET), and a source is read once', async () => {
    let release = (): void => {};
    const hung: ByteSource = {
      size: 10,
      async *chunks() {
        await new Promise<void>((r) => {
          release = r;
        });
        yield bytes('late');
      },
    };
    const { port1, port2 } = new MessageChannel();
    const served = serveSource(hung, port1);
    const reading = portSource(port2, 10);
    const first = reading.chunks()[Symbol.asyncIterator]().next();
    await settle();
    const closing = served.close();
    const error = await first.then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error?.code).toBe('ECONNRESET');
    release();
    await closing;
    await expect(reading.chunks()[Symbol.asyncIterator]().next()).rejects.toThrow(/read once/);
  });
});

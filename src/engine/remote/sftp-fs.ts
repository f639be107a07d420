import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';

/** The few SFTP calls residue makes, as promises; errors carry errno-like codes (EACCES, ENOENT, …). */

const S_IFMT = 0o170000;
export const FILE_TYPE = {
  dir: 0o040000,
  file: 0o100000,
  link: 0o120000,
  fifo: 0o010000,
  socket: 0o140000,
  block: 0o060000,
  char: 0o020000,
} as const;

export function fileType(attrs: Attributes): number {
  return attrs.mode & S_IFMT;
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02) as the codes the rest of residue knows. */
export function remoteError(e: unknown): Error & { code: string } {
  const status = (e as { code?: unknown } | undefined)?.code;
  const code =
    status === 2
      ? 'ENOENT'
      : status === 3
        ? 'EACCES'
        : status === 6 || status === 7
          ? 'ECONNRESET'
          : typeof status === 'string'
            ? status
            : 'EIO';
  return Object.assign(new Error(`sftp: ${code}`), { code });
}

/**
 * The calls for one session. A request made on a channel that has closed is never answered by ssh2, so every
 * call still waiting when the channel ends (or made after) fails at once with ECONNRESET instead of hanging.
 */
export function sftpCalls(sftp: SFTPWrapper, closed?: Promise<void>) {
  const waiting = new Set<(e: Error) => void>();
  let ended = false;
  const end = (): void => {
    ended = true;
    for (const fail of waiting) fail(connectionLost());
    waiting.clear();
  };
  sftp.once('end', end);
  sftp.once('close', end);
  // A protocol error ends the channel; without a listener it would be thrown out of the event loop.
  sftp.on('error', end);
  closed?.then(end);
  const call = <T>(run: (cb: (err: Error | undefined | null, value: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (ended) return reject(connectionLost());
      const fail = (e: Error): void => reject(e);
      waiting.add(fail);
      try {
        run((err, value) => {
          if (!waiting.delete(fail)) return;
          if (err) reject(remoteError(err));
          else resolve(value);
        });
      } catch (e) {
        waiting.delete(fail);
        reject(remoteError(e));
      }
    });
  return {
    /** True once the channel has ended: nothing more can be read in this session. */
    ended: (): boolean => ended,
    stat: (path: string) => call<Attributes>((cb) => sftp.stat(path, cb)),
    lstat: (path: string) => call<Attributes>((cb) => sftp.lstat(path, cb)),
    realpath: (path: string) => call<string>((cb) => sftp.realpath(path, cb)),
    readdir: (path: string) => call<FileEntry[]>((cb) => sftp.readdir(path, cb)),
    open: (path: string) => call<Buffer>((cb) => sftp.open(path, 'r', cb)),
    close: (handle: Buffer) => call<void>((cb) => sftp.close(handle, (err) => cb(err, undefined))),
    read: (handle: Buffer, buffer: Buffer, length: number, position: number) =>
      call<number>((cb) =>
        sftp.read(handle, buffer, 0, length, position, (err, bytesRead) => cb(err, bytesRead)),
      ),
  };
}

function connectionLost(): Error & { code: string } {
  return Object.assign(new Error('sftp: connection lost'), { code: 'ECONNRESET' });
}

export type SftpCalls = ReturnType<typeof sftpCalls>;

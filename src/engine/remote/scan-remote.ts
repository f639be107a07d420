import { ResidueError } from '../../model/errors.js';
import type { FileError, FileResult, SkippedFile } from '../../model/finding.js';
import type { ByteSource } from '../extract/byte-source.js';
import type { Progress } from '../scan.js';
import { type FileOutcome, fileError } from '../scan-file.js';
import { inShard, type Shard } from '../walk/shard.js';
import type { WalkOptions } from '../walk/walk.js';
import { authMethods, type SshAuthOptions } from './auth.js';
import { connectSftp, HostFailure, type HostKeyAdded, type SftpSession } from './connect.js';
import { KnownHosts } from './known-hosts.js';
import { sftpCalls } from './sftp-fs.js';
import { sftpSource } from './sftp-source.js';
import { type RemoteEntry, sftpWalk } from './sftp-walk.js';
import type { SftpTarget } from './target.js';

/** Files up to this size are read several at a time from one host. */
const SMALL_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Small files in flight per host: scanned in this thread, a few (each one held in memory while it is scanned);
 * with worker threads, this many per thread, as they go in batches, up to a cap (each is an open remote file).
 */
const SMALL_FILES_IN_THREAD = 4;
const SMALL_FILES_PER_THREAD = 16;
const SMALL_FILES_MAX = 64;

/** How to reach the hosts; the command resolves defaults (~/.ssh/…, SSH_AUTH_SOCK) from the environment. */
export interface RemoteOptions {
  targets: SftpTarget[];
  auth: SshAuthOptions;
  /** known_hosts file to check host keys against (and append to with acceptNewHostKey). */
  knownHostsFile: string;
  acceptNewHostKey: boolean;
  /** Hosts scanned at once. */
  hostConcurrency: number;
  connectTimeoutMs: number;
  onHostKeyAdded?: (notice: HostKeyAdded) => void;
}

/** The parts of scan()'s options a remote scan uses. */
export interface RemoteScanInput {
  walk: WalkOptions;
  shard?: Shard;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onFile?: (result: FileResult) => void;
}

/** How the caller scans one remote file's bytes (read in this thread): here, or in a worker. */
export interface RemoteScanner {
  scan(path: string, source: ByteSource): Promise<FileOutcome>;
  /** Worker threads that scan at once; 0 when files are scanned in this thread. */
  parallel: number;
}

/** What a remote scan found besides the files' outcomes, which go to `onOutcome` as each file is done. */
export interface RemoteScanResult {
  errors: FileError[];
  skipped: SkippedFile[];
}

/**
 * Scans sftp:// roots, several hosts at once: each host is walked, then its files are read in this thread (the
 * connection lives here) and handed to `scanner`, several at a time. A host that cannot be reached, refuses the keys or drops the connection is
 * listed in `errors` under its root and the others go on; a host key that is unknown (without
 * acceptNewHostKey) or does not match stops the whole run with a ResidueError.
 */
export async function scanRemote(
  remote: RemoteOptions,
  scanner: RemoteScanner,
  input: RemoteScanInput,
  onOutcome: (outcome: FileOutcome) => void,
  started: Date,
): Promise<RemoteScanResult> {
  const knownHosts = KnownHosts.load(remote.knownHostsFile);
  const auth = authMethods(remote.auth);
  const result: RemoteScanResult = { errors: [], skipped: [] };
  const progress: Progress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, elapsedMs: 0 };
  let fatal: ResidueError | null = null;
  const sessions = new Set<SftpSession>();
  const stopped = (): boolean => fatal !== null || Boolean(input.signal?.aborted);

  const scanHost = async (target: SftpTarget): Promise<void> => {
    if (stopped()) {
      result.errors.push(fileError(target.display, 'INTERRUPTED'));
      return;
    }
    let session: SftpSession;
    try {
      session = await connectSftp(target, {
        knownHosts,
        acceptNewHostKey: remote.acceptNewHostKey,
        auth,
        timeoutMs: remote.connectTimeoutMs,
        ...(remote.onHostKeyAdded ? { onHostKeyAdded: remote.onHostKeyAdded } : {}),
      });
    } catch (e) {
      if (e instanceof ResidueError) {
        fatal ??= e;
        for (const s of sessions) s.close();
      } else if (e instanceof HostFailure) {
        const detail =
          e.code === 'AUTH_FAILED' && auth.length === 0
            ? 'no key to offer: give --identity or start ssh-agent'
            : e.detail;
        result.errors.push(fileError(target.display, e.code, { detail }));
      } else throw e;
      return;
    }
    sessions.add(session);
    try {
      await scanSession(target, session);
    } finally {
      sessions.delete(session);
      session.close();
    }
  };

  const scanSession = async (target: SftpTarget, session: SftpSession): Promise<void> => {
    const fs = sftpCalls(session.sftp, session.closed);
    const gone = (): boolean => session.lost || fs.ended();
    const files: Extract<RemoteEntry, { kind: 'file' }>[] = [];
    const lost = (): void => {
      result.errors.push(fileError(target.display, 'CONNECTION_LOST'));
    };
    for await (const entry of sftpWalk(fs, target.path, target.display, input.walk)) {
      if (gone()) return lost();
      if (input.shard && !inShard(entry.path, input.shard)) continue;
      if (entry.kind === 'file') files.push(entry);
      else if (entry.kind === 'skipped') result.skipped.push({ path: entry.path, reason: entry.reason });
      else
        result.errors.push(fileError(entry.path, entry.code, { limit: entry.limit, detail: entry.detail }));
    }
    progress.filesTotal += files.length;
    progress.bytesTotal += files.reduce((n, f) => n + f.size, 0);
    // Small files several at a time (each costs round trips more than bytes); large ones one per thread, as a
    // zip or document among them is held in memory while it is read.
    let dropped = false;
    const lane = async (queue: typeof files): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        if (dropped || gone()) {
          if (!dropped) lost();
          dropped = true;
          return;
        }
        if (stopped()) {
          done(file.size, interrupted(file.path));
          continue;
        }
        const source = sftpSource(fs, file.remotePath, file.size);
        const outcome = await scanner.scan(file.path, source);
        if (gone()) {
          // Nothing read from a dropped connection is trusted: what is left of the host is one error.
          if (!dropped) lost();
          dropped = true;
          return;
        }
        done(file.size, outcome);
      }
    };
    const small = files.filter((f) => f.size <= SMALL_FILE_BYTES);
    const large = files.filter((f) => f.size > SMALL_FILE_BYTES);
    const smallLanes =
      scanner.parallel === 0
        ? SMALL_FILES_IN_THREAD
        : Math.min(
            SMALL_FILES_MAX,
            Math.max(SMALL_FILES_IN_THREAD, scanner.parallel * SMALL_FILES_PER_THREAD),
          );
    await Promise.all([
      ...Array.from({ length: smallLanes }, () => lane(small)),
      ...Array.from({ length: Math.max(1, scanner.parallel) }, () => lane(large)),
    ]);
  };

  const done = (size: number, outcome: FileOutcome): void => {
    onOutcome(outcome);
    progress.filesDone++;
    progress.bytesDone += size;
    progress.elapsedMs = Date.now() - started.getTime();
    input.onProgress?.(progress);
    if (input.onFile) for (const r of outcome.results) input.onFile(r);
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < remote.targets.length) await scanHost(remote.targets[next++] as SftpTarget);
  };
  await Promise.all(Array.from({ length: Math.max(1, remote.hostConcurrency) }, lane));
  if (fatal) throw fatal;
  return result;
}

function interrupted(path: string): FileOutcome {
  return { path, bytes: 0, results: [], errors: [fileError(path, 'INTERRUPTED')] };
}

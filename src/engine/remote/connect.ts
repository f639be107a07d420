import ssh2, { type ServerHostKeyAlgorithm, type SFTPWrapper } from 'ssh2';
import { type FileErrorCode, ResidueError } from '../../model/errors.js';
import type { AuthMethod } from './auth.js';
import { hostName, type KnownHosts, keyFingerprint, wireKeyType } from './known-hosts.js';
import type { SftpTarget } from './target.js';

export interface ConnectOptions {
  knownHosts: KnownHosts;
  /** Accept (and record) a host not in known_hosts; a changed key is never accepted. */
  acceptNewHostKey: boolean;
  auth: AuthMethod[];
  /** Milliseconds to wait for the TCP connection and SSH handshake. */
  timeoutMs: number;
  /** Told when a new host key was accepted and recorded. */
  onHostKeyAdded?: (notice: HostKeyAdded) => void;
}

export interface HostKeyAdded {
  host: string;
  keyType: string;
  fingerprint: string;
  file: string;
}

export interface SftpSession {
  sftp: SFTPWrapper;
  close(): void;
  /** Resolves when the connection is gone (dropped, or closed). */
  closed: Promise<void>;
  /** True once the connection dropped. */
  readonly lost: boolean;
}

/** A host that could not be scanned at all, for the report's errors; host-key problems are thrown instead. */
export class HostFailure extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Known key types → the host key algorithms that yield them, asked for first. */
const ALGORITHMS_FOR_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * Connects, checks the host key against known_hosts, authenticates and opens the SFTP subsystem. Rejects
 * with HOST_KEY_UNKNOWN / HOST_KEY_MISMATCH (a ResidueError: the run stops) or a HostFailure (this host is
 * listed in the report's errors and the others go on).
 */
export function connectSftp(target: SftpTarget, o: ConnectOptions): Promise<SftpSession> {
  const client = new ssh2.Client();
  let refused: ResidueError | null = null;
  const name = hostName(target.host, target.port);
  const preferred = o.knownHosts
    .keyTypes(target.host, target.port)
    .flatMap((t) => ALGORITHMS_FOR_TYPE[t] ?? []);

  const verify = (key: Buffer): boolean => {
    const verdict = o.knownHosts.verify(target.host, target.port, key);
    const about = {
      host: name,
      file: o.knownHosts.file,
      keyType: wireKeyType(key),
      fingerprint: keyFingerprint(key),
    };
    if (verdict.status === 'known') return true;
    if (verdict.status === 'unknown' && o.acceptNewHostKey) {
      try {
        o.knownHosts.append(target.host, target.port, key);
      } catch (e) {
        refused =
          e instanceof ResidueError
            ? e
            : new ResidueError('KNOWN_HOSTS', { path: about.file, detail: 'cannot add the host' });
        return false;
      }
      o.onHostKeyAdded?.({
        host: name,
        keyType: about.keyType,
        fingerprint: about.fingerprint,
        file: about.file,
      });
      return true;
    }
    refused =
      verdict.status === 'unknown'
        ? new ResidueError('HOST_KEY_UNKNOWN', about)
        : new ResidueError('HOST_KEY_MISMATCH', {
            ...about,
            line: verdict.line,
            revoked: verdict.status === 'revoked',
          });
    return false;
  };

  return new Promise<SftpSession>((resolve, reject) => {
    let settled = false;
    let lost = false;
    let markClosed = (): void => {};
    const closed = new Promise<void>((r) => {
      markClosed = r;
    });
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(e);
    };
    client.on('error', (e: Error & { level?: string; code?: string }) => {
      if (refused) return fail(refused);
      fail(classify(e));
    });
    client.on('close', () => {
      lost = true;
      markClosed();
      fail(new HostFailure('HOST_UNREACHABLE', 'the connection was closed during the handshake'));
    });
    client.on('ready', () => {
      client.sftp((err, sftp) => {
        if (err) return fail(new HostFailure('HOST_UNREACHABLE', 'the host offers no SFTP subsystem'));
        settled = true;
        resolve({
          sftp,
          close: () => client.end(),
          closed,
          get lost() {
            return lost;
          },
        });
      });
    });
    try {
      client.connect({
        host: target.host,
        port: target.port,
        username: target.user,
        readyTimeout: o.timeoutMs,
        // A host that stops answering mid-scan is dropped after about a minute, not waited on forever.
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        hostVerifier: verify,
        ...(preferred.length > 0
          ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } }
          : {}),
        authHandler: o.auth.map((m) =>
          m.type === 'agent'
            ? { type: 'agent', username: target.user, agent: m.agent }
            : { type: 'publickey', username: target.user, key: m.key },
        ) as never,
      });
    } catch (e) {
      fail(e instanceof Error ? new HostFailure('HOST_UNREACHABLE', e.message) : new Error(String(e)));
    }
  });
}

/** One short reason per connection failure; never the server's banner or anything it sent. */
function classify(e: Error & { level?: string; code?: string }): HostFailure {
  if (e.level === 'client-authentication') {
    return new HostFailure('AUTH_FAILED', 'no key was accepted for this user');
  }
  if (e.level === 'client-timeout') return new HostFailure('HOST_UNREACHABLE', 'timed out connecting');
  switch (e.code) {
    case 'ECONNREFUSED':
      return new HostFailure('HOST_UNREACHABLE', 'connection refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HostFailure('HOST_UNREACHABLE', 'host name not found');
    case 'ETIMEDOUT':
      return new HostFailure('HOST_UNREACHABLE', 'timed out connecting');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new HostFailure('HOST_UNREACHABLE', 'no route to host');
    case 'ECONNRESET':
      return new HostFailure('HOST_UNREACHABLE', 'connection reset');
  }
  return new HostFailure(
    'HOST_UNREACHABLE',
    e.level === 'handshake' ? 'SSH handshake failed' : 'connection failed',
  );
}

import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { HostKeyAdded } from '../engine/remote/connect.js';
import type { RemoteOptions } from '../engine/remote/scan-remote.js';
import { isRemoteRoot, parseSftpUrl, readHostsFile, type SftpTarget } from '../engine/remote/target.js';
import { ResidueError } from '../model/errors.js';

/** The scan command's options for sftp:// roots (README "Remote and sharded scans"). */
export interface RemoteCommandOptions {
  /** --hosts FILE: one sftp:// URL per line. */
  hostsFile?: string;
  /** --known-hosts FILE (default ~/.ssh/known_hosts). */
  knownHosts?: string;
  acceptNewHostKey: boolean;
  /** --identity FILE (default: the agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  identity?: string;
  hostConcurrency: number;
  connectTimeoutSeconds: number;
  /** HOME, SSH_AUTH_SOCK, USER from the environment. */
  env: Record<string, string | undefined>;
  onHostKeyAdded?: (notice: HostKeyAdded) => void;
}

export const DEFAULT_HOST_CONCURRENCY = 4;
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 20;

/** True when the scan reaches hosts (sftp:// paths or --hosts). */
export function isRemoteScan(
  paths: readonly string[],
  o: Pick<RemoteCommandOptions, 'hostsFile'> | undefined,
) {
  return Boolean(o?.hostsFile) || paths.some(isRemoteRoot);
}

/**
 * Targets from the paths and the hosts file, with keys and known hosts resolved from the environment once.
 * Local paths cannot be mixed with hosts (their report paths would not say where they are): USAGE.
 */
export function remoteOptions(paths: readonly string[], o: RemoteCommandOptions): RemoteOptions {
  const local = paths.filter((p) => !isRemoteRoot(p));
  if (local.length > 0) {
    throw new ResidueError('USAGE', {
      detail: `local paths (${local[0]}) and sftp:// hosts cannot be scanned in one run; scan them separately and join the JSON reports with residue merge`,
    });
  }
  const home = o.env.HOME || homedir();
  const user = o.env.USER || o.env.LOGNAME || userInfo().username;
  const targets: SftpTarget[] = [
    ...paths.map((p) => parseSftpUrl(p, user)),
    ...(o.hostsFile ? readHostsFile(o.hostsFile, user) : []),
  ];
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.display)) throw new ResidueError('USAGE', { detail: `${t.display} is given twice` });
    seen.add(t.display);
  }
  return {
    targets,
    auth: {
      ...(o.identity !== undefined ? { identity: o.identity } : {}),
      ...(o.env.SSH_AUTH_SOCK ? { agentSocket: o.env.SSH_AUTH_SOCK } : {}),
      home,
    },
    knownHostsFile: o.knownHosts ?? join(home, '.ssh', 'known_hosts'),
    acceptNewHostKey: o.acceptNewHostKey,
    hostConcurrency: o.hostConcurrency,
    connectTimeoutMs: o.connectTimeoutSeconds * 1000,
    ...(o.onHostKeyAdded ? { onHostKeyAdded: o.onHostKeyAdded } : {}),
  };
}

import { readFileSync } from 'node:fs';
import { ResidueError } from '../../model/errors.js';

/**
 * One remote root, `sftp://user@host[:port]/path`. The path is absolute on the host; `/~/path` (or no path)
 * is relative to the user's home folder, as in OpenSSH's sftp URLs.
 */
export interface SftpTarget {
  user: string;
  /** Host name or address as written (IPv6 without brackets). */
  host: string;
  port: number;
  /** Remote path: absolute, or relative to the home folder ('.' for the home folder itself). */
  path: string;
  /** How the root is shown in the report (`roots`, and the prefix of every path under it). */
  display: string;
}

export const SFTP_PREFIX = 'sftp://';
const DEFAULT_PORT = 22;

export function isRemoteRoot(root: string): boolean {
  return root.slice(0, SFTP_PREFIX.length).toLowerCase() === SFTP_PREFIX;
}

/** Parses an sftp URL; `defaultUser` stands in for a URL without `user@`. Throws SFTP_URL. */
export function parseSftpUrl(text: string, defaultUser: string): SftpTarget {
  // A password in the URL is refused, and never repeated in the message.
  const shown = text.replace(/^(sftp:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
  const fail = (detail: string): never => {
    throw new ResidueError('SFTP_URL', { url: shown, detail });
  };
  if (!isRemoteRoot(text)) fail('not an sftp:// URL');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('not a valid URL');
  }
  if (url.password) fail('passwords in URLs are not accepted; use a key (--identity) or ssh-agent');
  if (url.search || url.hash) fail('a query or fragment is not allowed');
  if (!url.hostname) fail('no host');
  // Host names are case-insensitive; known_hosts lookups (hashed ones too) use the lower-case form, as ssh does.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  let user: string;
  let raw: string;
  try {
    user = url.username ? decodeURIComponent(url.username) : defaultUser;
    raw = decodeURIComponent(url.pathname);
  } catch {
    return fail('invalid percent-encoding');
  }
  if (raw.includes('\0')) fail('NUL in path');
  let path: string;
  if (raw === '' || raw === '/~' || raw === '/~/') path = '.';
  else if (raw.startsWith('/~/')) path = raw.slice(3).replace(/\/+$/, '') || '.';
  else path = raw.length > 1 ? raw.replace(/\/+$/, '') || '/' : raw;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const shownPath = path === '.' ? '/~' : path.startsWith('/') ? path : `/~/${path}`;
  const display = `${SFTP_PREFIX}${encodeURIComponent(user)}@${hostPart}${port === DEFAULT_PORT ? '' : `:${port}`}${shownPath === '/' ? '' : shownPath}`;
  return { user, host, port, path, display };
}

/**
 * Reads a hosts file: one sftp URL per line; blank lines and `#` comments are ignored. Each bad line is an
 * error naming its line. Throws HOSTS_FILE.
 */
export function readHostsFile(file: string, defaultUser: string): SftpTarget[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ResidueError('HOSTS_FILE', {
      path: file,
      detail: `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  const targets: SftpTarget[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const entry = line.replace(/(^|\s)#.*$/, '').trim();
    if (entry === '') continue;
    try {
      targets.push(parseSftpUrl(entry, defaultUser));
    } catch (e) {
      const detail = e instanceof ResidueError ? String(e.data.detail) : 'invalid entry';
      throw new ResidueError('HOSTS_FILE', {
        path: file,
        line: i + 1,
        detail: `${detail} (expected one sftp://user@host[:port]/path per line)`,
      });
    }
  }
  if (targets.length === 0) throw new ResidueError('HOSTS_FILE', { path: file, detail: 'no hosts in it' });
  return targets;
}

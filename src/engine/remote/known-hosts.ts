import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ResidueError } from '../../model/errors.js';

/**
 * OpenSSH known_hosts, read-only except for appending a new host (--accept-new-host-key, as OpenSSH's
 * StrictHostKeyChecking=accept-new). Host patterns may be plain, `[host]:port`, wildcards (`*`, `?`),
 * negated (`!`) or hashed (`|1|salt|hash`). `@revoked` keys are refused; `@cert-authority` lines are ignored
 * (host certificates are not supported).
 */

interface KnownHostLine {
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string[];
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { status: 'known' }
  | { status: 'unknown' }
  | { status: 'mismatch'; line: number }
  | { status: 'revoked'; line: number };

export class KnownHosts {
  private constructor(
    readonly file: string,
    private readonly lines: KnownHostLine[],
  ) {}

  /** Reads the file; a missing file is empty (every host unknown). Throws KNOWN_HOSTS when unreadable. */
  static load(file: string): KnownHosts {
    if (!existsSync(file)) return new KnownHosts(file, []);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ResidueError('KNOWN_HOSTS', {
        path: file,
        detail: `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      });
    }
    return new KnownHosts(file, parseKnownHosts(text));
  }

  /** Key types recorded for the host, in file order: asked for first, so the server offers a known key. */
  keyTypes(host: string, port: number): string[] {
    const name = hostName(host, port);
    const types = this.lines
      .filter((l) => l.marker === null && matchesHost(l.patterns, name))
      .map((l) => l.keyType);
    return [...new Set(types)];
  }

  /**
   * Whether `key` (the SSH wire encoding the server sent) is the host's key. Any other key recorded for the
   * host, of any type, makes it a mismatch: never accepted, whatever the options.
   */
  verify(host: string, port: number, key: Buffer): HostKeyVerdict {
    const name = hostName(host, port);
    const entries = this.lines.filter((l) => matchesHost(l.patterns, name));
    const revoked = entries.find((l) => l.marker === 'revoked' && sameKey(l.key, key));
    if (revoked) return { status: 'revoked', line: revoked.line };
    const plain = entries.filter((l) => l.marker === null);
    if (plain.some((l) => sameKey(l.key, key))) return { status: 'known' };
    const other = plain[0];
    return other ? { status: 'mismatch', line: other.line } : { status: 'unknown' };
  }

  /** Appends the host's key (plain host name, as `ssh -o HashKnownHosts=no` writes it) and remembers it. */
  append(host: string, port: number, key: Buffer): void {
    const name = hostName(host, port);
    const keyType = wireKeyType(key);
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const existed = existsSync(this.file);
      const text = existed ? readFileSync(this.file, 'utf8') : '';
      const sep = text === '' || text.endsWith('\n') ? '' : '\n';
      appendFileSync(this.file, `${sep}${name} ${keyType} ${key.toString('base64')}\n`, { mode: 0o600 });
      if (!existed) chmodSync(this.file, 0o600);
    } catch (e) {
      throw new ResidueError('KNOWN_HOSTS', {
        path: this.file,
        detail: `cannot add ${name} to it (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      });
    }
    this.lines.push({ line: this.lines.length + 1, marker: null, patterns: [name], keyType, key });
  }
}

/** The name OpenSSH records: `host` on port 22, `[host]:port` otherwise. */
export function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type named at the start of an SSH wire-format public key (`ssh-ed25519`). */
export function wireKeyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return length > 0 && length < 64 && key.length >= 4 + length
    ? key.subarray(4, 4 + length).toString('latin1')
    : 'unknown';
}

/** `SHA256:…` as `ssh-keygen -lf` prints it. */
export function keyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostLine['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else continue;
    }
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64) continue;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0) continue;
    out.push({ line: i + 1, marker, patterns: patterns.split(','), keyType, key });
  }
  return out;
}

/** OpenSSH's match_hostname: any positive pattern matches and no negated one does. */
function matchesHost(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('|1|')) {
      if (hashedMatches(p, name)) matched = true;
      continue;
    }
    const negated = p.startsWith('!');
    const glob = negated ? p.slice(1) : p;
    if (wildcardMatches(glob.toLowerCase(), name.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function wildcardMatches(glob: string, name: string): boolean {
  if (!glob.includes('*') && !glob.includes('?')) return glob === name;
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

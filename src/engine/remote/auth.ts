import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { ResidueError } from '../../model/errors.js';

/** Where keys come from: the command resolves these from flags and the environment, once. */
export interface SshAuthOptions {
  /** --identity: this private key only (and the agent is not asked). */
  identity?: string;
  /** SSH_AUTH_SOCK. */
  agentSocket?: string;
  /** The user's home folder, for ~/.ssh/id_ed25519 and ~/.ssh/id_rsa. */
  home?: string;
}

/** What ssh2 is given: methods tried in order. Key bytes stay in memory and are never printed. */
export type AuthMethod = { type: 'publickey'; key: Buffer } | { type: 'agent'; agent: string };

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * --identity FILE, else the agent, else the default key files that exist and need no passphrase. An
 * --identity that cannot be read or is passphrase-protected stops the run (SSH_IDENTITY); default keys that
 * cannot be used are passed over, as ssh does.
 */
export function authMethods(o: SshAuthOptions): AuthMethod[] {
  if (o.identity !== undefined) {
    const key = readKey(o.identity);
    if (key instanceof ResidueError) throw key;
    return [{ type: 'publickey', key }];
  }
  const methods: AuthMethod[] = [];
  if (o.agentSocket) methods.push({ type: 'agent', agent: o.agentSocket });
  if (o.home) {
    for (const name of DEFAULT_KEYS) {
      const key = readKey(join(o.home, '.ssh', name));
      if (!(key instanceof ResidueError)) methods.push({ type: 'publickey', key });
    }
  }
  return methods;
}

function readKey(path: string): Buffer | ResidueError {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return new ResidueError('SSH_IDENTITY', {
      path,
      detail: `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  const parsed = ssh2.utils.parseKey(bytes);
  if (parsed instanceof Error) {
    const encrypted = /passphrase|encrypted/i.test(parsed.message);
    return new ResidueError('SSH_IDENTITY', {
      path,
      detail: encrypted
        ? 'it is protected by a passphrase; load it into ssh-agent (ssh-add) and leave out --identity'
        : 'not a private key ssh2 can read (OpenSSH, PEM or PPK formats)',
    });
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return new ResidueError('SSH_IDENTITY', { path, detail: 'not a private key' });
  return bytes;
}

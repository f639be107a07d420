import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';

/** Ed25519 key pair files for signing deletion certificates: NAME.key (PKCS#8 PEM, 0600) and NAME.pub (SPKI PEM). */
export interface KeyPairPaths {
  privateKey: string;
  publicKey: string;
}

export function keyPairPaths(name: string): KeyPairPaths {
  return { privateKey: `${name}.key`, publicKey: `${name}.pub` };
}

/** Writes a fresh key pair; refuses when either file exists, and never leaves one file without the other. */
export function generateSigningKeys(name: string): KeyPairPaths {
  const paths = keyPairPaths(name);
  for (const p of [paths.privateKey, paths.publicKey])
    if (existsSync(p)) throw new ResidueError('FILE_EXISTS', { path: p });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const write = (path: string, pem: string, mode: number): void => {
    try {
      writeFileSync(path, pem, { mode, flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ResidueError('FILE_EXISTS', { path });
      throw new ResidueError('OUTPUT_WRITE', { path, detail: code ?? 'error' });
    }
  };
  write(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  try {
    write(paths.publicKey, publicKeyPem(publicKey), 0o644);
  } catch (e) {
    rmSync(paths.privateKey, { force: true });
    throw e;
  }
  return paths;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The Ed25519 private key in a PEM file. */
export function readPrivateKey(path: string): KeyObject {
  const pem = readPem(path);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ResidueError('SIGNING_KEY', { path, detail: 'not a PEM private key' });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ResidueError('SIGNING_KEY', {
      path,
      detail: `an ${String(key.asymmetricKeyType)} key, not Ed25519`,
    });
  return key;
}

/** The Ed25519 public key in a PEM file (a private key file is refused: give the .pub). */
export function readPublicKey(path: string): KeyObject {
  const pem = readPem(path);
  if (/PRIVATE KEY/.test(pem))
    throw new ResidueError('SIGNING_KEY', { path, detail: 'a private key; give the public key (.pub)' });
  const key = parsePublicKey(pem);
  if (!key) throw new ResidueError('SIGNING_KEY', { path, detail: 'not an Ed25519 public key in PEM' });
  return key;
}

/** An Ed25519 public key from PEM text, or null. */
export function parsePublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ResidueError('SIGNING_KEY', {
      path,
      detail: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
}

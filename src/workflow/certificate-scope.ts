import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { IGNORE_FILE } from '../engine/walk/walk.js';
import type { CertificateBody, CertificateScope } from './certificate.js';

/** What a certificate says about where and by whom: as the system reports it, not proven. */
export function certificateHost(env: Record<string, string | undefined>): CertificateBody['host'] {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER ?? env.USERNAME ?? 'unknown';
  }
  return { hostname: hostname(), user, platform: platform() };
}

/** The `.residueignore` of each root folder: what it leaves out is outside the certificate's scope. */
export function ignoreFilesAt(roots: readonly string[]): CertificateScope['ignoreFiles'] {
  const out: CertificateScope['ignoreFiles'] = [];
  for (const root of roots) {
    const path = join(root, IGNORE_FILE);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    const patterns = bytes
      .toString('utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    out.push({ path, sha256: sha256(bytes), patterns });
  }
  return out;
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

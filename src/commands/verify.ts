import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import { type Verification, verifyCertificate } from '../workflow/certificate.js';
import { readPublicKey } from '../workflow/certificate-keys.js';

export interface VerifyCommandOptions {
  certificate: string;
  /** The signer's public key as the verifier received it (NAME.pub), not the copy inside the certificate. */
  publicKey: string;
  /** The fingerprint pack the owner handed over, to check it is the one the scan used. */
  pack?: string;
}

/** `residue verify`: reads the files and checks the certificate; wording is the CLI's. */
export function runVerify(o: VerifyCommandOptions): Verification {
  const key = readPublicKey(o.publicKey);
  let text: string;
  try {
    text = readFileSync(o.certificate, 'utf8');
  } catch (e) {
    throw new ResidueError('CERTIFICATE_FILE', {
      path: o.certificate,
      detail: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
  let packSha256: string | undefined;
  if (o.pack !== undefined) {
    try {
      packSha256 = createHash('sha256').update(readFileSync(o.pack)).digest('hex');
    } catch (e) {
      throw new ResidueError('FINGERPRINT_PACK', {
        path: o.pack,
        detail: (e as NodeJS.ErrnoException).code ?? 'unreadable',
      });
    }
  }
  return verifyCertificate(text, key, packSha256);
}

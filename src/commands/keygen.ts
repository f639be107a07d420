import { generateSigningKeys, type KeyPairPaths } from '../workflow/certificate-keys.js';

/** `residue keygen --out NAME`: an Ed25519 key pair for signing deletion certificates. */
export function runKeygen(name: string): KeyPairPaths {
  return generateSigningKeys(name);
}

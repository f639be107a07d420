import { defaultKeyPath, keyForScan, readKey } from '../workflow/key-store.js';
import type { CliIo } from './io.js';
import { createdKeyNotice, oneOffKeyNotice } from './messages.js';

/**
 * The organisation fingerprint key for a scan or an attestation of `paths`: --key-file when given, else the
 * default key, created at first use (said on a terminal unless quiet) but never inside the tree being scanned.
 */
export function fingerprintKeyFor(
  io: CliIo,
  keyFile: string | undefined,
  paths: readonly string[],
  quiet: boolean,
): string {
  if (keyFile) return readKey(keyFile);
  const keyPath = defaultKeyPath(io.env);
  const stored = keyForScan(keyPath, paths);
  if (stored.created && io.stderrIsTTY && !quiet) io.stderr(createdKeyNotice(keyPath));
  if (stored.oneOff) io.stderr(oneOffKeyNotice(keyPath));
  return stored.key;
}

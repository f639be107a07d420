import { existsSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import { readKey } from '../workflow/key-store.js';
import { buildPack, type FingerprintPack, newPackKey, serialisePack } from '../workflow/pack.js';
import { parseColumns } from '../workflow/pack-columns.js';

export interface FingerprintCommandOptions {
  sources: string[];
  /** `surname,dob,postcode` or `surname:person-name,...`. */
  columns: string;
  table?: string;
  /** A key file for the pack (64 hex digits); a fresh random key when absent. */
  keyFile?: string;
  /** Where the organisation key lives: a pack must never carry it. */
  orgKeyPath: string;
}

/** `residue fingerprint`: the owner's pack, built from their exports; returns the pack and its file text. */
export async function runFingerprint(
  o: FingerprintCommandOptions,
): Promise<{ pack: FingerprintPack; text: string }> {
  const columns = parseColumns(o.columns);
  for (const s of o.sources) if (!existsSync(s)) throw new ResidueError('PATH_NOT_FOUND', { path: s });
  let key = newPackKey();
  if (o.keyFile) {
    key = readKey(o.keyFile);
    if (orgKey(o.orgKeyPath) === key) throw new ResidueError('PACK_KEY_IS_ORG_KEY', { path: o.keyFile });
  }
  const pack = await buildPack({
    sources: o.sources,
    columns,
    key,
    ...(o.table !== undefined ? { table: o.table } : {}),
  });
  return { pack, text: serialisePack(pack) };
}

function orgKey(path: string): string | null {
  try {
    return existsSync(path) ? readKey(path) : null;
  } catch {
    return null;
  }
}

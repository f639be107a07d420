import { readFileSync } from 'node:fs';
import { ResidueError } from '../model/errors.js';
import { type Report, SCHEMA_VERSION } from '../model/report.js';

/**
 * Reads an earlier JSON report (for `residue diff` and `scan --baseline`). Checks what the workflows rely
 * on — schemaVersion 1, the lists they walk, the fingerprint key id — and trusts the rest, as the report is
 * residue's own output. Every problem is a ResidueError (exit 2).
 */
export function readReportFile(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ResidueError('REPORT_FILE', {
      path,
      detail: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ResidueError('REPORT_FILE', { path, detail: 'not valid JSON' });
  }
  const fail = (detail: string): never => {
    throw new ResidueError('REPORT_FILE', { path, detail });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('not a JSON object');
  const r = value as Record<string, unknown>;
  if (r.schemaVersion !== SCHEMA_VERSION) {
    return fail(
      `schemaVersion is ${JSON.stringify(r.schemaVersion) ?? 'missing'}, expected ${SCHEMA_VERSION}`,
    );
  }
  for (const key of ['files', 'errors', 'skipped'] as const) {
    if (!Array.isArray(r[key])) fail(`"${key}" is not a list`);
  }
  for (const f of r.files as unknown[]) {
    const file = f as Record<string, unknown> | null;
    if (!file || typeof file.path !== 'string' || !Array.isArray(file.findings)) {
      fail('an entry of "files" has no path or findings');
    }
  }
  const keyId = (r.fingerprints as { keyId?: unknown } | undefined)?.keyId;
  if (typeof keyId !== 'string' || keyId === '') throw new ResidueError('REPORT_NO_KEY', { path });
  return value as Report;
}

/** The key id both reports share; reports made with different keys cannot be compared (exit 2). */
export function sharedKeyId(left: Report, leftName: string, right: Report, rightName: string): string {
  const leftKey = left.fingerprints?.keyId;
  const rightKey = right.fingerprints?.keyId;
  if (!leftKey) throw new ResidueError('REPORT_NO_KEY', { path: leftName });
  if (!rightKey) throw new ResidueError('REPORT_NO_KEY', { path: rightName });
  if (leftKey !== rightKey) {
    throw new ResidueError('REPORT_KEY_MISMATCH', { left: leftName, right: rightName, leftKey, rightKey });
  }
  return leftKey;
}

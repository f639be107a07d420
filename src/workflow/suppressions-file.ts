import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ResidueError, type SourcePosition } from '../model/errors.js';

/**
 * A suppressions file (`residue scan --suppressions FILE`):
 *
 * ```yaml
 * suppressions:
 *   - fingerprint: 5f0c…            # a finding's fingerprint, or a file's content fingerprint
 *     path: "test/fixtures/**"      # optional glob over report paths
 *     reason: synthetic test data   # required
 *     owner: data-protection team   # required
 *     expires: 2026-03-31           # required; suppresses through that day (UTC)
 * ```
 */
export interface SuppressionEntry {
  fingerprint: string;
  path?: string;
  reason: string;
  owner: string;
  expires: string;
  /** Position of the entry in its file (1-based). */
  line: number;
  column: number;
}

export interface SuppressionsFile {
  file: string;
  entries: SuppressionEntry[];
}

const ENTRY_KEYS = ['fingerprint', 'path', 'reason', 'owner', 'expires'] as const;
const FINGERPRINT = /^[0-9a-fA-F]{32}$/;

/** Reads and checks a suppressions file. Every problem is a ResidueError naming file:line:column (exit 2). */
export function loadSuppressions(file: string): SuppressionsFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ResidueError(
      'SUPPRESSIONS',
      { detail: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` },
      { file },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return { file };
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const fail = (node: unknown, detail: string): never => {
    const range = (node as Node | null | undefined)?.range;
    throw new ResidueError('SUPPRESSIONS', { detail }, at(range?.[0]));
  };
  const firstError = doc.errors[0];
  if (firstError) {
    throw new ResidueError(
      'SUPPRESSIONS',
      { detail: `invalid YAML (${firstError.code})` },
      at(firstError.pos[0]),
    );
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'expected a mapping with a "suppressions" list');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key !== 'suppressions') fail(pair.key, `unknown key "${key}" (expected "suppressions")`);
  }
  const list = root.get('suppressions', true);
  if (!isSeq(list)) return fail(list ?? root, '"suppressions" must be a list of entries');

  const entries: SuppressionEntry[] = [];
  for (const item of list.items) {
    if (!isMap(item)) return fail(item, 'each suppression must be a mapping');
    const fields: Record<string, { value: unknown; node: Node }> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) {
        fail(pair.key, `unknown key "${key}" (expected ${ENTRY_KEYS.join(', ')})`);
      }
      // A plain scalar is taken as written: a fingerprint of digits only must not become a number.
      const value = isScalar(pair.value)
        ? pair.value.type === 'PLAIN' && typeof pair.value.source === 'string'
          ? pair.value.source
          : pair.value.value
        : pair.value;
      fields[key] = { value, node: pair.value as Node };
    }
    const text = (key: string, required: boolean): string | undefined => {
      const f = fields[key];
      if (!f) return required ? fail(item, `missing required key "${key}"`) : undefined;
      if (typeof f.value !== 'string' || f.value.trim() === '')
        fail(f.node, `"${key}" must be a non-empty string`);
      return (f.value as string).trim();
    };
    const fingerprint = text('fingerprint', true) as string;
    if (!FINGERPRINT.test(fingerprint)) {
      fail(fields.fingerprint?.node, '"fingerprint" must be 32 hex digits, as in a JSON report');
    }
    const path = text('path', false);
    if (path !== undefined) {
      try {
        picomatch(path, { dot: true });
      } catch {
        fail(fields.path?.node, '"path" is not a valid glob');
      }
    }
    const reason = text('reason', true) as string;
    const owner = text('owner', true) as string;
    const expires = text('expires', true) as string;
    if (!isCalendarDate(expires)) fail(fields.expires?.node, '"expires" must be a date written YYYY-MM-DD');
    const pos = at(item.range?.[0]);
    entries.push({
      fingerprint: fingerprint.toLowerCase(),
      ...(path !== undefined ? { path } : {}),
      reason,
      owner,
      expires,
      line: pos.line ?? 1,
      column: pos.column ?? 1,
    });
  }
  return { file, entries };
}

/** `2026-02-30` is not a date. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

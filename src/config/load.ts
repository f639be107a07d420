import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, LineCounter, type Node, parseDocument } from 'yaml';
import { ResidueError, type SourcePosition } from '../model/errors.js';
import { FAIL_ON, isOneOf, REPORT_FORMATS } from '../model/vocabulary.js';

/** The file `residue scan` reads from the current directory when no --config is given. */
export const CONFIG_FILE = 'residue.config.yaml';

type KeyType =
  | 'string'
  | 'strings'
  | 'boolean'
  | 'count'
  | 'positive'
  | 'unit'
  | 'size'
  | 'path'
  | 'paths'
  | readonly string[];

/**
 * Every key a config file may set under `scan:`, the option it stands for (the flag's name), and its type.
 * Paths are resolved against the config file's folder, so a config works from any working directory.
 */
export const SCAN_KEYS: Readonly<Record<string, { option: string; type: KeyType }>> = {
  include: { option: 'include', type: 'strings' },
  exclude: { option: 'exclude', type: 'strings' },
  'follow-symlinks': { option: 'followSymlinks', type: 'boolean' },
  'max-file-size': { option: 'maxFileSize', type: 'size' },
  threads: { option: 'threads', type: 'count' },
  rules: { option: 'rules', type: 'paths' },
  format: { option: 'format', type: REPORT_FORMATS },
  output: { option: 'output', type: 'path' },
  'fail-on': { option: 'failOn', type: FAIL_ON },
  'fail-on-incomplete': { option: 'failOnIncomplete', type: 'boolean' },
  'min-confidence': { option: 'minConfidence', type: 'unit' },
  'time-budget': { option: 'timeBudget', type: 'positive' },
  'max-depth': { option: 'maxDepth', type: 'count' },
  'max-expanded-size': { option: 'maxExpandedSize', type: 'size' },
  'max-members': { option: 'maxMembers', type: 'count' },
  'key-file': { option: 'keyFile', type: 'path' },
  suppressions: { option: 'suppressions', type: 'path' },
  baseline: { option: 'baseline', type: 'path' },
  fingerprints: { option: 'fingerprints', type: 'path' },
  quiet: { option: 'quiet', type: 'boolean' },
  hosts: { option: 'hosts', type: 'path' },
  'host-concurrency': { option: 'hostConcurrency', type: 'count' },
  'known-hosts': { option: 'knownHosts', type: 'path' },
  'accept-new-host-key': { option: 'acceptNewHostKey', type: 'boolean' },
  identity: { option: 'identity', type: 'path' },
  'connect-timeout': { option: 'connectTimeout', type: 'count' },
};

/** Option values from a config file, keyed by option name (`failOn`), already converted. */
export type ConfigValues = Record<string, unknown>;

/**
 * Reads and checks a config file. Every problem is a ResidueError naming the file, line, column and key;
 * unknown keys are errors too (a typo must not silently do nothing).
 */
export function loadConfig(file: string, parseSize: (s: string) => number | null): ConfigValues {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ResidueError(
      'CONFIG',
      { detail: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` },
      { file },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (node: Node | null | undefined): SourcePosition => {
    if (!node?.range) return { file };
    const pos = lineCounter.linePos(node.range[0]);
    return { file, line: pos.line, column: pos.col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    throw new ResidueError(
      'CONFIG',
      { detail: `invalid YAML (${firstError.code})` },
      { file, line: pos.line, column: pos.col },
    );
  }
  const root = doc.contents;
  if (root === null || root === undefined) return {};
  if (!isMap(root))
    throw new ResidueError('CONFIG', { detail: 'expected a mapping with a "scan:" section' }, at(root));
  const out: ConfigValues = {};
  for (const pair of root.items) {
    const name = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    if (name !== 'scan') {
      throw new ResidueError(
        'CONFIG',
        { key: name, detail: 'unknown section (expected "scan")' },
        at(pair.key as Node),
      );
    }
    const section = pair.value as Node | null;
    if (section === null) continue;
    if (!isMap(section))
      throw new ResidueError('CONFIG', { key: 'scan', detail: 'expected a mapping' }, at(section));
    for (const item of section.items) {
      const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
      const spec = SCAN_KEYS[key];
      if (!spec) throw new ResidueError('CONFIG', { key, detail: 'unknown key' }, at(item.key as Node));
      const node = item.value as Node | null;
      const value = node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : null;
      out[spec.option] = convert(
        value,
        spec.type,
        key,
        at(node ?? (item.key as Node)),
        dirname(file),
        parseSize,
      );
    }
  }
  return out;
}

function convert(
  v: unknown,
  type: KeyType,
  key: string,
  where: SourcePosition,
  base: string,
  parseSize: (s: string) => number | null,
): unknown {
  const fail = (expected: string): never => {
    throw new ResidueError('CONFIG', { key, detail: `expected ${expected}` }, where);
  };
  // Rule packs: built-in names stay names; anything else is a file, relative to the config file.
  const packRef = (p: string): string => (/^[a-z0-9][a-z0-9-]*$/.test(p) ? p : resolve(base, p));
  if (Array.isArray(type)) {
    if (typeof v !== 'string' || !isOneOf(type as readonly string[], v))
      return fail(`one of ${type.join(', ')}`);
    return v;
  }
  switch (type) {
    case 'string':
      return typeof v === 'string' && v.length > 0 ? v : fail('a string');
    case 'strings':
      return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : fail('a list of strings');
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('true or false');
    case 'count':
      return Number.isInteger(v) && (v as number) >= 0 ? v : fail('a whole number');
    case 'positive':
      return Number.isInteger(v) && (v as number) >= 1 ? v : fail('a whole number from 1');
    case 'unit':
      return typeof v === 'number' && v >= 0 && v <= 1 ? v : fail('a number from 0 to 1');
    case 'size': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? parseSize(v) : null;
      return n !== null && Number.isFinite(n) && n >= 0 ? n : fail('a size such as 500M or 2GiB');
    }
    case 'path':
      return typeof v === 'string' && v.length > 0 ? resolve(base, v) : fail('a path');
    case 'paths':
      return Array.isArray(v) && v.every((s) => typeof s === 'string')
        ? v.map(packRef)
        : fail('a list of names or paths');
    default:
      return fail('a value');
  }
}

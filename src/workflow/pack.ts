import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { OwnerPrints } from '../engine/classify/owner-pack.js';
import { FINGERPRINT_ALGORITHM, Fingerprinter } from '../engine/fingerprint/keyed.js';
import { normaliseValue } from '../engine/fingerprint/normalise.js';
import { ResidueError } from '../model/errors.js';
import { CATEGORIES, type Category, isOneOf } from '../model/vocabulary.js';
import { VERSION } from '../version.js';
import type { PackColumn } from './pack-columns.js';
import { readSourceRows } from './pack-sources.js';

/**
 * An owner's fingerprint pack (`.rfp`, JSON): keyed prints of the values, records and files the owner handed
 * over, and the random key they are made with. No value in plain text. README "Proving deletion" documents
 * the format and what a holder of the pack can and cannot learn from it.
 */
export const PACK_FORMAT = 'residue-fingerprint-pack';
export const PACK_VERSION = 1;

export interface PackRecord {
  /** Fingerprinter.raw("record\0" + the sorted value prints joined by ","), under the pack key. */
  print: string;
  /** The value prints of the record's non-empty columns, sorted. */
  values: string[];
}

export interface FingerprintPack {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  algorithm: string;
  /** The pack's own random key (64 hex digits): whoever holds the pack holds it. */
  key: string;
  keyId: string;
  createdAt: string;
  tool: { name: 'residue'; version: string };
  columns: PackColumn[];
  counts: { sourceRecords: number; records: number; values: number; files: number };
  /** Distinct value prints, Fingerprinter.value(category, value), by their column's category; sorted. */
  values: Partial<Record<Category, string[]>>;
  /** Distinct records of two or more values, sorted by print. */
  records: PackRecord[];
  /** Content prints of the input files (Fingerprinter.content(), as a scan computes them); sorted. */
  files: string[];
}

/** A fresh pack key: 32 random bytes, as hex. */
export function newPackKey(): string {
  return randomBytes(32).toString('hex');
}

export interface BuildPackOptions {
  sources: string[];
  columns: PackColumn[];
  /** SQLite table to read. */
  table?: string;
  /** Pack key (64 hex digits). */
  key: string;
}

/** Reads every source and fingerprints the chosen columns of each record, and each source file as a whole. */
export async function buildPack(o: BuildPackOptions): Promise<FingerprintPack> {
  const fp = new Fingerprinter(o.key);
  const values = new Map<Category, Set<string>>();
  const records = new Map<string, string[]>();
  const files = new Set<string>();
  let sourceRecords = 0;
  const names = o.columns.map((c) => c.name);
  for (const path of o.sources) {
    sourceRecords += await readSourceRows(
      path,
      { columns: names, ...(o.table ? { table: o.table } : {}) },
      (row) => {
        const prints = new Set<string>();
        row.forEach((value, i) => {
          const category = (o.columns[i] as PackColumn).category;
          if (value === null || normaliseValue(category, value) === '') return;
          const print = fp.value(category, value);
          prints.add(print);
          const set = values.get(category) ?? new Set<string>();
          values.set(category, set.add(print));
        });
        if (prints.size < 2) return;
        const sorted = [...prints].sort();
        records.set(recordPrint(fp, sorted), sorted);
      },
    );
    files.add(await contentPrint(fp, path));
  }
  const byCategory: Partial<Record<Category, string[]>> = {};
  for (const c of CATEGORIES) {
    const set = values.get(c);
    if (set) byCategory[c] = [...set].sort();
  }
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    algorithm: FINGERPRINT_ALGORITHM,
    key: o.key,
    keyId: fp.keyId(),
    createdAt: new Date().toISOString(),
    tool: { name: 'residue', version: VERSION },
    columns: o.columns,
    counts: {
      sourceRecords,
      records: records.size,
      values: [...values.values()].reduce((n, s) => n + s.size, 0),
      files: files.size,
    },
    values: byCategory,
    records: [...records.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([print, v]) => ({ print, values: v })),
    files: [...files].sort(),
  };
}

export function recordPrint(fp: Fingerprinter, sortedValuePrints: readonly string[]): string {
  return fp.raw(`record\0${sortedValuePrints.join(',')}`);
}

async function contentPrint(fp: Fingerprinter, path: string): Promise<string> {
  const content = fp.content();
  for await (const chunk of createReadStream(path)) content.update(chunk as Buffer);
  return content.digest();
}

/** The pack as JSON: its header fields one per line, then one line per print or record (diffable, compact). */
export function serialisePack(pack: FingerprintPack): string {
  const { values, records, files, ...header } = pack;
  const lines = Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const list = (items: unknown[], indent: string): string =>
    items.length === 0
      ? '[]'
      : `[\n${items.map((x) => `${indent}${JSON.stringify(x)}`).join(',\n')}\n${indent.slice(2)}]`;
  const valueLines = Object.entries(values).map(
    ([c, prints]) => `    ${JSON.stringify(c)}: ${list(prints, '      ')}`,
  );
  lines.push(`  "values": ${valueLines.length === 0 ? '{}' : `{\n${valueLines.join(',\n')}\n  }`}`);
  lines.push(`  "records": ${list(records, '    ')}`);
  lines.push(`  "files": ${list(files, '    ')}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export interface LoadedPack {
  pack: FingerprintPack;
  /** sha256 of the pack file's bytes, as a certificate records it. */
  sha256: string;
}

const PRINT = /^[0-9a-f]{32}$/;

/** Reads and checks a pack file; any defect is a FINGERPRINT_PACK error naming it. */
export function readPack(path: string): LoadedPack {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ResidueError('FINGERPRINT_PACK', {
      path,
      detail: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
  const bad = (detail: string): ResidueError => new ResidueError('FINGERPRINT_PACK', { path, detail });
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bad('not JSON');
  }
  const p = data as Partial<FingerprintPack> | null;
  if (!p || typeof p !== 'object' || p.format !== PACK_FORMAT) throw bad(`not a ${PACK_FORMAT} file`);
  if (p.version !== PACK_VERSION)
    throw bad(`version ${String(p.version)} is not supported (expected ${PACK_VERSION})`);
  if (p.algorithm !== FINGERPRINT_ALGORITHM) throw bad(`algorithm ${String(p.algorithm)} is not supported`);
  if (typeof p.key !== 'string' || !/^[0-9a-f]{64}$/.test(p.key)) throw bad('key is not 64 hex digits');
  const fp = new Fingerprinter(p.key);
  if (p.keyId !== fp.keyId()) throw bad('keyId does not match its key');
  if (
    !Array.isArray(p.columns) ||
    p.columns.length === 0 ||
    !p.columns.every((c) => typeof c?.name === 'string' && isOneOf(CATEGORIES, c.category))
  )
    throw bad('columns must list { name, category } with known categories');
  if (!p.values || typeof p.values !== 'object') throw bad('values must be an object of print lists');
  const known = new Set<string>();
  for (const [category, prints] of Object.entries(p.values)) {
    if (!isOneOf(CATEGORIES, category)) throw bad(`unknown category "${category}" in values`);
    if (!Array.isArray(prints) || !prints.every((x) => typeof x === 'string' && PRINT.test(x)))
      throw bad(`values.${category} must be a list of 32-hex-digit prints`);
    for (const x of prints) known.add(x);
  }
  if (!Array.isArray(p.records)) throw bad('records must be a list');
  for (const r of p.records) {
    if (
      typeof r?.print !== 'string' ||
      !PRINT.test(r.print) ||
      !Array.isArray(r.values) ||
      r.values.length < 2 ||
      !r.values.every((v) => typeof v === 'string' && known.has(v))
    )
      throw bad("each record must be { print, values } with two or more of the pack's value prints");
  }
  if (!Array.isArray(p.files) || !p.files.every((x) => typeof x === 'string' && PRINT.test(x)))
    throw bad('files must be a list of 32-hex-digit prints');
  return { pack: p as FingerprintPack, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** What the scan engine needs of a pack: plain data, passed to workers in FileScanOptions. */
export function ownerPrints(pack: FingerprintPack): OwnerPrints {
  return {
    key: pack.key,
    values: pack.values,
    records: pack.records,
    files: pack.files,
    fileCategory: (pack.columns[0] as PackColumn).category,
  };
}

import type { FileError, FileResult, SkippedFile } from './finding.js';
import type { Category, Verdict } from './vocabulary.js';

export const SCHEMA_VERSION = 1 as const;

export interface RulePackInfo {
  name: string;
  version: string;
  source: string;
}

export interface Summary {
  filesScanned: number;
  bytesScanned: number;
  verdicts: Record<Verdict, number>;
  records: number;
  findings: number;
  byCategory: Partial<Record<Category, number>>;
  errors: number;
  skipped: number;
  /** True when every candidate file was fully read. */
  complete: boolean;
  durationMs: number;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'residue'; version: string };
  rulePacks: RulePackInfo[];
  /** How findings and files are fingerprinted; reports made with different keys cannot be compared. */
  fingerprints?: { algorithm: string; keyId: string };
  roots: string[];
  startedAt: string;
  finishedAt: string;
  /** Files that had findings (clean files are counted in the summary, not listed). */
  files: FileResult[];
  errors: FileError[];
  skipped: SkippedFile[];
  summary: Summary;
}

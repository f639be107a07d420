import type { FileError, FileResult, SkippedFile } from './finding.js';
import type { Category, Verdict } from './vocabulary.js';

export const SCHEMA_VERSION = 1 as const;

/** A report's files: an array, or a spooled list. Iterate it; it may be read from disk each time. */
export interface ListedFiles extends Iterable<FileResult> {
  readonly length: number;
}

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

/** A report; `Report<FileResult[]>` where the files are known to be an array (read whole from a file). */
export interface Report<Files extends ListedFiles = ListedFiles> {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'residue'; version: string };
  rulePacks: RulePackInfo[];
  /** How findings and files are fingerprinted; reports made with different keys cannot be compared. */
  fingerprints?: { algorithm: string; keyId: string };
  roots: string[];
  /** Set when the scan covered one part of the walk (`--shard K/N`); `residue merge` joins the parts. */
  shard?: { index: number; count: number };
  startedAt: string;
  finishedAt: string;
  /**
   * Files that had findings (clean files are counted in the summary, not listed), in path order. A scan that
   * lists many keeps them in a spool on disk (engine/spool), read back each time the list is iterated.
   */
  files: Files;
  errors: FileError[];
  skipped: SkippedFile[];
  /**
   * Files (and members) of a format residue does not know, searched only through their printable strings,
   * whatever their verdict: read, but not as deeply as a known format. Absent in reports before 0.1.1.
   */
  stringsOnly?: string[];
  /** Findings and files left out of `files` by `--suppressions` or `--baseline` (README "Suppressions"). */
  suppressed?: SuppressedItem[];
  /** Present when suppressions or a baseline were given: which entries expired or matched nothing. */
  suppressions?: SuppressionsStatus;
  summary: Summary;
}

/** What a suppression removed from one file: the whole file (by content fingerprint) or one finding value. */
export interface SuppressedItem {
  path: string;
  kind: 'file' | 'finding';
  /** The fingerprint that matched: the file's content fingerprint, or the finding's. */
  fingerprint: string;
  /** The finding's category (kind `finding`). */
  category?: Category;
  /** Findings removed by this match (a value may occur several times in a file). */
  findings: number;
  reason: string;
  /** Set for entries of a suppressions file; a baseline has neither owner nor expiry. */
  owner?: string;
  expires?: string;
  source: 'suppressions' | 'baseline';
}

/** One entry of a suppressions file, as reported when it expired or matched nothing. */
export interface SuppressionEntryInfo {
  fingerprint: string;
  path?: string;
  reason: string;
  owner: string;
  expires: string;
  /** Line of the entry in its file (1-based). */
  line: number;
}

export interface SuppressionsStatus {
  /** The suppressions file and the baseline report, as given on the command line. */
  file?: string;
  baseline?: string;
  /** Entries of the file still in force (not expired), used or not. */
  active: number;
  /** Past their `expires` date: they no longer suppress anything. */
  expired: SuppressionEntryInfo[];
  /** In force but matched nothing in this scan. */
  unused: SuppressionEntryInfo[];
}

import type { Category, Encoding, Inspection, Severity, Verdict } from './vocabulary.js';

/** Where a finding sits. Lines and columns are 1-based and count UTF-16 code units of the decoded text. */
export interface Location {
  line: number;
  column: number;
}

/** One reported detection. `excerpt` is masked unless the user asked for values. */
export interface Finding {
  category: Category;
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  confidence: number;
  excerpt: string;
  /** Raw value: present only when the scan ran with showValues. Never crosses a boundary otherwise. */
  value?: string;
  /** Why the confidence is what it is (pattern, validator, context words, header, record). */
  reasons: string[];
  /** Set when a validator marks the value as published test data (e.g. NHS 999 range). */
  testData?: boolean;
  /** Keyed fingerprint (HMAC) of the category and normalised value: equal facts, equal prints; no line numbers. */
  fingerprint?: string;
}

export interface FileResult {
  /** POSIX path relative to the root as given (prefixed by the root when several roots are scanned). */
  path: string;
  size: number;
  verdict: Verdict;
  /** Estimated number of person records (records that link two or more identifier categories). */
  records: number;
  inspection: Inspection;
  encoding: Encoding;
  /** Count per category of reported findings. */
  counts: Partial<Record<Category, number>>;
  findings: Finding[];
  /** True when some findings were dropped because of the per-file cap. */
  truncated?: boolean;
  /** Keyed fingerprint (HMAC) of the bytes read: the same content at another path is a copy. */
  fingerprint?: string;
}

export interface FileError {
  path: string;
  code: string;
  message: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

import type { Validator } from '../engine/detect/validators/types.js';
import type { Category, Severity } from '../model/vocabulary.js';

/** A rule after validation and compilation. Downstream code trusts it and never re-checks. */
export interface CompiledRule {
  id: string;
  name: string;
  pack: string;
  category: Category;
  severity: Severity;
  confidence: number;
  patterns: CompiledPattern[];
  /** Lower-cased prefilter words; null = always run. */
  keywords: string[] | null;
  validators: { name: string; fn: Validator }[];
  context: CompiledContext;
  /** Anchored regex tested against a whole cell under a matching header. */
  cellPattern: RegExp | null;
  examples: string[];
  negativeExamples: string[];
}

/** One entry of a rule's `patterns`. */
export interface CompiledPattern {
  /** Global; a named group `value` narrows the value, a `head` in a lookbehind begins it before the match. */
  regex: RegExp;
  /**
   * Global; the plain form an anchored `regex` stands for, or null. Where the anchored match's head reaches
   * back before the floor, the plain form finds the next match from the floor (rules/README.md).
   */
  plain: RegExp | null;
}

export interface CompiledContext {
  window: number;
  /** Matches any positive word, case-insensitive, on word boundaries; null when none are given. */
  positive: RegExp | null;
  negative: RegExp | null;
  headers: ReadonlySet<string>;
  boost: number;
  penalty: number;
  required: boolean;
  /** Boost for a context-less candidate whose record names a person; null: such candidates are dropped. */
  personRecord: { boost: number; validators: { name: string; fn: Validator }[] } | null;
}

export interface CompiledPack {
  name: string;
  version: string;
  source: string;
  rules: CompiledRule[];
}

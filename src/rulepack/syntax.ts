import type { Category, Severity } from '../model/vocabulary.js';

/**
 * The YAML shape of a rule pack, as written by people. `load.ts` checks a parsed document against
 * this shape (with file:line:column for every problem) and `compile.ts` turns it into `CompiledRule`s,
 * which downstream code trusts without re-checking.
 *
 *   name: uk-identifiers          # pack name: [a-z0-9-]+
 *   version: 1.0.0
 *   description: ...
 *   rules:
 *     - id: uk.nhs-number         # unique across every loaded pack: [a-z0-9][a-z0-9.-]*
 *       name: NHS number
 *       category: nhs-number      # CATEGORIES
 *       severity: high            # SEVERITIES
 *       confidence: 0.35          # base confidence once the pattern and validators pass (0..1)
 *       patterns: ['\b\d{3} ?\d{3} ?\d{4}\b']   # JavaScript regex sources; a named group `value`
 *                                                # narrows the value inside a wider match
 *       # An entry may instead be { anchored: '…', plain: '…' }: the anchored form (with a `head`) runs, and
 *       # the plain form it stands for decides where the anchored one cannot (rules/README.md, "Anchored
 *       # patterns"); the findings are the plain form's.
 *       flags: i                  # optional regex flags, from "imsu" (g is always added)
 *       keywords: [nhs]           # optional prefilter: the rule only runs on text containing one of these
 *                                 # (case-insensitive). Leave out for rules that must always run.
 *       validators: [nhs-mod11]   # names from the validator registry; all must pass
 *       context:
 *         window: 40              # characters searched before and after the match (default 40)
 *         positive: [nhs, patient]        # words near the value that raise confidence (+boost)
 *         negative: [invoice, order]      # words near the value that lower it (-penalty)
 *         headers: [nhs_no, nhs_number]   # column headers (normalised: lower case, runs of non-alphanumerics
 *                                         # become "_") that mark a whole column as this category
 *         boost: 0.45             # default 0.45
 *         penalty: 0.4            # default 0.4
 *         required: false         # true: without a positive word or header the candidate is dropped
 *         person_record: 0.3      # optional: a candidate with no context word or header is kept when its
 *                                 # record also names a person (+this boost); otherwise dropped as `required`
 *         person_record_validators: [adult-birth-date]   # extra validators for that path only
 *       cell_pattern: '^[A-Z][a-z]+$'     # optional: in a column whose header is listed in context.headers,
 *                                         # a cell wholly matching this is a candidate even if `patterns` miss it
 *       examples: ['NHS number: 943 476 5919']          # each must yield this rule at >= the report threshold
 *       negative_examples: ['Invoice 943 476 5919']     # none may yield this rule at >= the threshold
 */
export interface RuleSyntax {
  id: string;
  name?: string;
  description?: string;
  category: Category;
  severity: Severity;
  confidence: number;
  patterns: PatternSyntax[];
  flags?: string;
  keywords?: string[];
  validators?: string[];
  context?: ContextSyntax;
  cell_pattern?: string;
  examples: string[];
  negative_examples?: string[];
}

/** A regex source, or an anchored form with the plain form whose findings it must reproduce. */
export type PatternSyntax = string | { anchored: string; plain: string };

export interface ContextSyntax {
  window?: number;
  positive?: string[];
  negative?: string[];
  headers?: string[];
  boost?: number;
  penalty?: number;
  required?: boolean;
  person_record?: number;
  person_record_validators?: string[];
}

export interface RulePackSyntax {
  name: string;
  version: string;
  description?: string;
  rules: RuleSyntax[];
}

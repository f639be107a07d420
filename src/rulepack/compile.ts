import { normaliseHeader } from '../engine/detect/header.js';
import { isValidatorName, VALIDATORS } from '../engine/detect/validators/index.js';
import { ResidueError } from '../model/errors.js';
import type { CompiledContext, CompiledPack, CompiledPattern, CompiledRule } from './compiled.js';
import type { LoadedPack } from './load.js';
import { hasNamedGroup, regexShapeProblem } from './regex-safety.js';
import type { ContextSyntax, RulePackSyntax } from './syntax.js';

export const DEFAULT_WINDOW = 40;
export const DEFAULT_BOOST = 0.45;
export const DEFAULT_PENALTY = 0.4;

/** A pack as loadRulePack read it, without the means to point into its file: what a worker thread receives. */
export interface CheckedPack {
  file: string;
  syntax: RulePackSyntax;
}

/**
 * Compiles packs that compilePacks has already accepted (in the main thread): a worker skips the YAML parser
 * and the regex shape checks, which are most of a worker's start-up time.
 */
export function compileChecked(packs: readonly CheckedPack[]): CompiledPack[] {
  return compilePacks(
    packs.map((p) => ({ ...p, positionOf: () => ({ file: p.file }) })),
    { checked: true },
  );
}

/** Turns checked packs into compiled rules; rejects bad regexes, unknown validators and duplicate ids. */
export function compilePacks(packs: LoadedPack[], { checked = false } = {}): CompiledPack[] {
  const seen = new Map<string, string>();
  return packs.map((pack) => {
    const rules = pack.syntax.rules.map((rule, i): CompiledRule => {
      const path = ['rules', i];
      const previous = seen.get(rule.id);
      if (previous !== undefined) {
        throw new ResidueError(
          'RULEPACK_DUPLICATE_ID',
          { ruleId: rule.id, other: previous },
          pack.positionOf([...path, 'id']),
        );
      }
      seen.set(rule.id, pack.file);
      const flags = `${rule.flags ?? ''}g`;
      const regex = (source: string, where: (string | number)[], extraFlags = flags): RegExp => {
        let compiled: RegExp;
        try {
          compiled = new RegExp(source, extraFlags);
        } catch (e) {
          throw new ResidueError(
            'RULEPACK_REGEX',
            { ruleId: rule.id, detail: e instanceof Error ? e.message : String(e) },
            pack.positionOf(where),
          );
        }
        if (checked) return compiled;
        const problem = regexShapeProblem(source, extraFlags);
        if (problem?.kind === 'head-outside-lookbehind') {
          throw new ResidueError(
            'RULEPACK_REGEX',
            {
              ruleId: rule.id,
              detail: 'the group `head` must sit in one lookbehind (?<=…) that ends where the match starts',
            },
            pack.positionOf(where),
          );
        }
        if (problem?.kind === 'nested-repeat') {
          throw new ResidueError(
            'RULEPACK_REGEX_BACKTRACKING',
            { ruleId: rule.id, repeat: problem.repeat },
            pack.positionOf(where),
          );
        }
        return compiled;
      };
      const patterns = rule.patterns.map((p, j): CompiledPattern => {
        const where = [...path, 'patterns', j];
        if (typeof p === 'string') return { regex: regex(p, where), plain: null };
        const anchored = regex(p.anchored, [...where, 'anchored']);
        const plain = regex(p.plain, [...where, 'plain']);
        if (!checked) {
          // Only a head ever reaches back to need the plain form; a plain form with a head would need one itself.
          const refuse = (form: 'anchored' | 'plain', detail: string): never => {
            throw new ResidueError(
              'RULEPACK_REGEX',
              { ruleId: rule.id, detail },
              pack.positionOf([...where, form]),
            );
          };
          if (hasNamedGroup(p.anchored, flags, 'head') === false) {
            refuse(
              'anchored',
              'an anchored form needs a group `head` in a lookbehind (?<=…) ending where the match starts',
            );
          }
          if (hasNamedGroup(p.plain, flags, 'head') === true) {
            refuse(
              'plain',
              'a plain form must not have a group `head`: it is the form the anchored one stands for',
            );
          }
        }
        return { regex: anchored, plain };
      });
      const validatorList = (names: string[], where: (string | number)[]) =>
        names.map((name, j) => {
          if (!isValidatorName(name)) {
            throw new ResidueError(
              'RULEPACK_UNKNOWN_VALIDATOR',
              { ruleId: rule.id, validator: name },
              pack.positionOf([...where, j]),
            );
          }
          return { name, fn: VALIDATORS[name] };
        });
      const validators = validatorList(rule.validators ?? [], [...path, 'validators']);
      const ctx = rule.context;
      const personRecord =
        ctx?.person_record === undefined
          ? null
          : {
              boost: ctx.person_record,
              validators: validatorList(ctx.person_record_validators ?? [], [
                ...path,
                'context',
                'person_record_validators',
              ]),
            };
      const cellPattern =
        rule.cell_pattern === undefined
          ? null
          : regex(`^(?:${rule.cell_pattern})$`, [...path, 'cell_pattern'], rule.flags ?? '');
      return {
        id: rule.id,
        name: rule.name ?? rule.id,
        pack: pack.syntax.name,
        category: rule.category,
        severity: rule.severity,
        confidence: rule.confidence,
        patterns,
        keywords: rule.keywords ? rule.keywords.map((k) => k.toLowerCase()) : null,
        validators,
        context: compileContext(rule.context, personRecord),
        cellPattern,
        examples: rule.examples,
        negativeExamples: rule.negative_examples ?? [],
      };
    });
    return { name: pack.syntax.name, version: pack.syntax.version, source: pack.file, rules };
  });
}

function compileContext(
  ctx: ContextSyntax | undefined,
  personRecord: CompiledContext['personRecord'],
): CompiledContext {
  return {
    window: ctx?.window ?? DEFAULT_WINDOW,
    positive: wordsRegex(ctx?.positive),
    negative: wordsRegex(ctx?.negative),
    headers: new Set((ctx?.headers ?? []).map(normaliseHeader)),
    boost: ctx?.boost ?? DEFAULT_BOOST,
    penalty: ctx?.penalty ?? DEFAULT_PENALTY,
    required: ctx?.required ?? false,
    personRecord,
  };
}

/** One case-insensitive regex for a word list; words may hold punctuation ("d.o.b", "a/c"). */
function wordsRegex(words: string[] | undefined): RegExp | null {
  if (!words || words.length === 0) return null;
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '[\\s_-]+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

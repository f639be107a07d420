// Types for corpus.mjs (the bench scripts are plain JavaScript; the tests are TypeScript).
import type { Label } from '../score.mjs';

export type { Label };

export interface PlanItem {
  kind: string;
  verdict: Label['verdict'];
  count: number;
  dirs: string[];
  project?: boolean;
}

export interface Corpus {
  files: { path: string; content: Buffer; label: Label }[];
  registry: Record<string, string[]>;
}

export interface Manifest {
  files: number;
  bytes: number;
  verdicts: Record<string, number>;
  sha256: string;
  labelsSha256: string;
}

export const PLAN: readonly PlanItem[];
export const POSITIVE_KINDS: readonly string[];
export function buildCorpus(opts?: { seed?: number; scale?: number }): Corpus;
export function manifest(corpus: Corpus): Manifest;
export function labelsJson(corpus: Corpus): string;
export function writeCorpus(out: string, corpus: Corpus): string;

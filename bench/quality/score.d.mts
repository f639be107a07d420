// Types for score.mjs (the bench scripts are plain JavaScript; the tests are TypeScript).

export type Verdict = 'personal-data' | 'contains-pii' | 'clean';
export type Outcome = Verdict | 'error';

export interface Label {
  path: string;
  verdict: Verdict;
  kind: string;
  records?: number;
  entities: Record<string, number>;
  dobFormat?: string;
  note?: string;
}

export interface Report {
  files: { path: string; verdict: Verdict; records: number; counts: Record<string, number> }[];
  errors?: { path: string; code: string; message: string }[];
  summary?: { durationMs?: number };
}

export interface Ratio {
  hit: number;
  total: number;
  rate: number | null;
}

export interface FileOutcome {
  path: string;
  kind: string;
  label: Verdict;
  reported: Outcome;
  records: number;
  labelledRecords?: number;
  counts: Record<string, number>;
  entities: Record<string, number>;
  note?: string;
}

export interface Score {
  files: number;
  confusion: Record<Verdict, Record<Outcome, number>>;
  personalData: {
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
  };
  records: { labelled: number; reported: number; exact: Ratio };
  entities: Record<string, Ratio>;
  dobFormats: Record<string, Ratio>;
  kinds: {
    kind: string;
    verdict: Verdict;
    files: number;
    reported: Record<Outcome, number>;
    personalData: Ratio;
    exact: Ratio;
  }[];
  misses: FileOutcome[];
  falseAlarms: FileOutcome[];
  unlabelled: string[];
  errors: { path: string; code: string; message: string }[];
  scanMs: number | null;
}

export const VERDICTS: readonly Verdict[];
export const OUTCOMES: readonly Outcome[];
export function ratio(hit: number, total: number): Ratio;
export function score(labels: Label[], report: Report): Score;
export function formatText(s: Score, extra?: { wallMs?: number }): string;
